// SPDX-License-Identifier: GPL-3.0-or-later

#include "eventsender.h"

#include "http/httpclientconnection.h"

#include "base/mockclock.h"
#include "base/wallclock.h"
#include "contract/defaultassistant.h"
#include "contract/signature.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace dockside::composer {

using http::headerProblem;
using http::hostHeader;
using http::requestTarget;
using http::serializeRequest;

namespace {

QString transportErrorText(QNetworkReply::NetworkError error, const QString &detail)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused: nothing listens at that address and port");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection without a complete answer");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("the host name could not be resolved (DNS)");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("the TLS handshake failed: %1").arg(detail);
    case QNetworkReply::TimeoutError:
        return QStringLiteral("the connection timed out");
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        return QStringLiteral("the network is not available");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return QStringLiteral("the proxy could not be reached: %1").arg(detail);
    default:
        return detail;
    }
}

void fillEventFields(history::ExchangeRecord &record, const QByteArray &body)
{
    const QJsonObject message = QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toObject();
    record.eventType = message.value(QStringLiteral("type")).toString();
    record.callId = message.value(QStringLiteral("call")).toObject().value(QStringLiteral("id")).toString();
    record.callerNumber =
        message.value(QStringLiteral("customer")).toObject().value(QStringLiteral("number")).toString();
    record.calledNumber =
        message.value(QStringLiteral("phone_number")).toObject().value(QStringLiteral("number")).toString();
}

} // namespace

struct PendingSend {
    SendOptions options;
    SendResult result;
    HttpClientConnection *connection = nullptr; // http://
    QPointer<QNetworkReply> reply; // https://
    QElapsedTimer clock;
    std::unique_ptr<QTimer> deadline; // https://; a connection keeps its own
    bool timedOut = false;
    bool cancelled = false;
};

