// SPDX-License-Identifier: GPL-3.0-or-later

#include "endpointhost.h"

#include "history/historystore.h"
#include "teamhistory/teamcopier.h"
#include "teamhistory/teamdatabase.h"
#include "teamhistory/teamlistener.h"
#include "teamhistory/teammaintenance.h"

#include <QPointer>

namespace dockside::ui {

namespace {
constexpr int kCounterIntervalMs = 200;
}

EndpointHost::EndpointHost(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("Mock endpoint"));
    m_store = new history::HistoryStore;
    m_endpoint = new mock::MockEndpoint(m_store);
    m_counterTimer = new QTimer;
    m_counterTimer->setInterval(kCounterIntervalMs);
    m_store->moveToThread(&m_thread);
    m_endpoint->moveToThread(&m_thread);
    m_counterTimer->moveToThread(&m_thread);

    connect(m_endpoint, &mock::MockEndpoint::started, this, [this](const QUrl &url) {
        m_running = true;
        m_url = url;
        Q_EMIT started(url);
    });
    connect(m_endpoint, &mock::MockEndpoint::failed, this, [this](const QString &message) {
        m_running = false;
        m_url.clear();
        Q_EMIT failed(message);
    });
    connect(m_endpoint, &mock::MockEndpoint::stopped, this, [this] {
        m_running = false;
        m_url.clear();
        Q_EMIT stopped();
    });
    connect(m_endpoint, &mock::MockEndpoint::requestRejected, this, &EndpointHost::requestRejected);
    // Runs on the worker thread: only marks, so a thousand requests a second cost one signal per interval.
    connect(m_endpoint, &mock::MockEndpoint::countersChanged, m_endpoint, [this] { m_countersDirty = true; });
    connect(m_endpoint, &mock::MockEndpoint::started, m_endpoint, [this] { m_relayed = 0; });
    connect(
        m_endpoint, &mock::MockEndpoint::exchangeRecorded, m_endpoint, [this](const history::ExchangeRecord &record) {
            if (!record.forwarded)
                return;
            const history::ForwardedLeg &leg = *record.forwarded;
            m_upstream = UpstreamReport {leg.upstreamUrl, leg.responseStatus,          leg.finishedAfterUs, leg.verdict,
                                         leg.error,       record.request.receivedAtUs, ++m_relayed};
        });
    connect(m_counterTimer, &QTimer::timeout, m_counterTimer, [this] {
        if (std::optional<UpstreamReport> upstream = std::exchange(m_upstream, std::nullopt))
            QMetaObject::invokeMethod(
                this, [this, report = *upstream] { Q_EMIT upstreamSeen(report); }, Qt::QueuedConnection);
        const mock::MockCounters counters = m_endpoint->counters();
        // The history's backlog drains after the traffic stops, so it is a reason to report on its own.
        const bool backlogChanged =
            std::exchange(m_reportedBacklog, counters.historyBacklog) != counters.historyBacklog;
        if (!std::exchange(m_countersDirty, false) && !backlogChanged)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, counters] {
                m_counters = counters;
                Q_EMIT countersChanged(counters);
            },
            Qt::QueuedConnection);
    });
    connect(m_store, &history::HistoryStore::appended, this, [this](const QList<qint64> &ids) {
        // With a team history the readers see the team database's ids, announced by its listener; these are local.
        if (m_teamCopier)
            m_teamCopier->wake();
        else
            Q_EMIT historyAppended(ids);
    });
    connect(m_store, &history::HistoryStore::failed, this, &EndpointHost::historyFailed);
    connect(m_store, &history::HistoryStore::cleared, this, &EndpointHost::historyCleared);
    connect(m_store, &history::HistoryStore::forgotten, this, &EndpointHost::historyForgotten);
    connect(m_store, &history::HistoryStore::retentionApplied, this, &EndpointHost::retentionApplied);

    m_thread.start();
    QMetaObject::invokeMethod(m_counterTimer, qOverload<>(&QTimer::start), Qt::QueuedConnection);
}

