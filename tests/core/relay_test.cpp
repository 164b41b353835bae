// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"
#include "http/httpclientconnection.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "relay/relay.h"
#include "upstreampeer.h"
#include "workspace/workspacewriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <optional>

using namespace dockside;
using Behaviour = UpstreamPeer::Behaviour;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec_relay_test");
// Odd spacing, unsorted keys and a trailing newline: any re-serialisation would change the bytes and the signature.
const QByteArray kOddBody = QByteArrayLiteral(
    "{ \"message\" :{\"type\":\"assistant-request\",  \"call\":{\"id\":\"c-1\",\"type\":\"inbound_phone_call\"},"
    "\"customer\":{\"number\":\"+31612345678\"},\"b\":1,\"a\":[ 2 ,3 ]}}\n");
const QByteArray kAnswerBody = QByteArrayLiteral("{ \"assistant\" : {\"first_message\":\"Hoi\"}  }");

QByteArray hmacHex(const QByteArray &secret, const QByteArray &text)
{
    return QMessageAuthenticationCode::hash(text, secret, QCryptographicHash::Sha256).toHex();
}

// The webhook's own check, written apart from Dockside's: sha256=HMAC(secret, "<timestamp>.<raw body>").
bool upstreamVerifies(const QByteArray &rawRequest, const QByteArray &secret)
{
    const qsizetype headEnd = rawRequest.indexOf("\r\n\r\n");
    const QByteArray body = rawRequest.mid(headEnd + 4);
    QByteArray timestamp;
    QByteArray signature;
    for (const QByteArray &line : rawRequest.left(headEnd).split('\n')) {
        const QByteArray lower = line.toLower();
        if (lower.startsWith("x-webhook-timestamp:"))
            timestamp = line.mid(20).trimmed();
        if (lower.startsWith("x-webhook-signature:"))
            signature = line.mid(20).trimmed();
    }
    return !timestamp.isEmpty() && signature == "sha256=" + hmacHex(secret, timestamp + '.' + body);
}

base::HeaderList signedHeaders(const QByteArray &secret, const QByteArray &body)
{
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    return {{"Content-Type", "application/json"},
            {"X-Webhook-Event", "assistant-request"},
            {"X-Webhook-Timestamp", timestamp},
            {"X-Webhook-Signature", "sha256=" + hmacHex(secret, timestamp + '.' + body)}};
}

http::ClientExchange exchangeWith(const QUrl &endpoint, const QByteArray &target, const base::HeaderList &headers,
                                  const QByteArray &body, int waitMs = 10000, const QByteArray &method = "POST")
{
    http::HttpClientConnection client(endpoint.host(), static_cast<quint16>(endpoint.port()));
    std::optional<http::ClientExchange> result;
    QObject::connect(&client, &http::HttpClientConnection::exchangeFinished, &client,
                     [&result](const http::ClientExchange &exchange) { result = exchange; });
    client.send(http::serializeRequest(method, target, http::hostHeader(endpoint), headers, body), waitMs);
    EXPECT_TRUE(QTest::qWaitFor([&result] { return result.has_value(); }, waitMs + 5000));
    return result.value_or(http::ClientExchange {});
}

struct RelayedEndpoint {
    explicit RelayedEndpoint(const mock::ForwardAnswer &forward, workspace::Workspace workspace = {},
                             relay::RelayOptions relayOptions = {}, qint64 deadlineMs = 5000)
    {
        EXPECT_TRUE(directory.isValid());
        QString error;
        EXPECT_TRUE(store.open({directory.filePath(QStringLiteral("history.sqlite")), 0, 0}, &error))
            << error.toStdString();
        mock::MockEndpointOptions options;
        options.port = 0;
        options.platformDeadlineMs = deadlineMs;
        options.relay = std::move(relayOptions);
        mock::MockResponder responder(std::move(workspace), kSecret, deadlineMs);
        responder.setDefaultForward(forward);
        endpoint.setResponder(responder);
        endpoint.start(options);
        EXPECT_TRUE(endpoint.isRunning());
    }

    history::ExchangeRecord nextRecord()
    {
        if (recorded.isEmpty()) {
            EXPECT_TRUE(recorded.wait(15000));
        }
        return recorded.isEmpty() ? history::ExchangeRecord {}
                                  : recorded.takeFirst().constFirst().value<history::ExchangeRecord>();
    }

    // The one exchange the history holds once the store is closed: both legs, as they were kept.
    std::optional<history::ExchangeRecord> closeAndLoadTheOnlyRecord()
    {
        store.close();
        history::HistoryReader reader;
        QString error;
        EXPECT_TRUE(reader.open(directory.filePath(QStringLiteral("history.sqlite")), &error)) << error.toStdString();
        const QList<history::ExchangeSummary> rows = reader.page({}, 0, 10, Qt::DescendingOrder);
        EXPECT_EQ(rows.size(), 1);
        if (rows.size() != 1)
            return std::nullopt;
        return reader.load(rows.constFirst().id);
    }

