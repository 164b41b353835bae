// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamcopier.h"

#include "teambatchwriter.h"
#include "teamconnection.h"

#include "base/atomicfile.h"
#include "history/historyreader.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace dockside::teamhistory {

QString originOf(const QString &localHistoryPath, QString *errorMessage)
{
    const QString path = localHistoryPath + QStringLiteral(".origin");
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QUuid known = QUuid::fromString(QString::fromLatin1(file.readAll().trimmed()));
        if (!known.isNull())
            return known.toString(QUuid::WithoutBraces);
    }
    const QString created = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!base::writeFileAtomically(path, created.toLatin1() + '\n', errorMessage, base::FileAccess::OwnerOnly))
        return {};
    return created;
}

// Lives on the copier's thread: owns the team connection and a reader of the local history.
class TeamCopyWorker final : public QObject {
public:
    TeamCopyWorker(TeamCopier &copier, TeamCopyOptions options, QString origin)
        : m_copier(copier)
        , m_options(std::move(options))
        , m_origin(std::move(origin))
        , m_connection(QStringLiteral("copy"))
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &TeamCopyWorker::step);
        step();
    }

    void wake()
    {
        // While failing, the retry interval stands: new rows must not turn it into a connection attempt per request.
        if (m_timer && !m_failing)
            m_timer->start(0);
    }

    // Copies until caught up or out of time, then lets go of both databases.
    void finish(QThread *owner)
    {
        delete std::exchange(m_timer, nullptr);
        const QDeadlineTimer deadline(m_options.stopBudgetMs);
        while (!deadline.hasExpired()) {
            const int copied = copyBatch();
            if (copied <= 0)
                break;
        }
        m_reader.close();
        m_writer.reset();
        m_connection.close();
        moveToThread(owner);
    }

private:
    void step()
    {
        const int copied = copyBatch();
        if (!m_timer)
            return;
        // A full batch means more are waiting; otherwise wait for wake() or the next look.
        m_timer->start(copied < 0 ? m_options.retryMs : copied >= m_options.batchRows ? 0 : m_options.pollMs);
    }

    bool connectIfNeeded(QString *errorMessage)
    {
        if (m_connection.isOpen() && !m_connection.isBroken())
            return true;
        if (!m_connection.open(m_options.database, m_options.password, true, errorMessage))
            return false;
        QSqlQuery query(m_connection.database());
        if (!m_connection.run(
                query, QStringLiteral("SELECT copied_up_to FROM dockside_origins WHERE origin = CAST(? AS uuid)"),
                {m_origin}, errorMessage)) {
            m_connection.close();
            return false;
        }
        m_copiedUpTo = query.next() ? query.value(0).toLongLong() : 0;
        query.finish(); // libpq's connection is the batch writer's from here
        m_writer = std::make_unique<TeamBatchWriter>(m_connection.handle());
        return true;
    }

    bool openLocal(QString *errorMessage)
    {
        if (m_reader.isOpen())
            return true;
        if (!QFile::exists(m_options.localHistoryPath))
            return true; // nothing recorded yet
        return m_reader.open(m_options.localHistoryPath, errorMessage);
    }

    // Rows copied, 0 when caught up, -1 on a failure (reported once per streak).
    int copyBatch()
    {
        QString errorMessage;
        const int copied = tryCopyBatch(&errorMessage);
        if (copied < 0) {
            if (!std::exchange(m_failing, true))
                Q_EMIT m_copier.failed(errorMessage);
        } else if (std::exchange(m_failing, false)) {
            Q_EMIT m_copier.recovered();
        }
        return copied;
    }

    int tryCopyBatch(QString *errorMessage)
    {
        if (!openLocal(errorMessage)) {
            *errorMessage = QStringLiteral("The local history %1 cannot be read, so nothing is copied to the team "
                                           "history: %2")
                                .arg(m_options.localHistoryPath, *errorMessage);
            return -1;
        }
        if (!m_reader.isOpen())
            return 0;
        const qint64 newest = m_reader.maxId();
        if (newest < 0) {
            *errorMessage = m_reader.lastError();
            m_reader.close();
            return -1;
        }
        if (!connectIfNeeded(errorMessage)) {
            m_copier.m_backlog.store(std::max<qint64>(0, newest - m_copiedUpTo));
            return -1;
        }
        m_copier.m_backlog.store(std::max<qint64>(0, newest - m_copiedUpTo));
        if (newest <= m_copiedUpTo)
            return 0;

        const std::optional<QList<history::ExchangeRecord>> records =
            m_reader.loadAfter(m_copiedUpTo, m_options.batchRows);
        if (!records) {
            *errorMessage = m_reader.lastError();
            return -1;
        }
        if (records->isEmpty()) {
            // Rows removed locally (retention, a clear) before they were copied: nothing left to take below newest.
            m_copiedUpTo = newest;
            return 0;
        }
        const qint64 upTo = records->last().id;
        qint64 newestId = 0;
        QString serverMessage;
        if (!m_writer->write(m_origin, *records, upTo, &newestId, &serverMessage)) {
            *errorMessage = m_connection.describeServerMessage(serverMessage);
            if (m_connection.isBroken()) {
                m_writer.reset();
                m_connection.close(); // opened again, with its statements prepared again, at the next attempt
            }
            return -1;
        }
        m_copiedUpTo = upTo;
        const qint64 backlog = std::max<qint64>(0, newest - upTo);
        m_copier.m_backlog.store(backlog);
        m_copier.m_copiedRows.fetch_add(records->size());
        Q_EMIT m_copier.copied(records->size(), backlog);
        return static_cast<int>(records->size());
    }

    TeamCopier &m_copier;
    TeamCopyOptions m_options;
    QString m_origin;
    TeamConnection m_connection;
    history::HistoryReader m_reader;
    std::unique_ptr<TeamBatchWriter> m_writer; // on the open connection
    QTimer *m_timer = nullptr;
    qint64 m_copiedUpTo = 0;
    bool m_failing = false;
};

TeamCopier::TeamCopier(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("dockside-team-copy"));
}

TeamCopier::~TeamCopier()
{
    stop();
}

bool TeamCopier::start(const TeamCopyOptions &options, QString *errorMessage)
{
    stop();
    m_origin = originOf(options.localHistoryPath, errorMessage);
    if (m_origin.isEmpty())
        return false;
    m_backlog.store(0);
    m_copiedRows.store(0);
    m_worker = new TeamCopyWorker(*this, options, m_origin);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &TeamCopyWorker::begin, Qt::QueuedConnection);
    return true;
}

void TeamCopier::stop()
{
    if (!m_worker)
        return;
    TeamCopyWorker *worker = std::exchange(m_worker, nullptr);
    QMetaObject::invokeMethod(
        worker, [worker, this] { worker->finish(thread()); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete worker;
}

void TeamCopier::wake()
{
    if (TeamCopyWorker *worker = m_worker)
        QMetaObject::invokeMethod(worker, &TeamCopyWorker::wake, Qt::QueuedConnection);
}

} // namespace dockside::teamhistory
