// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamlistener.h"

#include "teamconnection.h"
#include "teamcopier.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>

namespace dockside::teamhistory {

// Lives on the listener's thread, where the driver's socket notifier delivers the notifications.
class TeamListenWorker final : public QObject {
public:
    TeamListenWorker(TeamListener &listener, TeamDatabase database, QString password)
        : m_listener(listener)
        , m_database(std::move(database))
        , m_password(std::move(password))
        , m_connection(QStringLiteral("listen"))
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(TeamListener::kReconnectMs);
        connect(m_timer, &QTimer::timeout, this, &TeamListenWorker::check);
        m_timer->start();
        check();
    }

    void finish(QThread *owner)
    {
        delete std::exchange(m_timer, nullptr);
        m_connection.close();
        moveToThread(owner);
    }

private:
    void check()
    {
        if (m_connection.isOpen() && !m_connection.isBroken())
            return;
        QString errorMessage;
        if (!m_connection.open(m_database, m_password, false, &errorMessage) || !subscribe(&errorMessage)) {
            m_connection.close();
            if (!std::exchange(m_failing, true))
                Q_EMIT m_listener.failed(errorMessage);
            return;
        }
        m_failing = false;
        Q_EMIT m_listener.listening();
        Q_EMIT m_listener.newExchanges(0); // whatever arrived while nobody listened
    }

    bool subscribe(QString *errorMessage)
    {
        QSqlDriver *driver = m_connection.database().driver();
        const QString channel = QString::fromLatin1(kTeamNotifyChannel);
        if (!driver->subscribeToNotification(channel)) {
            *errorMessage = QStringLiteral("The team history %1 does not deliver notifications (%2); new exchanges "
                                           "appear when the timeline is refreshed.")
                                .arg(m_database.url, driver->lastError().text());
            return false;
        }
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    Q_EMIT m_listener.newExchanges(payload.toString().toLongLong());
                });
        return true;
    }

    TeamListener &m_listener;
    TeamDatabase m_database;
    QString m_password;
    TeamConnection m_connection;
    QTimer *m_timer = nullptr;
    bool m_failing = false;
};

TeamListener::TeamListener(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("dockside-team-listen"));
}

TeamListener::~TeamListener()
{
    stop();
}

void TeamListener::start(const TeamDatabase &database, const QString &password)
{
    stop();
    m_worker = new TeamListenWorker(*this, database, password);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &TeamListenWorker::begin, Qt::QueuedConnection);
}

void TeamListener::stop()
{
    if (!m_worker)
        return;
    TeamListenWorker *worker = std::exchange(m_worker, nullptr);
    QMetaObject::invokeMethod(
        worker, [worker, this] { worker->finish(thread()); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete worker;
}

} // namespace dockside::teamhistory