    QTemporaryDir directory;
    history::HistoryStore store;
    mock::MockEndpoint endpoint {&store};
    QSignalSpy recorded {&endpoint, &mock::MockEndpoint::exchangeRecorded};
};

workspace::Workspace workspaceWithTemplate(const QString &id, const QByteArray &body)
{
    workspace::Workspace workspace;
    workspace::ResponseTemplate responseTemplate;
    responseTemplate.id = id;
    responseTemplate.body = body;
    responseTemplate.bodyIsJson = true;
    workspace.templates.append(responseTemplate);
    return workspace;
}

relay::RelayResult relayOnce(relay::Relay &relay, const QUrl &upstream, qint64 deadlineMs, relay::LateAnswer late)
{
    base::CapturedRequest request;
    request.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    request.method = "POST";
    request.target = "/";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = kOddBody;
    std::optional<relay::RelayResult> result;
    relay.forward(request, upstream, deadlineMs, late, [&result](const relay::RelayResult &done) { result = done; });
    EXPECT_FALSE(result.has_value());
    EXPECT_TRUE(QTest::qWaitFor([&result] { return result.has_value(); }, 40000));
    return result.value_or(relay::RelayResult {});
}

QByteArray okAnswer(const QByteArray &body = kAnswerBody)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
}

} // namespace

