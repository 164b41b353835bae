// SPDX-License-Identifier: GPL-3.0-or-later

#include "mockendpoint.h"

#include "base/wallclock.h"
#include "history/historystore.h"
#include "http/httpconnection.h"
#include "http/httpserver.h"
#include "relay/relay.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace dockside::mock {

// One request on its way to an answer: durable first, then the template's delay, then the wire.
struct PendingAnswer {
    QPointer<http::HttpConnection> connection;
    PlannedAnswer plan;
    QElapsedTimer sinceReceived;
};

qint64 answerLatencyUs(qint64 receivedAtUs, qint64 handledAtUs, qint64 decidedAtUs, qint64 holdMs)
{
    // The delay runs from when the request was handed over, so a slow decision overlaps it instead of adding to it.
    const qint64 untilHoldEndsUs = (handledAtUs - receivedAtUs) + holdMs * 1000;
    return std::max<qint64>(0, std::max(untilHoldEndsUs, decidedAtUs - receivedAtUs));
}

MockEndpoint::MockEndpoint(history::HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_history(history)
{
}

MockEndpoint::~MockEndpoint()
{
    stop();
}

void MockEndpoint::setResponder(const MockResponder &responder)
{
    m_responder = responder;
}

void MockEndpoint::start(const MockEndpointOptions &options)
{
    stop();
    m_options = options;
    m_server = std::make_unique<http::HttpServer>();
    QString error;
    if (!m_server->listen(options.address, options.port, options.limits, &error)) {
        m_server.reset();
        Q_EMIT failed(error);
        return;
    }
    m_relay = std::make_unique<relay::Relay>(options.relay);
    connect(m_server.get(), &http::HttpServer::requestReady, this, &MockEndpoint::handleRequest);
    connect(m_server.get(), &http::HttpServer::requestRejected, this,
            [this](const QString &peer, int status, const QString &reason) {
                ++m_counters.rejected;
                Q_EMIT requestRejected(peer, status, reason);
                Q_EMIT countersChanged();
            });
    // Without any path: the request target brings its own, and StripTrailingSlash keeps a lone "/" (giving "//").
    m_baseUrl = url().adjusted(QUrl::RemovePath).toString();
    Q_EMIT started(url());
}

void MockEndpoint::setResignSecret(const QByteArray &secret)
{
    m_options.relay.resignSecret = secret;
    if (m_relay)
        m_relay->setResignSecret(secret);
}

void MockEndpoint::setClock(const base::MockClock &clock, bool allowClockHeader)
{
    m_options.clock = clock;
    m_options.allowClockHeader = allowClockHeader;
}

void MockEndpoint::stop()
{
    if (!m_server)
        return;
    // Exchanges waiting on the webhook go into the history with what is known of them, not away with the relay.
    if (m_relay)
        m_relay->stopAll();
    m_server->close();
    m_server.reset();
    m_relay.reset();
    Q_EMIT stopped();
}

MockCounters MockEndpoint::counters() const
{
    MockCounters counters = m_counters;
    counters.historyBacklog = m_history ? m_history->backlog() : 0;
    return counters;
}

bool MockEndpoint::isRunning() const
{
    return m_server && m_server->isListening();
}

QUrl MockEndpoint::url() const
{
    if (!isRunning())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    QHostAddress host = m_server->address();
    // Any-address binds are reachable on loopback too; that is the URL a local user can click.
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    url.setHost(host.toString());
    url.setPort(m_server->port());
    url.setPath(QStringLiteral("/"));
    return url;
}

void MockEndpoint::handleRequest(http::HttpConnection *connection, const base::CapturedRequest &request)
{
    ++m_counters.received;
    auto pending = std::make_shared<PendingAnswer>();
    pending->sinceReceived.start();
    const qint64 handledAtUs = base::nowMicroseconds();
    pending->connection = connection;
    const QDateTime realNow = QDateTime::currentDateTimeUtc();
    const ClockDecision clock = decideClock(m_options, request, realNow);
    pending->plan = m_responder.plan(request, realNow, clock.at, rules::Explanation::Skipped);
    pending->plan.record.clockNote = clock.note;
    pending->plan.record.latencyUs =
        answerLatencyUs(request.receivedAtUs, handledAtUs, base::nowMicroseconds(), pending->plan.holdMs);
    const QString target = QString::fromLatin1(request.target);
    pending->plan.record.url =
        m_baseUrl + (target.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + target;
    if (pending->plan.forward) {
        forward(pending, request);
        return;
    }
    recordAndDeliver(pending);
}

void MockEndpoint::forward(const std::shared_ptr<PendingAnswer> &pending, const base::CapturedRequest &request)
{
    const PlannedForward &planned = *pending->plan.forward;
    m_relay->forward(request, planned.answer.upstream, planned.deadlineMs, planned.answer.late,
                     [this, pending, receivedAtUs = request.receivedAtUs](const relay::RelayResult &result) {
                         m_responder.completeForward(pending->plan, result);
                         pending->plan.record.latencyUs = std::max<qint64>(0, base::nowMicroseconds() - receivedAtUs);
                         recordAndDeliver(pending);
                     });
}

void MockEndpoint::recordAndDeliver(const std::shared_ptr<PendingAnswer> &pending)
{
    if (!m_history) {
        deliver(pending);
        return;
    }
    // The record is durable whether or not the endpoint is still there to answer when the history says so.
    m_history->append(pending->plan.record, [this, guard = QPointer<MockEndpoint>(this), pending](bool stored) {
        if (!guard)
            return;
        if (!stored) {
            pending->plan.record.id = -1;
            // Answering would break the promise that every answered request is in the history.
            pending->plan.fault = workspace::Fault::None;
            pending->plan.holdMs = 0;
            pending->plan.response = {503,
                                      {{"Content-Type", "text/plain; charset=utf-8"}},
                                      "Dockside could not record this request in its history (see the Dockside "
                                      "window or log); it was not answered from a template.\n",
                                      false};
        }
        deliver(pending);
    });
}

void MockEndpoint::deliver(const std::shared_ptr<PendingAnswer> &pending)
{
    const qint64 remainingMs = pending->plan.holdMs - pending->sinceReceived.elapsed();
    if (remainingMs > 0) {
        // Qt timers may fire early; a precise timer keeps simulated latency honest.
        QTimer::singleShot(std::chrono::milliseconds(remainingMs), Qt::PreciseTimer, this,
                           [this, pending] { deliver(pending); });
        return;
    }
    if (!pending->connection) {
        ++m_counters.dropped;
    } else if (pending->plan.fault == workspace::Fault::Hang ||
               pending->plan.fault == workspace::Fault::CloseWithoutAnswer) {
        pending->connection->closeWithoutAnswer();
        ++m_counters.dropped;
    } else {
        pending->connection->respond(pending->plan.response);
        ++m_counters.answered;
    }
    Q_EMIT exchangeRecorded(pending->plan.record);
    Q_EMIT countersChanged();
}

} // namespace dockside::mock