namespace {

// Connection-level headers belong to the new connection; the connection writes them itself.
bool isHopByHop(const QByteArray &name)
{
    for (const char *hop : {"Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect"}) {
        if (name.compare(hop, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString timedOutText(const SendResult &result, std::optional<qint64> headersUs)
{
    if (headersUs)
        return QStringLiteral("the headers arrived after %1 ms, but the answer was not complete within the %2 ms "
                              "deadline")
            .arg(*headersUs / 1000)
            .arg(result.deadlineMs);
    if (result.firstByteUs)
        return QStringLiteral("the answer began after %1 ms, but its headers were not complete within the %2 ms "
                              "deadline")
            .arg(*result.firstByteUs / 1000)
            .arg(result.deadlineMs);
    return QStringLiteral("no answer within the %1 ms deadline").arg(result.deadlineMs);
}

bool isSignatureHeader(const QByteArray &name)
{
    return name.compare(contract::kTimestampHeader, Qt::CaseInsensitive) == 0 ||
        name.compare(contract::kSignatureHeader, Qt::CaseInsensitive) == 0;
}

} // namespace

PreparedRequest prepareRequest(const SendOptions &options, qint64 nowSeconds)
{
    return prepareRequest(options, nowSeconds,
                          options.rawBody ? *options.rawBody
                                          : contract::serializeEvent(contract::buildEventPayload(options.event)));
}

PreparedRequest prepareRequest(const SendOptions &options, qint64 nowSeconds, const QByteArray &body)
{
    PreparedRequest prepared;
    prepared.body = body;
    const bool signs = !options.secret.isEmpty();
    if (options.rawHeaders) {
        for (const auto &[name, value] : *options.rawHeaders) {
            if (!isHopByHop(name) && !(signs && isSignatureHeader(name)))
                prepared.headers.append({name, value});
        }
    } else {
        prepared.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        const QString eventType = options.eventTypeName();
        if (!eventType.isEmpty())
            prepared.headers.append({contract::kEventHeader, eventType.toUtf8()});
    }
    if (signs) {
        const qint64 timestamp = options.signatureTimestamp.value_or(nowSeconds);
        prepared.headers.append({contract::kTimestampHeader, QByteArray::number(timestamp)});
        prepared.headers.append(
            {contract::kSignatureHeader, contract::signatureHeaderValue(options.secret, timestamp, prepared.body)});
        prepared.signedString = contract::signedPayload(timestamp, prepared.body);
    }
    if (!options.rawHeaders)
        prepared.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Dockside/" DOCKSIDE_VERSION)});
    prepared.headers += options.extraHeaders;
    if (options.callAt) {
        // One clock header: "Call at" wins over one a replayed request brought along.
        prepared.headers.removeIf([](const auto &header) {
            return header.first.compare(QByteArrayView(base::kClockHeader), Qt::CaseInsensitive) == 0;
        });
        prepared.headers.append({QByteArray(base::kClockHeader), base::clockInstantText(*options.callAt).toLatin1()});
    }
    return prepared;
}

EventSender::EventSender(QObject *parent)
    : QObject(parent)
{
}

EventSender::~EventSender()
{
    const auto pending = m_pending;
    for (const auto &send : pending) {
        send->cancelled = true;
        if (QNetworkReply *reply = send->reply.data())
            reply->abort();
    }
    // Connections are children: they close without a word when deleted.
}

quint64 EventSender::send(const SendOptions &options)
{
    const quint64 id = m_nextId++;
    const QString scheme = options.url.scheme();
    QString refusal;
    if (!options.url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        options.url.host().isEmpty())
        refusal = QStringLiteral("\"%1\" is not an http:// or https:// URL with a host.").arg(options.url.toString());
    const PreparedRequest prepared =
        refusal.isEmpty() ? prepareRequest(options, QDateTime::currentSecsSinceEpoch()) : PreparedRequest {};
    if (refusal.isEmpty())
        refusal = headerProblem(prepared.headers);
    if (!refusal.isEmpty()) {
        QTimer::singleShot(0, this, [this, id, refusal] { Q_EMIT failed(id, refusal); });
        return id;
    }

    auto pending = std::make_shared<PendingSend>();
    pending->options = options;

    history::ExchangeRecord &record = pending->result.record;
    record.direction = history::Direction::Outbound;
    record.url = options.url.toString(QUrl::FullyEncoded);
    record.request.method = "POST";
    record.request.target = requestTarget(options.url);
    record.request.httpVersion = "HTTP/1.1";
    record.request.headers = prepared.headers;
    record.request.body = prepared.body;
    record.request.peerAddress = options.url.host();
    record.request.peerPort = static_cast<quint16>(options.url.port(scheme == QLatin1String("https") ? 443 : 80));
    record.signedString = prepared.signedString;
    fillEventFields(record, prepared.body);
    pending->result.deadlineMs = options.effectiveDeadlineMs();
    m_pending.insert(id, pending);

    if (scheme == QLatin1String("http"))
        sendPlain(id, pending,
                  serializeRequest(record.request.method, record.request.target, hostHeader(options.url),
                                   prepared.headers, prepared.body));
    else
        sendOverNetworkManager(id, pending, prepared);
    return id;
}

HttpClientConnection *EventSender::takeConnection(const QString &host, quint16 port)
{
    HttpClientConnection *found = nullptr;
    for (auto it = m_idleConnections.begin(); it != m_idleConnections.end();) {
        HttpClientConnection *connection = *it;
        if (!connection->isReusable()) {
            it = m_idleConnections.erase(it);
            connection->close();
            connection->deleteLater();
        } else if (!found && connection->port() == port && connection->host() == host) {
            found = connection;
            it = m_idleConnections.erase(it);
        } else {
            ++it;
        }
    }
    if (found)
        return found;
    auto *connection = new HttpClientConnection(host, port, this);
    connect(connection, &HttpClientConnection::exchangeFinished, this,
            [this, connection](const ClientExchange &exchange) { completePlain(connection, exchange); });
    return connection;
}

void EventSender::sendPlain(quint64 id, const std::shared_ptr<PendingSend> &pending, const QByteArray &request)
{
    const QUrl &url = pending->options.url;
    HttpClientConnection *connection = takeConnection(url.host(), static_cast<quint16>(url.port(80)));
    pending->connection = connection;
    m_busyConnections.insert(connection, id);
    pending->result.record.request.receivedAtUs = base::nowMicroseconds();
    connection->send(request, pending->result.deadlineMs);
}

void EventSender::sendOverNetworkManager(quint64 id, const std::shared_ptr<PendingSend> &pending,
                                         const PreparedRequest &prepared)
{
    if (!m_network) {
        m_network = std::make_unique<QNetworkAccessManager>();
        // The platform does not follow redirects (assumed), so neither does Dockside: a 3xx is the answer.
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    QNetworkRequest request(pending->options.url);
    for (const auto &[name, value] : prepared.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    pending->result.record.request.receivedAtUs = base::nowMicroseconds();
    pending->clock.start();
    pending->reply = m_network->post(request, prepared.body);

    // Measured with our own clock: Qt's transfer timeout fires early and looks like a cancel (ENGINEERING.md).
    pending->deadline = std::make_unique<QTimer>();
    pending->deadline->setTimerType(Qt::PreciseTimer);
    pending->deadline->setSingleShot(true);
    connect(pending->deadline.get(), &QTimer::timeout, this, [pending] {
        pending->timedOut = true;
        if (QNetworkReply *reply = pending->reply.data())
            reply->abort();
    });
    pending->deadline->start(static_cast<int>(pending->result.deadlineMs));

    connect(pending->reply, &QNetworkReply::metaDataChanged, this, [pending] {
        if (!pending->result.firstByteUs)
            pending->result.firstByteUs = pending->clock.nsecsElapsed() / 1000;
    });
    connect(pending->reply, &QNetworkReply::finished, this, [this, id] { complete(id); });
}

void EventSender::cancel(quint64 id)
{
    const auto pending = m_pending.value(id);
    if (!pending)
        return;
    pending->cancelled = true;
    if (pending->connection)
        pending->connection->cancel();
    else if (QNetworkReply *reply = pending->reply.data())
        reply->abort();
}

void EventSender::completePlain(HttpClientConnection *connection, const ClientExchange &exchange)
{
    const quint64 id = m_busyConnections.take(connection);
    // Back to the pool before anyone hears of the result: the next send may want this very connection.
    if (connection->isReusable()) {
        m_idleConnections.append(connection);
    } else {
        connection->close();
        connection->deleteLater();
    }
    const std::shared_ptr<PendingSend> pending = m_pending.take(id);
    if (!pending)
        return;
    SendResult &result = pending->result;
    history::ExchangeRecord &record = result.record;
    result.latencyUs = exchange.totalUs;
    result.firstByteUs = exchange.firstByteUs;
    result.connectUs = exchange.connectUs;
    record.latencyUs = result.latencyUs;

    const bool late = exchange.timedOut || result.latencyUs > result.deadlineMs * 1000;
    if (late) {
        result.transport = contract::Transport::TimedOut;
        result.transportError = timedOutText(result, exchange.headersUs);
    } else if (exchange.cancelled || pending->cancelled) {
        result.transport = contract::Transport::Unreachable;
        result.transportError = QStringLiteral("cancelled before an answer arrived");
    } else if (!exchange.response) {
        result.transport = contract::Transport::Unreachable;
        result.transportError = exchange.error;
    } else {
        record.responseStatus = exchange.response->status;
        record.responseHeaders = exchange.response->headers;
        record.responseBody = exchange.response->body;
    }
    record.error = result.transportError;
    finish(id, *pending);
}

void EventSender::complete(quint64 id)
{
    const std::shared_ptr<PendingSend> pending = m_pending.take(id);
    if (!pending)
        return;
    pending->deadline->stop();
    QNetworkReply *reply = pending->reply;
    SendResult &result = pending->result;
    result.latencyUs = pending->clock.nsecsElapsed() / 1000;
    history::ExchangeRecord &record = result.record;
    record.latencyUs = result.latencyUs;

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool late = pending->timedOut || result.latencyUs > result.deadlineMs * 1000;
    if (late) {
        result.transport = contract::Transport::TimedOut;
        result.transportError = timedOutText(result, result.firstByteUs);
    } else if (pending->cancelled) {
        result.transport = contract::Transport::Unreachable;
        result.transportError = QStringLiteral("cancelled before an answer arrived");
    } else if (!status.isValid() && reply->error() != QNetworkReply::NoError) {
        result.transport = contract::Transport::Unreachable;
        result.transportError = transportErrorText(reply->error(), reply->errorString());
    }
    if (status.isValid() && !late) {
        record.responseStatus = status.toInt();
        record.responseHeaders = reply->rawHeaderPairs();
        record.responseBody = reply->readAll();
    }
    record.error = result.transportError;
    reply->deleteLater();
    finish(id, *pending);
}

void EventSender::finish(quint64 id, PendingSend &pending)
{
    SendResult &result = pending.result;
    history::ExchangeRecord &record = result.record;
    record.connectUs = result.connectUs;
    record.firstByteUs = result.firstByteUs;
    if (record.eventType == contract::eventTypeName(contract::EventType::AssistantRequest)) {
        contract::OutcomeInput input;
        input.deadlineMs = result.deadlineMs;
        // Read from the resources once: parsing it for every send cost as much as the rest of the outcome.
        static const QJsonObject builtin = contract::builtinDefaultAssistant();
        input.defaultAssistant =
            pending.options.defaultAssistant.isEmpty() ? builtin : pending.options.defaultAssistant;
        input.exchange.transport = result.transport;
        input.exchange.transportError = result.transportError;
        input.exchange.httpStatus = record.responseStatus;
        input.exchange.body = record.responseBody;
        input.exchange.latencyMs = result.latencyUs / 1000;
        result.outcome = contract::computeOutcome(input);
        record.outcomeDisposition = contract::dispositionName(result.outcome->disposition);
        record.outcomeReason = contract::reasonCode(result.outcome->reason);
        record.spokenFirst = result.outcome->spokenFirst;
    }
    Q_EMIT finished(id, result);
}

} // namespace dockside::composer