TEST(Relay, ForwardsTheRequestByteForByteAndTheAnswerBack)
{
    // Chunked, with a Connection-named header and an unusual reason phrase: framing is the relay's, the rest is not.
    UpstreamPeer upstream("HTTP/1.1 201 Made It\r\nX-Z: last\r\nConnection: keep-alive, X-Upstream-Hop\r\n"
                          "X-Upstream-Hop: 1\r\nContent-Type: application/json\r\nX-A: first\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                          QByteArray::number(kAnswerBody.size(), 16) + "\r\n" + kAnswerBody + "\r\n0\r\n\r\n");
    RelayedEndpoint relayed({upstream.url(QStringLiteral("/hook")), relay::LateAnswer::Faithful, {}});

    base::HeaderList headers = signedHeaders(kSecret, kOddBody);
    headers += {{"Connection", "keep-alive, X-Hop-Custom"},
                {"X-Hop-Custom", "drop me"},
                {"Keep-Alive", "timeout=5"},
                {"TE", "trailers"},
                {"Proxy-Authorization", "Basic eA=="},
                {"x-lower-case", "Kept As Sent"}};
    const http::ClientExchange exchange = exchangeWith(relayed.endpoint.url(), "/calls/in?b=2&a=1", headers, kOddBody);

    ASSERT_EQ(upstream.requests().size(), 1);
    const QByteArray raw = upstream.requests().constFirst();
    const QByteArray expectedHead =
        "POST /hook/calls/in?b=2&a=1 HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(upstream.port()) +
        "\r\nContent-Type: application/json\r\nX-Webhook-Event: "
        "assistant-request\r\nX-Webhook-Timestamp: " +
        headers.at(2).second + "\r\nX-Webhook-Signature: " + headers.at(3).second +
        "\r\nx-lower-case: Kept As Sent\r\nContent-Length: " + QByteArray::number(kOddBody.size()) + "\r\n\r\n";
    EXPECT_EQ(raw, expectedHead + kOddBody);
    EXPECT_TRUE(upstreamVerifies(raw, kSecret));

    ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
    EXPECT_EQ(exchange.response->status, 201);
    EXPECT_EQ(exchange.response->reasonPhrase, QByteArrayLiteral("Made It"));
    EXPECT_EQ(exchange.response->body, kAnswerBody);
    EXPECT_EQ(exchange.response->headers,
              (base::HeaderList {{"X-Z", "last"},
                                 {"Content-Type", "application/json"},
                                 {"X-A", "first"},
                                 {"Content-Length", QByteArray::number(kAnswerBody.size())}}));

    const history::ExchangeRecord record = relayed.nextRecord();
    EXPECT_EQ(record.responseStatus, 201);
    EXPECT_EQ(record.responseBody, kAnswerBody);
    EXPECT_EQ(record.signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(record.outcomeReason, QStringLiteral("override"));
    EXPECT_TRUE(record.error.isEmpty()) << record.error.toStdString();
    ASSERT_TRUE(record.forwarded.has_value());
    const history::ForwardedLeg &leg = *record.forwarded;
    EXPECT_EQ(leg.upstreamUrl, upstream.url(QStringLiteral("/hook/calls/in")).toString() + QStringLiteral("?b=2&a=1"));
    EXPECT_EQ(leg.requestHeaders.constFirst(),
              (QPair<QByteArray, QByteArray>("Host", "127.0.0.1:" + QByteArray::number(upstream.port()))));
    EXPECT_EQ(leg.responseStatus, 201);
    EXPECT_EQ(leg.reasonPhrase, QByteArrayLiteral("Made It"));
    EXPECT_EQ(leg.responseHeaders.size(), 6); // as the webhook sent them, framing included
    EXPECT_EQ(leg.responseBody, kAnswerBody);
    EXPECT_EQ(leg.verdict, QStringLiteral("in_time"));
    EXPECT_EQ(leg.lateAnswer, QStringLiteral("faithful"));
    EXPECT_FALSE(leg.fallbackAnswered);
    EXPECT_FALSE(leg.resigned);
    ASSERT_TRUE(leg.connectUs.has_value());
    ASSERT_TRUE(leg.firstByteUs.has_value());
    EXPECT_LE(*leg.connectUs, *leg.firstByteUs);
    EXPECT_LE(leg.sentAfterUs, leg.finishedAfterUs);
    EXPECT_EQ(leg.deadlineMs, 5000);
}

TEST(Relay, EachRelayedAnswerGetsItsOwnOutcomeThoughEqualAnswersShareTheWork)
{
    // The outcome of a repeated answer is remembered; lateness, status and bytes must still each tell.
    mock::MockResponder responder({}, {}, 5000);
    responder.setDefaultForward(mock::ForwardAnswer {QUrl(QStringLiteral("http://127.0.0.1:9/")), {}, {}});
    base::CapturedRequest request;
    request.method = "POST";
    request.target = "/";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = kOddBody;
    const auto outcomeOf = [&](relay::RelayVerdict verdict, int status, const QByteArray &body, qint64 finishedMs) {
        mock::PlannedAnswer plan = responder.plan(request, QDateTime::currentDateTimeUtc());
        EXPECT_TRUE(plan.forward.has_value());
        relay::RelayResult result;
        result.deadlineMs = 5000;
        result.verdict = verdict;
        result.finishedAtUs = finishedMs * 1000;
        result.exchange.response = http::ParsedResponse {status, "OK", "HTTP/1.1", {}, body};
        responder.completeForward(plan, result);
        return QString(plan.record.outcomeReason + QLatin1Char('/') + plan.record.spokenFirst);
    };
    const QByteArray greeting = R"({"assistant": {"first_message": "Hello from the webhook"}})";
    EXPECT_EQ(outcomeOf(relay::RelayVerdict::InTime, 200, greeting, 120),
              QStringLiteral("override/Hello from the webhook"));
    EXPECT_TRUE(outcomeOf(relay::RelayVerdict::Late, 200, greeting, 6000).startsWith(QLatin1String("timeout/")));
    EXPECT_TRUE(outcomeOf(relay::RelayVerdict::InTime, 500, greeting, 120).startsWith(QLatin1String("http_status/")));
    EXPECT_EQ(outcomeOf(relay::RelayVerdict::InTime, 200, R"({"error": "We are closed."})", 120),
              QStringLiteral("rejected/We are closed."));
    EXPECT_EQ(outcomeOf(relay::RelayVerdict::InTime, 200, greeting, 150),
              QStringLiteral("override/Hello from the webhook"));
}

TEST(Relay, AHeadRequestEndsWithTheWebhooksHeadersAndPassesThemOn)
{
    // The length a GET would get, and no body: waiting for those 4096 bytes hung the relay until it gave up.
    UpstreamPeer upstream(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-A: 1\r\nContent-Length: 4096\r\n\r\n");
    RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Faithful, {}});
    const http::ClientExchange exchange = exchangeWith(relayed.endpoint.url(), "/", {}, {}, 10000, "HEAD");

    ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
    EXPECT_LT(exchange.totalUs, 5000000);
    EXPECT_EQ(exchange.response->status, 200);
    EXPECT_TRUE(exchange.response->body.isEmpty());
    EXPECT_EQ(exchange.response->headers,
              (base::HeaderList {{"Content-Type", "application/json"}, {"X-A", "1"}, {"Content-Length", "4096"}}));
    ASSERT_EQ(upstream.requests().size(), 1);
    EXPECT_TRUE(upstream.requests().constFirst().startsWith("HEAD /hook HTTP/1.1\r\n"));

    const history::ExchangeRecord record = relayed.nextRecord();
    EXPECT_EQ(record.responseStatus, 200);
    EXPECT_TRUE(record.error.isEmpty()) << record.error.toStdString();
    ASSERT_TRUE(record.forwarded.has_value());
    EXPECT_EQ(record.forwarded->verdict, QStringLiteral("in_time"));
    EXPECT_EQ(record.forwarded->responseStatus, 200);
    EXPECT_EQ(record.forwarded->responseHeaders.size(), 3);
    EXPECT_TRUE(record.forwarded->responseBody.isEmpty());
}

TEST(Relay, ReSignsWithTheWebhooksOwnSecretOverTheSameTimestampAndBytes)
{
    UpstreamPeer upstream(okAnswer());
    relay::RelayOptions options;
    options.resignSecret = "whsec_the_webhooks_own";
    options.forwardedFor = true;
    RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Faithful, {}}, {}, options);
    const base::HeaderList headers = signedHeaders(kSecret, kOddBody);
    const http::ClientExchange exchange = exchangeWith(relayed.endpoint.url(), "/", headers, kOddBody);
    ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
    ASSERT_EQ(upstream.requests().size(), 1);
    const QByteArray raw = upstream.requests().constFirst();
    EXPECT_FALSE(upstreamVerifies(raw, kSecret));
    EXPECT_TRUE(upstreamVerifies(raw, "whsec_the_webhooks_own"));
    EXPECT_TRUE(raw.contains(QByteArray("\r\nX-Webhook-Timestamp: " + headers.at(2).second + "\r\n")));
    EXPECT_TRUE(raw.contains("\r\nX-Forwarded-For: 127.0.0.1\r\n"));
    EXPECT_TRUE(raw.startsWith("POST /hook HTTP/1.1\r\n"));
    EXPECT_EQ(relayed.nextRecord().outcomeReason, QStringLiteral("override"));
}