EndpointHost::~EndpointHost()
{
    for (QThread *job : std::as_const(m_teamJobs))
        job->wait();
    qDeleteAll(std::exchange(m_teamJobs, {}));
    // Stop listening, write what is queued, then let the objects go with their thread.
    QMetaObject::invokeMethod(
        m_endpoint,
        [this] {
            m_counterTimer->stop();
            m_endpoint->stop();
            m_store->close();
            delete m_counterTimer;
            delete m_endpoint;
            delete m_store;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    // The store has written its last rows into the local history; the copier takes what it can before it stops.
    if (m_teamCopier) {
        m_teamCopier->wake();
        m_teamCopier->stop();
    }
}

bool EndpointHost::openHistory(const history::HistoryOptions &options, QString *error)
{
    history::HistoryOptions local = options;
    std::optional<teamhistory::TeamDatabase> team;
    if (teamhistory::isTeamHistoryUrl(options.databasePath)) {
        team = teamhistory::parseTeamHistoryUrl(options.databasePath, error);
        if (!team)
            return false;
        local.databasePath = teamhistory::localCachePath(*team);
    }
    bool opened = false;
    QString message;
    QMetaObject::invokeMethod(
        m_store,
        [&] {
            opened = m_store->open(local, &message);
            m_historyNotice = opened ? m_store->openNotice() : QString();
        },
        Qt::BlockingQueuedConnection);
    m_historyOpen = opened;
    m_historyPath = opened ? options.databasePath : QString();
    if (!opened && error)
        *error = message;
    if (opened && team)
        startTeamHistory(*team, local.databasePath);
    return opened;
}

void EndpointHost::startTeamHistory(const teamhistory::TeamDatabase &database, const QString &localPath)
{
    m_teamLocalPath = localPath;
    m_teamCopier = std::make_unique<teamhistory::TeamCopier>();
    connect(m_teamCopier.get(), &teamhistory::TeamCopier::failed, this, [this](const QString &message) {
        if (!m_teamCopier->isRunning())
            return; // stopped for a role that may only read: that is what the status says
        m_teamProblem = message;
        Q_EMIT historyFailed(message + tr(" Exchanges are kept on this machine and copied when it is back."));
        reportTeamStatus();
    });
    connect(m_teamCopier.get(), &teamhistory::TeamCopier::recovered, this, [this] {
        m_teamProblem.clear();
        reportTeamStatus();
    });
    connect(m_teamCopier.get(), &teamhistory::TeamCopier::copied, this, &EndpointHost::reportTeamStatus);
    teamhistory::TeamCopyOptions copyOptions;
    copyOptions.database = database;
    copyOptions.localHistoryPath = localPath;
    QString error;
    if (!m_teamCopier->start(copyOptions, &error))
        Q_EMIT historyFailed(error);

    m_teamListener = std::make_unique<teamhistory::TeamListener>();
    connect(m_teamListener.get(), &teamhistory::TeamListener::newExchanges, this, [this](qint64 newestId) {
        if (newestId > 0)
            Q_EMIT historyAppended({newestId});
        else
            Q_EMIT teamHistoryResumed();
    });
    m_teamListener->start(database, {});
    m_teamStatusTimer = new QTimer(this);
    m_teamStatusTimer->setInterval(1000);
    connect(m_teamStatusTimer, &QTimer::timeout, this, &EndpointHost::reportTeamStatus);
    m_teamStatusTimer->start();
    reportTeamStatus();
}

void EndpointHost::restartTeamHistory()
{
    const std::optional<teamhistory::TeamDatabase> database = teamhistory::parseTeamHistoryUrl(m_historyPath, nullptr);
    if (!database || !m_teamCopier)
        return;
    m_teamCopier->stop();
    m_teamListener->stop();
    delete std::exchange(m_teamStatusTimer, nullptr);
    m_teamProblem.clear();
    startTeamHistory(*database, m_teamLocalPath);
}

void EndpointHost::stopTeamCopy()
{
    if (m_teamCopier)
        m_teamCopier->stop();
    m_teamProblem = tr("this role may only read: this window's own exchanges stay on this machine");
    reportTeamStatus();
}

void EndpointHost::reportTeamStatus()
{
    if (!m_teamCopier)
        return;
    const qint64 backlog = m_teamCopier->backlog();
    QString status = backlog > 0 ? tr("%1 waiting to be copied").arg(QLocale().toString(backlog)) : tr("up to date");
    if (!m_teamProblem.isEmpty())
        status = m_teamCopier->isRunning() ? tr("unreachable, %1").arg(status) : m_teamProblem;
    if (std::exchange(m_teamStatusText, status) != status)
        Q_EMIT teamStatusChanged(status, !m_teamProblem.isEmpty());
}

void EndpointHost::runTeamJob(std::function<void()> job)
{
    // A DELETE over millions of rows must neither freeze the window nor hold up the endpoint's answers.
    QThread *thread = QThread::create(std::move(job));
    m_teamJobs.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_teamJobs.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

void EndpointHost::start(const mock::MockEndpointOptions &options)
{
    m_options = options;
    QMetaObject::invokeMethod(
        m_endpoint, [this, options] { m_endpoint->start(options); }, Qt::QueuedConnection);
}

void EndpointHost::stop()
{
    QMetaObject::invokeMethod(m_endpoint, &mock::MockEndpoint::stop, Qt::QueuedConnection);
}

void EndpointHost::setResponder(const mock::MockResponder &responder)
{
    QMetaObject::invokeMethod(
        m_endpoint, [this, responder] { m_endpoint->setResponder(responder); }, Qt::QueuedConnection);
}

void EndpointHost::setResignSecret(const QByteArray &secret)
{
    m_options.relay.resignSecret = secret;
    QMetaObject::invokeMethod(
        m_endpoint, [this, secret] { m_endpoint->setResignSecret(secret); }, Qt::QueuedConnection);
}

void EndpointHost::setClock(const base::MockClock &clock, bool allowClockHeader)
{
    m_options.clock = clock;
    m_options.allowClockHeader = allowClockHeader;
    QMetaObject::invokeMethod(
        m_endpoint, [this, clock, allowClockHeader] { m_endpoint->setClock(clock, allowClockHeader); },
        Qt::QueuedConnection);
}

void EndpointHost::recordOutbound(const history::ExchangeRecord &record)
{
    QMetaObject::invokeMethod(
        m_store, [this, record] { m_store->append(record); }, Qt::QueuedConnection);
}

void EndpointHost::forgetCaller(const QString &number)
{
    if (m_teamCopier) {
        // The team database forgets the caller; so does this machine's local copy below.
        const auto team = teamhistory::parseTeamHistoryUrl(m_historyPath, nullptr);
        QPointer<EndpointHost> self(this);
        runTeamJob([self, database = *team, number] {
            QString error;
            const auto result = teamhistory::TeamMaintenance(database).forgetCaller(number, &error);
            QMetaObject::invokeMethod(self, [self, result, error] {
                if (self && !result)
                    Q_EMIT self->historyFailed(error);
                else if (self)
                    Q_EMIT self->teamHistoryResumed();
            });
        });
    }
    QMetaObject::invokeMethod(
        m_store, [this, number] { m_store->forgetCaller(number); }, Qt::QueuedConnection);
}

void EndpointHost::setRetention(qint64 maxRows, int maxAgeDays)
{
    QMetaObject::invokeMethod(
        m_store, [this, maxRows, maxAgeDays] { m_store->setRetention(maxRows, maxAgeDays); }, Qt::QueuedConnection);
}

void EndpointHost::clearHistory()
{
    if (m_teamCopier) {
        const auto team = teamhistory::parseTeamHistoryUrl(m_historyPath, nullptr);
        QPointer<EndpointHost> self(this);
        runTeamJob([self, database = *team] {
            QString error;
            const std::optional<qint64> removed = teamhistory::TeamMaintenance(database).clear(&error);
            QMetaObject::invokeMethod(self, [self, removed, error] {
                if (self && removed)
                    Q_EMIT self->historyCleared(*removed);
                else if (self)
                    Q_EMIT self->historyFailed(error);
            });
        });
        return;
    }
    QMetaObject::invokeMethod(
        m_store, [this] { m_store->clear(); }, Qt::QueuedConnection);
}

} // namespace dockside::ui
