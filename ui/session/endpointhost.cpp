// SPDX-License-Identifier: GPL-3.0-or-later

#include "endpointhost.h"

#include "history/historystore.h"

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
    connect(m_store, &history::HistoryStore::appended, this, &EndpointHost::historyAppended);
    connect(m_store, &history::HistoryStore::failed, this, &EndpointHost::historyFailed);
    connect(m_store, &history::HistoryStore::cleared, this, &EndpointHost::historyCleared);
    connect(m_store, &history::HistoryStore::forgotten, this, &EndpointHost::historyForgotten);
    connect(m_store, &history::HistoryStore::retentionApplied, this, &EndpointHost::retentionApplied);

    m_thread.start();
    QMetaObject::invokeMethod(m_counterTimer, qOverload<>(&QTimer::start), Qt::QueuedConnection);
}

EndpointHost::~EndpointHost()
{
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
}

bool EndpointHost::openHistory(const history::HistoryOptions &options, QString *error)
{
    bool opened = false;
    QString message;
    QMetaObject::invokeMethod(
        m_store,
        [&] {
            opened = m_store->open(options, &message);
            m_historyNotice = opened ? m_store->openNotice() : QString();
        },
        Qt::BlockingQueuedConnection);
    m_historyOpen = opened;
    m_historyPath = opened ? options.databasePath : QString();
    if (!opened && error)
        *error = message;
    return opened;
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
    QMetaObject::invokeMethod(
        m_store, [this] { m_store->clear(); }, Qt::QueuedConnection);
}

} // namespace dockside::ui