TEST(Relay, ALateAnswerIsATimeoutAndFaithfulPassesItOn)
{
    UpstreamPeer upstream(okAnswer(), 600);
    RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Faithful, {}}, {}, {}, 300);
    const http::ClientExchange exchange =
        exchangeWith(relayed.endpoint.url(), "/", signedHeaders(kSecret, kOddBody), kOddBody);
    ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
    EXPECT_EQ(exchange.response->body, kAnswerBody);
    EXPECT_GE(exchange.totalUs, 600000);
    const history::ExchangeRecord record = relayed.nextRecord();
    EXPECT_EQ(record.outcomeReason, QStringLiteral("timeout"));
    EXPECT_EQ(record.responseBody, kAnswerBody);
    EXPECT_TRUE(record.error.contains(QLatin1String("past the platform's 300 ms deadline")))
        << record.error.toStdString();
    EXPECT_TRUE(record.templateId.isEmpty());
}

TEST(Relay, ALateAnswerWithAFallbackGetsTheTemplateAtTheDeadline)
{
    UpstreamPeer upstream(okAnswer(), 3000);
    RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Fallback, QStringLiteral("safe")},
                            workspaceWithTemplate(QStringLiteral("safe"), R"({"assistant":{"first_message":"Later"}})"),
                            {}, 300);
    const http::ClientExchange exchange =
        exchangeWith(relayed.endpoint.url(), "/", signedHeaders(kSecret, kOddBody), kOddBody);
    ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
    EXPECT_LT(exchange.totalUs, 2000000);
    EXPECT_TRUE(exchange.response->body.contains("Later"));
    const history::ExchangeRecord record = relayed.nextRecord();
    EXPECT_EQ(record.outcomeReason, QStringLiteral("timeout"));
    EXPECT_EQ(record.templateId, QStringLiteral("safe"));
    EXPECT_TRUE(record.error.startsWith(QLatin1String("your webhook was late, the template answered")))
        << record.error.toStdString();
    // Both legs, as the history keeps them.
    const auto stored = relayed.closeAndLoadTheOnlyRecord();
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->templateId, QStringLiteral("safe"));
    EXPECT_EQ(stored->outcomeReason, QStringLiteral("timeout"));
    ASSERT_TRUE(stored->forwarded.has_value());
    EXPECT_EQ(stored->forwarded->verdict, QStringLiteral("no_answer_in_time"));
    EXPECT_EQ(stored->forwarded->lateAnswer, QStringLiteral("fallback"));
    EXPECT_TRUE(stored->forwarded->fallbackAnswered);
    EXPECT_EQ(stored->forwarded->responseStatus, 0);
    EXPECT_EQ(stored->forwarded->deadlineMs, 300);
}

