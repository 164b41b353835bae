// SPDX-License-Identifier: GPL-3.0-or-later

#include "burstrunner.h"

#include "eventsender.h"
#include "http/httpclientconnection.h"
#include "sendresult.h"

#include <QDateTime>
#include <QHostAddress>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace dockside::composer {

using http::headerProblem;
using http::hostHeader;
using http::requestTarget;
using http::serializeRequest;

namespace {

constexpr int kConnectionsPerManager = 6; // QNetworkAccessManager's fixed HTTP/1.1 limit per host (Qt 6.4)

} // namespace

int BurstReport::nonSuccessStatuses() const
{
    int count = 0;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        if (it.key() < 200 || it.key() > 299)
            count += it.value();
    }
    return count;
}

bool BurstReport::allAnsweredInTime() const
{
    return sent > 0 && answered == sent && nonSuccessStatuses() == 0;
}

double nearestRankPercentile(const QList<double> &sorted, double fraction)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = static_cast<qsizetype>(std::ceil(fraction * static_cast<double>(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank, 1, sorted.size()) - 1);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

BurstRunner::BurstRunner(QObject *parent)
    : QObject(parent)
{
}

BurstRunner::~BurstRunner() = default;

bool BurstRunner::run(const BurstOptions &options)
{
    QString refusal;
    const QUrl &url = options.request.url;
    const QString scheme = url.scheme();
    if (m_running)
        refusal = QStringLiteral("a burst is already running");
    else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
             url.host().isEmpty())
        refusal = QStringLiteral("\"%1\" is not an http:// or https:// URL with a host").arg(url.toString());
    else if (options.count < 1 || options.concurrency < 1)
        refusal = QStringLiteral("the number of requests and the concurrency must both be at least 1");
    else if (!options.allowNonLoopback && !isLoopbackHost(url.host()))
        refusal = QStringLiteral("%1 is not this machine (127.0.0.0/8, ::1 or localhost); a burst is load, and load "
                                 "is aimed elsewhere only when explicitly allowed")
                      .arg(url.host());
    else
        refusal = headerProblem(prepareRequest(options.request, 0).headers);
    if (!refusal.isEmpty()) {
        Q_EMIT failed(refusal);
        return false;
    }

    m_options = options;
    m_options.concurrency = std::min(options.concurrency, options.count);
    m_report = {};
    m_latenciesMs.clear();
    m_latenciesMs.reserve(options.count);
    m_inFlight.clear();
    m_plainInFlight = 0;
    m_started = 0;
    m_cancelling = false;
    m_running = true;
    m_wall.start();
    if (scheme == QLatin1String("http")) {
        m_request = m_options.request;
        m_deadlineMs = m_request.effectiveDeadlineMs(); // once: a raw body would be parsed for its type every time
        m_stamper.reset();
        if (!m_request.rawBody)
            m_stamper.emplace(m_request.event);
        m_target = requestTarget(url);
        m_hostHeader = hostHeader(url);
        // Later, not now: run() may be called from a slot of the last burst's finished(), inside a connection's signal.
        for (HttpClientConnection *previous : std::exchange(m_connections, {})) {
            disconnect(previous, nullptr, this, nullptr);
            previous->close();
            previous->deleteLater();
        }
        for (int i = 0; i < m_options.concurrency; ++i) {
            auto *connection = new HttpClientConnection(url.host(), static_cast<quint16>(url.port(80)), this);
            connect(connection, &HttpClientConnection::exchangeFinished, this,
                    [this, connection](const ClientExchange &exchange) {
                        recordExchange(exchange);
                        sendOn(connection);
                        if (m_plainInFlight == 0)
                            finish();
                    });
            m_connections.push_back(connection);
        }
        for (HttpClientConnection *connection : m_connections)
            sendOn(connection);
    } else {
        startOverNetworkManager();
    }
    return true;
}

void BurstRunner::sendOn(HttpClientConnection *connection)
{
    if (m_cancelling || m_started >= m_options.count)
        return;
    const qint64 nowSeconds = QDateTime::currentSecsSinceEpoch();
    const QByteArray body = m_stamper ? m_stamper->stamp(freshCallId(), m_clock.now()) : QByteArray();
    PreparedRequest prepared;
    if (!body.isEmpty()) {
        prepared = prepareRequest(m_request, nowSeconds, body);
    } else {
        m_request.event.callId = QString::fromLatin1(freshCallId());
        prepared = prepareRequest(m_request, nowSeconds);
    }
    ++m_started;
    ++m_plainInFlight;
    connection->send(serializeRequest("POST", m_target, m_hostHeader, prepared.headers, prepared.body), m_deadlineMs);
}

