// SPDX-License-Identifier: GPL-3.0-or-later

#include "relay.h"

#include "base/wallclock.h"

#include <QHash>

#include <algorithm>

namespace dockside::relay {

namespace {

QString millisecondsText(qint64 us)
{
    return QString::number(us / 1000) + QLatin1String(" ms");
}

const auto kStoppedText = QLatin1String("the endpoint stopped before the webhook answered");

} // namespace

QString verdictName(RelayVerdict verdict)
{
    switch (verdict) {
    case RelayVerdict::InTime:
        return QStringLiteral("in_time");
    case RelayVerdict::Late:
        return QStringLiteral("late");
    case RelayVerdict::Failed:
        return QStringLiteral("failed");
    case RelayVerdict::FailedLate:
        return QStringLiteral("no_answer_in_time");
    }
    return {};
}

std::optional<RelayVerdict> verdictFromName(const QString &name)
{
    for (const RelayVerdict verdict :
         {RelayVerdict::InTime, RelayVerdict::Late, RelayVerdict::Failed, RelayVerdict::FailedLate}) {
        if (verdictName(verdict) == name)
            return verdict;
    }
    return std::nullopt;
}

contract::Exchange RelayResult::observed() const
{
    contract::Exchange observed;
    observed.latencyMs = finishedAtUs / 1000;
    switch (verdict) {
    case RelayVerdict::InTime:
    case RelayVerdict::Late:
        observed.transport = contract::Transport::Completed;
        observed.httpStatus = exchange.response->status;
        observed.body = exchange.response->body;
        break;
    case RelayVerdict::Failed:
        observed.transport = contract::Transport::Unreachable;
        observed.transportError = exchange.error;
        break;
    case RelayVerdict::FailedLate:
        observed.transport = contract::Transport::TimedOut;
        observed.transportError = exchange.error;
        break;
    }
    return observed;
}

QString RelayResult::message() const
{
    const QString deadline = QString::number(deadlineMs) + QLatin1String(" ms");
    if (stopped)
        return QStringLiteral("%1, after waiting %2").arg(kStoppedText, millisecondsText(finishedAtUs - sentAtUs));
    QString text;
    switch (verdict) {
    case RelayVerdict::InTime:
        return {};
    case RelayVerdict::Late:
        text = QStringLiteral("your webhook answered after %1, past the platform's %2 deadline: the platform records "
                              "a timeout")
                   .arg(millisecondsText(finishedAtUs), deadline);
        break;
    case RelayVerdict::Failed:
        text = QStringLiteral("your webhook gave no answer: %1").arg(exchange.error);
        break;
    case RelayVerdict::FailedLate:
        text = exchange.timedOut || exchange.cancelled
            ? QStringLiteral("your webhook did not answer within the platform's %1 deadline (waited %2)")
                  .arg(deadline, millisecondsText(finishedAtUs))
            : QStringLiteral("your webhook gave no answer within the platform's %1 deadline: %2")
                  .arg(deadline, exchange.error);
        break;
    }
    if (usesFallback())
        return QStringLiteral("your webhook was late, the template answered (%1)").arg(text);
    return text +
        (exchange.response ? QStringLiteral("; its answer was passed on")
                           : QStringLiteral("; the connection was closed without an answer"));
}

Relay::Relay(RelayOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_tls(QSslConfiguration::defaultConfiguration())
{
    // Added to the system's CA store, never instead of verification.
    if (!m_options.extraCaCertificates.isEmpty())
        m_tls.addCaCertificates(m_options.extraCaCertificates);
}

Relay::~Relay()
{
    // Callbacks of requests in flight must not run once the relay is gone.
    for (http::HttpClientConnection *connection : std::as_const(m_busy))
        disconnect(connection, nullptr, this, nullptr);
}

void Relay::stopAll()
{
    m_stopping = true;
    // Each cancel finishes its exchange at once, and its callback takes the connection out of m_busy.
    const QList<http::HttpClientConnection *> busy = m_busy;
    for (http::HttpClientConnection *connection : busy)
        connection->cancel();
    m_stopping = false;
}

http::HttpClientConnection *Relay::takeConnection(const QUrl &upstream)
{
    const bool tls = upstream.scheme() == QLatin1String("https");
    const quint16 port = static_cast<quint16>(upstream.port(tls ? 443 : 80));
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        http::HttpClientConnection *connection = *it;
        if (!connection->isReusable()) {
            it = m_idle.erase(it);
            connection->deleteLater();
            continue;
        }
        if (connection->isTls() == tls && connection->port() == port && connection->host() == upstream.host()) {
            m_idle.erase(it);
            return connection;
        }
        ++it;
    }
    auto *connection = tls ? new http::HttpClientConnection(upstream.host(), port, m_tls, this)
                           : new http::HttpClientConnection(upstream.host(), port, this);
    connection->setMaxAnswerBytes(m_options.maxAnswerBytes);
    return connection;
}

void Relay::release(http::HttpClientConnection *connection)
{
    m_busy.removeOne(connection);
    disconnect(connection, &http::HttpClientConnection::exchangeFinished, this, nullptr);
    if (connection->isReusable())
        m_idle.append(connection);
    else
        connection->deleteLater();
}

void Relay::forward(const base::CapturedRequest &request, const QUrl &upstream, qint64 deadlineMs, LateAnswer late,
                    Done done)
{
    auto result = std::make_shared<RelayResult>();
    result->forwarded = prepareForward(request, upstream, m_options);
    result->deadlineMs = deadlineMs;
    result->late = late;
    const qint64 receivedAtUs = request.receivedAtUs;
    result->sentAtUs = std::max<qint64>(0, base::nowMicroseconds() - receivedAtUs);
    // A fallback stops waiting at the deadline; a faithful relay waits as long as the webhook may take.
    const qint64 waitUntilMs = late == LateAnswer::Fallback ? deadlineMs : std::max(deadlineMs, m_options.giveUpMs);
    const qint64 waitMs = std::max<qint64>(0, waitUntilMs - result->sentAtUs / 1000);

    http::HttpClientConnection *connection = takeConnection(upstream);
    m_busy.append(connection);
    connect(connection, &http::HttpClientConnection::exchangeFinished, this,
            [this, connection, result, done = std::move(done)](const http::ClientExchange &exchange) {
                result->exchange = exchange;
                result->finishedAtUs = result->sentAtUs + exchange.totalUs;
                if (m_stopping && exchange.cancelled) {
                    result->stopped = true;
                    result->exchange.error = kStoppedText;
                }
                const bool inTime = result->finishedAtUs <= result->deadlineMs * 1000;
                if (exchange.response)
                    result->verdict = inTime ? RelayVerdict::InTime : RelayVerdict::Late;
                else
                    result->verdict = inTime && !exchange.timedOut ? RelayVerdict::Failed : RelayVerdict::FailedLate;
                release(connection);
                done(*result);
            });
    connection->send(result->forwarded.wire(), waitMs);
}

} // namespace dockside::relay