TEST(Relay, EachFailureGivesThePlatformsOutcomeAndAMessage)
{
    relay::RelayOptions options;
    options.maxAnswerBytes = 16;
    options.giveUpMs = 1500;
    relay::Relay relay(options);

    UpstreamPeer reset({}, 0, Behaviour::Reset);
    UpstreamPeer closed({}, 0, Behaviour::Close);
    UpstreamPeer silent({}, 0, Behaviour::Silence);
    UpstreamPeer large(okAnswer(QByteArray(64, 'x')));

    const relay::RelayResult resetResult = relayOnce(relay, reset.url(), 1000, relay::LateAnswer::Faithful);
    EXPECT_EQ(resetResult.verdict, relay::RelayVerdict::Failed);
    EXPECT_EQ(resetResult.observed().transport, contract::Transport::Unreachable);
    EXPECT_FALSE(resetResult.message().isEmpty());

    const relay::RelayResult closedResult = relayOnce(relay, closed.url(), 1000, relay::LateAnswer::Faithful);
    EXPECT_EQ(closedResult.verdict, relay::RelayVerdict::Failed);
    EXPECT_TRUE(closedResult.message().contains(QLatin1String("closed without an answer")))
        << closedResult.message().toStdString();

    const relay::RelayResult largeResult = relayOnce(relay, large.url(), 1000, relay::LateAnswer::Faithful);
    EXPECT_EQ(largeResult.verdict, relay::RelayVerdict::Failed);
    EXPECT_TRUE(largeResult.message().contains(QLatin1String("limit"))) << largeResult.message().toStdString();

    const relay::RelayResult silentResult = relayOnce(relay, silent.url(), 200, relay::LateAnswer::Faithful);
    EXPECT_EQ(silentResult.verdict, relay::RelayVerdict::FailedLate);
    EXPECT_EQ(silentResult.observed().transport, contract::Transport::TimedOut);
    EXPECT_GE(silentResult.finishedAtUs, 1400000); // faithful waits until it gives up

    const relay::RelayResult silentFallback = relayOnce(relay, silent.url(), 200, relay::LateAnswer::Fallback);
    EXPECT_EQ(silentFallback.verdict, relay::RelayVerdict::FailedLate);
    EXPECT_LT(silentFallback.finishedAtUs, 1000000);
    EXPECT_TRUE(silentFallback.usesFallback());

    const relay::RelayResult dns = relayOnce(relay, QUrl(QStringLiteral("http://dockside-no-such-host.invalid/")),
                                             30000, relay::LateAnswer::Faithful);
    EXPECT_EQ(dns.verdict, relay::RelayVerdict::Failed);
    EXPECT_TRUE(dns.message().contains(QLatin1String("DNS"))) << dns.message().toStdString();

    // TLS spoken to a server that answers in plain HTTP: the handshake fails, nothing is ignored.
    QTcpServer plain;
    ASSERT_TRUE(plain.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
        QTcpSocket *socket = plain.nextPendingConnection();
        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        socket->disconnectFromHost();
    });
    const QUrl tls(QStringLiteral("https://127.0.0.1:%1/").arg(plain.serverPort()));
    const relay::RelayResult tlsResult = relayOnce(relay, tls, 1000, relay::LateAnswer::Faithful);
    EXPECT_EQ(tlsResult.verdict, relay::RelayVerdict::Failed) << tlsResult.message().toStdString();
    EXPECT_EQ(tlsResult.observed().transport, contract::Transport::Unreachable);

    // And the relay keeps serving.
    UpstreamPeer healthy(okAnswer("{}"));
    const relay::RelayResult after = relayOnce(relay, healthy.url(), 1000, relay::LateAnswer::Faithful);
    EXPECT_EQ(after.verdict, relay::RelayVerdict::InTime) << after.message().toStdString();
    EXPECT_EQ(relay.inFlight(), 0);
}