void BurstRunner::recordExchange(const ClientExchange &exchange)
{
    --m_plainInFlight;
    // The same rules as a send: an answer after the deadline is a miss, whenever it completed.
    const bool late = exchange.timedOut || exchange.totalUs > m_deadlineMs * 1000;
    const contract::Transport transport = late ? contract::Transport::TimedOut
        : exchange.response                    ? contract::Transport::Completed
                                               : contract::Transport::Unreachable;
    count(transport, exchange.response ? exchange.response->status : 0, exchange.totalUs);
}

void BurstRunner::startOverNetworkManager()
{
    const int managers = (m_options.concurrency + kConnectionsPerManager - 1) / kConnectionsPerManager;
    while (static_cast<int>(m_senders.size()) < managers) {
        auto sender = std::make_unique<EventSender>();
        EventSender *raw = sender.get();
        connect(raw, &EventSender::finished, this,
                [this, raw](quint64 id, const SendResult &result) { record(raw, id, result); });
        connect(raw, &EventSender::failed, this, [this, raw](quint64 id, const QString &message) {
            SendResult result;
            result.transport = contract::Transport::Unreachable;
            result.transportError = message;
            record(raw, id, result);
        });
        m_senders.push_back(std::move(sender));
    }
    for (int i = 0; i < m_options.concurrency; ++i)
        sendNext();
}

void BurstRunner::cancel()
{
    if (!m_running || m_cancelling)
        return;
    m_cancelling = true;
    const auto inFlight = m_inFlight;
    for (const auto &[sender, id] : inFlight)
        sender->cancel(id);
    // A copy: the last cancel finishes the burst, and a slot of finished() may start the next one.
    const std::vector<HttpClientConnection *> connections = m_connections;
    for (HttpClientConnection *connection : connections) {
        if (connection->isBusy())
            connection->cancel();
    }
}

void BurstRunner::sendNext()
{
    if (m_cancelling || m_started >= m_options.count)
        return;
    // The least busy sender keeps each QNetworkAccessManager within its six connections.
    EventSender *sender = m_senders.front().get();
    for (const auto &candidate : m_senders) {
        if (candidate->inFlight() < sender->inFlight())
            sender = candidate.get();
    }
    SendOptions options = m_options.request;
    options.event.callId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ++m_started;
    m_inFlight.insert({sender, sender->send(options)});
}

void BurstRunner::record(EventSender *sender, quint64 id, const SendResult &result)
{
    if (!m_inFlight.remove({sender, id}))
        return;
    count(result.transport, result.record.responseStatus, result.latencyUs);
    sendNext();
    if (m_inFlight.isEmpty())
        finish();
}

void BurstRunner::count(contract::Transport transport, int status, qint64 latencyUs)
{
    ++m_report.sent;
    const double latencyMs = static_cast<double>(latencyUs) / 1000.0;
    if (m_cancelling && transport == contract::Transport::Unreachable) {
        ++m_report.cancelled;
    } else if (transport == contract::Transport::Completed) {
        ++m_report.answered;
        ++m_report.statuses[status];
        m_latenciesMs.append(latencyMs);
    } else if (transport == contract::Transport::TimedOut) {
        ++m_report.missedDeadline;
        m_latenciesMs.append(latencyMs);
    } else {
        ++m_report.unreachable;
    }
    Q_EMIT progress(m_report.sent, m_options.count);
}

void BurstRunner::finish()
{
    m_running = false;
    m_report.wallMs = static_cast<double>(m_wall.nsecsElapsed()) / 1e6;
    if (m_report.wallMs > 0)
        m_report.requestsPerSecond = m_report.answered / (m_report.wallMs / 1000.0); // what was served, not tried
    std::sort(m_latenciesMs.begin(), m_latenciesMs.end());
    m_report.p50Ms = nearestRankPercentile(m_latenciesMs, 0.50);
    m_report.p90Ms = nearestRankPercentile(m_latenciesMs, 0.90);
    m_report.p99Ms = nearestRankPercentile(m_latenciesMs, 0.99);
    m_report.maxMs = m_latenciesMs.isEmpty() ? 0 : m_latenciesMs.constLast();
    m_report.latenciesMs = m_latenciesMs;
    Q_EMIT finished(m_report);
}

} // namespace dockside::composer