TEST(Relay, AnHttpsWebhookWithASelfSignedCertificateIsTrustedFromItsCaFileAndRefusedWithoutIt)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const TlsIdentity identity = TlsIdentity::create(directory.path());
    ASSERT_TRUE(identity.error.isEmpty()) << identity.error.toStdString();
    UpstreamPeer upstream(identity,
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Over: tls\r\n"
                          "Content-Length: " +
                              QByteArray::number(kAnswerBody.size()) + "\r\n\r\n" + kAnswerBody);
    ASSERT_EQ(upstream.url().scheme(), QStringLiteral("https"));
    const base::HeaderList headers = signedHeaders(kSecret, kOddBody);

    // Trusted by the file, as `serve --upstream-ca FILE` does it.
    const relay::CaFile ca = relay::loadCaFile(identity.certificatePath);
    ASSERT_TRUE(ca.error.isEmpty()) << ca.error.toStdString();
    relay::RelayOptions trusting;
    trusting.extraCaCertificates = ca.certificates;
    {
        RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Faithful, {}}, {}, trusting);
        const http::ClientExchange exchange = exchangeWith(relayed.endpoint.url(), "/", headers, kOddBody);
        ASSERT_TRUE(exchange.response.has_value()) << exchange.error.toStdString();
        EXPECT_EQ(exchange.response->status, 200);
        EXPECT_EQ(exchange.response->body, kAnswerBody);
        EXPECT_EQ(exchange.response->headers,
                  (base::HeaderList {{"Content-Type", "application/json"},
                                     {"X-Over", "tls"},
                                     {"Content-Length", QByteArray::number(kAnswerBody.size())}}));
        ASSERT_EQ(upstream.requests().size(), 1);
        const QByteArray raw = upstream.requests().constFirst();
        const QByteArray head =
            "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(upstream.port()) + "\r\n";
        EXPECT_TRUE(raw.startsWith(head)) << raw.left(80).toStdString();
        EXPECT_TRUE(raw.endsWith(QByteArray("\r\n\r\n" + kOddBody)));
        EXPECT_TRUE(upstreamVerifies(raw, kSecret));

        const history::ExchangeRecord record = relayed.nextRecord();
        EXPECT_EQ(record.responseStatus, 200);
        EXPECT_EQ(record.responseBody, kAnswerBody);
        EXPECT_EQ(record.signatureStatus, QStringLiteral("valid"));
        EXPECT_EQ(record.outcomeReason, QStringLiteral("override"));
        EXPECT_TRUE(record.error.isEmpty()) << record.error.toStdString();
        ASSERT_TRUE(record.forwarded.has_value());
        EXPECT_EQ(record.forwarded->upstreamUrl, upstream.url().toString());
        EXPECT_EQ(record.forwarded->responseStatus, 200);
        EXPECT_EQ(record.forwarded->responseBody, kAnswerBody);
        EXPECT_EQ(record.forwarded->verdict, QStringLiteral("in_time"));
        EXPECT_TRUE(record.forwarded->error.isEmpty()) << record.forwarded->error.toStdString();
        ASSERT_TRUE(record.forwarded->connectUs.has_value()); // the handshake included
    }

    // The same request without the file: the certificate is refused, and nothing reaches the webhook.
    {
        RelayedEndpoint relayed({upstream.url(), relay::LateAnswer::Faithful, {}});
        const http::ClientExchange exchange = exchangeWith(relayed.endpoint.url(), "/", headers, kOddBody);
        EXPECT_FALSE(exchange.response.has_value());
        const history::ExchangeRecord record = relayed.nextRecord();
        EXPECT_EQ(record.outcomeReason, QStringLiteral("unreachable"));
        EXPECT_TRUE(record.error.contains(QLatin1String("the TLS handshake failed")) &&
                    record.error.contains(QLatin1String("self-signed, and untrusted")))
            << record.error.toStdString();
        ASSERT_TRUE(record.forwarded.has_value());
        EXPECT_EQ(record.forwarded->verdict, QStringLiteral("failed"));
        EXPECT_EQ(upstream.requests().size(), 1);
    }
}

TEST(Relay, ARefusedUpstreamIsUnreachableAndFaithfulClosesTheCallersConnection)
{
    quint16 closedPort = 0;
    {
        UpstreamPeer gone;
        closedPort = gone.port();
    }
    RelayedEndpoint relayed(
        {QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort)), relay::LateAnswer::Faithful, {}});
    const http::ClientExchange exchange =
        exchangeWith(relayed.endpoint.url(), "/", signedHeaders(kSecret, kOddBody), kOddBody);
    EXPECT_FALSE(exchange.response.has_value());
    const history::ExchangeRecord record = relayed.nextRecord();
    EXPECT_EQ(record.outcomeReason, QStringLiteral("unreachable"));
    EXPECT_EQ(record.responseStatus, 0);
    EXPECT_TRUE(record.error.contains(QLatin1String("connection refused"))) << record.error.toStdString();
}

TEST(Relay, AnExchangeWaitingOnTheWebhookWhenTheEndpointStopsIsRecordedWithWhatIsKnown)
{
    for (const relay::LateAnswer late : {relay::LateAnswer::Faithful, relay::LateAnswer::Fallback}) {
        SCOPED_TRACE(relay::lateAnswerName(late).toStdString());
        UpstreamPeer upstream({}, 0, Behaviour::Silence);
        RelayedEndpoint relayed({upstream.url(), late, QStringLiteral("safe")},
                                workspaceWithTemplate(QStringLiteral("safe"), R"({"assistant":{}})"));
        const base::HeaderList headers = signedHeaders(kSecret, kOddBody);
        http::HttpClientConnection client(QStringLiteral("127.0.0.1"),
                                          static_cast<quint16>(relayed.endpoint.url().port()));
        std::optional<http::ClientExchange> answer;
        QObject::connect(&client, &http::HttpClientConnection::exchangeFinished, &client,
                         [&answer](const http::ClientExchange &exchange) { answer = exchange; });
        client.send(
            http::serializeRequest("POST", "/calls", http::hostHeader(relayed.endpoint.url()), headers, kOddBody),
            20000);
        ASSERT_TRUE(QTest::qWaitFor([&upstream] { return upstream.requests().size() == 1; }, 5000));

        relayed.endpoint.stop();
        const history::ExchangeRecord record = relayed.nextRecord();
        EXPECT_EQ(record.request.body, kOddBody);
        EXPECT_EQ(record.request.target, QByteArrayLiteral("/calls"));
        EXPECT_EQ(record.responseStatus, 0); // nothing was answered, the fallback template neither
        EXPECT_TRUE(record.templateId.isEmpty());
        EXPECT_TRUE(record.error.startsWith(QLatin1String("the endpoint stopped before the webhook answered")))
            << record.error.toStdString();
        EXPECT_EQ(record.outcomeReason, QStringLiteral("unreachable"));
        ASSERT_TRUE(record.forwarded.has_value());
        EXPECT_EQ(record.forwarded->upstreamUrl, upstream.url(QStringLiteral("/hook/calls")).toString());
        EXPECT_TRUE(record.forwarded->requestHeaders.contains(headers.at(3)));
        EXPECT_EQ(record.forwarded->responseStatus, 0);
        EXPECT_EQ(record.forwarded->error, QStringLiteral("the endpoint stopped before the webhook answered"));
        EXPECT_FALSE(record.forwarded->fallbackAnswered);
        EXPECT_EQ(record.forwarded->lateAnswer, relay::lateAnswerName(late));
        EXPECT_TRUE(QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000));
        EXPECT_FALSE(answer && answer->response.has_value());
        EXPECT_EQ(relayed.endpoint.counters().dropped, 1);

        // Durable, both legs, as the history keeps them.
        const auto stored = relayed.closeAndLoadTheOnlyRecord();
        ASSERT_TRUE(stored.has_value());
        EXPECT_EQ(stored->error, record.error);
        ASSERT_TRUE(stored->forwarded.has_value());
        EXPECT_EQ(stored->forwarded->error, record.forwarded->error);
        EXPECT_EQ(stored->forwarded->upstreamUrl, record.forwarded->upstreamUrl);
    }
}

TEST(Relay, JoinsTheUpstreamPathWithThePathSuffixAndQuery)
{
    const QUrl upstream(QStringLiteral("http://h:1/base/?k=v"));
    EXPECT_EQ(relay::joinTarget(upstream, "/"), QByteArrayLiteral("/base/?k=v"));
    EXPECT_EQ(relay::joinTarget(upstream, "/x/y?z=1"), QByteArrayLiteral("/base/x/y?k=v&z=1"));
    EXPECT_EQ(relay::joinTarget(QUrl(QStringLiteral("http://h:1")), "/?q"), QByteArrayLiteral("/?q"));
}

namespace {

const QByteArray kForwardWorkspace = R"({
  "version": 1,
  "name": "Relay rules",
  "templates": [{"id": "plain", "body": {}}, {"id": "safe", "body": {"assistant": {"first_message": "Later"}}}],
  "default_forward": {"url": "http://127.0.0.1:1/default", "late": "fallback", "fallback_template": "safe"},
  "rules": [
    {"id": "local", "conditions": [{"kind": "header", "name": "X-Relay", "equals": "yes"}],
     "forward": {"url": "%URL%"}},
    {"id": "mock", "conditions": [{"kind": "header", "name": "X-Relay", "equals": "no"}], "template": "plain"}
  ]
})";

} // namespace

TEST(RelayWorkspace, ForwardRulesAndTheDefaultAnswerSurviveSavingAndLoading)
{
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(QByteArray(kForwardWorkspace).replace("%URL%", "https://hooks.example.com/voice"));
    ASSERT_TRUE(load.errors.isEmpty()) << load.errors.constFirst().message.toStdString();
    const workspace::Workspace &loaded = *load.workspace;
    ASSERT_TRUE(loaded.defaultForward.has_value());
    EXPECT_TRUE(loaded.defaultForward->fallback);
    EXPECT_EQ(loaded.defaultForward->fallbackTemplateId, QStringLiteral("safe"));
    ASSERT_TRUE(loaded.rules.rules().constFirst().action.isForward());
    EXPECT_EQ(loaded.rules.rules().constFirst().action.forwardTo()->url,
              QStringLiteral("https://hooks.example.com/voice"));
    EXPECT_FALSE(loaded.rules.rules().constFirst().action.forwardTo()->fallback);

    const workspace::WorkspaceLoad again = workspace::parseWorkspace(workspace::serializeWorkspace(loaded));
    ASSERT_TRUE(again.errors.isEmpty()) << again.errors.constFirst().message.toStdString();
    EXPECT_TRUE(*again.workspace == loaded);
}

TEST(RelayWorkspace, ABadForwardIsRefusedWithItsJsonPath)
{
    const auto errorsFor = [](const QByteArray &forward) {
        QStringList paths;
        const QByteArray json = R"({"version": 1, "name": "x", "templates": [{"id": "plain", "body": {}}],
            "rules": [{"id": "r", "forward": )" +
            forward + "}]}";
        for (const base::LoadError &error : workspace::parseWorkspace(json).errors)
            paths.append(error.path);
        return paths;
    };
    EXPECT_EQ(errorsFor(R"({"url": "ftp://x/"})"), QStringList {QStringLiteral("$.rules[0].forward.url")});
    EXPECT_EQ(errorsFor(R"({"url": "http://x/", "late": "soon"})"),
              QStringList {QStringLiteral("$.rules[0].forward.late")});
    EXPECT_EQ(errorsFor(R"({"url": "http://x/", "late": "fallback"})"),
              QStringList {QStringLiteral("$.rules[0].forward.fallback_template")});
    EXPECT_EQ(errorsFor(R"({"url": "http://x/", "late": "fallback", "fallback_template": "nosuch"})"),
              QStringList {QStringLiteral("$.rules[0].forward.fallback_template")});
    EXPECT_TRUE(errorsFor(R"({"url": "http://x/", "late": "fallback", "fallback_template": "plain"})").isEmpty());
}

TEST(RelayWorkspace, AMatchedForwardRuleRelaysAndOtherRulesStillAnswerFromTemplates)
{
    UpstreamPeer upstream(okAnswer());
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(QByteArray(kForwardWorkspace).replace("%URL%", upstream.url().toString().toUtf8()));
    ASSERT_TRUE(load.workspace.has_value());
    RelayedEndpoint relayed({QUrl(QStringLiteral("http://127.0.0.1:1/cli-override")), relay::LateAnswer::Faithful, {}},
                            *load.workspace);

    base::HeaderList relayHeaders = signedHeaders(kSecret, kOddBody);
    relayHeaders.append(QPair<QByteArray, QByteArray>("X-Relay", "yes"));
    const http::ClientExchange relayedExchange = exchangeWith(relayed.endpoint.url(), "/", relayHeaders, kOddBody);
    ASSERT_TRUE(relayedExchange.response.has_value()) << relayedExchange.error.toStdString();
    EXPECT_EQ(relayedExchange.response->body, kAnswerBody);
    EXPECT_EQ(upstream.requests().size(), 1);
    const history::ExchangeRecord relayedRecord = relayed.nextRecord();
    EXPECT_EQ(relayedRecord.ruleId, QStringLiteral("local"));
    ASSERT_TRUE(relayedRecord.forwarded.has_value());

    base::HeaderList mockHeaders = signedHeaders(kSecret, kOddBody);
    mockHeaders.append(QPair<QByteArray, QByteArray>("X-Relay", "no"));
    const http::ClientExchange mocked = exchangeWith(relayed.endpoint.url(), "/", mockHeaders, kOddBody);
    ASSERT_TRUE(mocked.response.has_value());
    EXPECT_TRUE(QJsonDocument::fromJson(mocked.response->body).object().isEmpty());
    const history::ExchangeRecord mockRecord = relayed.nextRecord();
    EXPECT_EQ(mockRecord.templateId, QStringLiteral("plain"));
    EXPECT_FALSE(mockRecord.forwarded.has_value());
    EXPECT_EQ(upstream.requests().size(), 1);
}

TEST(RelayWorkspace, TheWorkspacesDefaultForwardAnswersWhenNoRuleMatchesUnlessTheCliOverridesIt)
{
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(QByteArray(kForwardWorkspace).replace("%URL%", "http://x/"));
    ASSERT_TRUE(load.workspace.has_value());
    mock::MockResponder responder(*load.workspace, {}, 5000);
    const base::CapturedRequest request = [] {
        base::CapturedRequest captured;
        captured.method = "POST";
        captured.target = "/";
        captured.body = kOddBody;
        return captured;
    }();
    const mock::PlannedAnswer byWorkspace = responder.plan(request, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(byWorkspace.forward.has_value());
    EXPECT_EQ(byWorkspace.forward->answer.upstream, QUrl(QStringLiteral("http://127.0.0.1:1/default")));
    EXPECT_EQ(byWorkspace.forward->answer.late, relay::LateAnswer::Fallback);
    EXPECT_TRUE(byWorkspace.response.body.contains("Later")); // the fallback, planned before the webhook is asked

    responder.setDefaultForward(
        mock::ForwardAnswer {QUrl(QStringLiteral("http://127.0.0.1:2/cli")), relay::LateAnswer::Faithful, {}});
    const mock::PlannedAnswer byCli = responder.plan(request, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(byCli.forward.has_value());
    EXPECT_EQ(byCli.forward->answer.upstream, QUrl(QStringLiteral("http://127.0.0.1:2/cli")));
    EXPECT_EQ(byCli.forward->deadlineMs, 5000); // an assistant-request, by its body
}
