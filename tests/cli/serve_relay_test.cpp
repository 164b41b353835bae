// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "contract/signature.h"
#include "history/historyreader.h"
#include "privatekeychain.h"
#include "qtprinters.h"
#include "secrets/secretstore.h"
#include "serveprocess.h"
#include "upstreampeer.h"

#include <QEventLoop>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

namespace {

// Odd spacing and key order: the webhook must get these bytes, not a re-serialisation.
const QByteArray kBody = QByteArrayLiteral("{\"message\": {\"type\":\"assistant-request\" , \"z\":1,\"a\":2}}");
const QByteArray kAnswer = QByteArrayLiteral("{\"assistant\":{\"first_message\":\"From my laptop\"}}");

class ServeRelayTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        QFile file(m_dir.filePath(QStringLiteral("relay.dockside.json")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "name": "Relay", "templates": [{"id": "safe", "body": {}}]})");
        m_workspace = file.fileName();
    }
    QStringList arguments(const QStringList &more) const
    {
        return QStringList {QStringLiteral("serve"),
                            QStringLiteral("--port"),
                            QStringLiteral("0"),
                            QStringLiteral("--workspace"),
                            m_workspace,
                            QStringLiteral("--history"),
                            m_dir.filePath(QStringLiteral("history.sqlite"))} +
            more;
    }

    QTemporaryDir m_dir;
    QString m_workspace;
};

} // namespace

TEST_F(ServeRelayTest, ForwardsToTheWebhookAndLogsTheOutcomeOfItsRealAnswer)
{
    UpstreamPeer upstream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-From: laptop\r\nContent-Length: " +
                          QByteArray::number(kAnswer.size()) + "\r\n\r\n" + kAnswer);
    ServeProcess serve;
    QStringList args = arguments({QStringLiteral("--forward-to"), upstream.url().toString()});
    args.removeFirst();
    ASSERT_TRUE(serve.start(args));
    ASSERT_TRUE(serve.waitForOutput("Forwarding to: " + upstream.url().toString().toUtf8()));

    const HttpAnswer answer = postRequest(serve.url().resolved(QUrl(QStringLiteral("/voice?x=1"))), kBody,
                                          {{"Content-Type", "application/json"},
                                           {"X-Webhook-Event", "assistant-request"},
                                           {"X-Webhook-Timestamp", "1700000000"},
                                           {"X-Webhook-Signature", "sha256=abc"}});
    EXPECT_EQ(answer.status, 200) << answer.error.toStdString();
    EXPECT_EQ(answer.body, kAnswer);
    EXPECT_TRUE(std::any_of(answer.headers.cbegin(), answer.headers.cend(),
                            [](const auto &header) { return header.first == "X-From" && header.second == "laptop"; }));
    ASSERT_EQ(upstream.requests().size(), 1);
    const QByteArray raw = upstream.requests().constFirst();
    EXPECT_TRUE(raw.startsWith("POST /hook/voice?x=1 HTTP/1.1\r\n")) << raw.left(80).toStdString();
    EXPECT_TRUE(raw.endsWith(QByteArray("\r\n\r\n" + kBody)));
    EXPECT_TRUE(raw.contains("\r\nX-Webhook-Signature: sha256=abc\r\n"));
    EXPECT_TRUE(serve.waitForOutput("outcome=answered/override"));
    EXPECT_EQ(serve.stop(), 0);
}

TEST_F(ServeRelayTest, AnUnreachableWebhookIsLoggedWithThePlatformsOutcome)
{
    quint16 closedPort = 0;
    {
        UpstreamPeer gone;
        closedPort = gone.port();
    }
    ServeProcess serve;
    QStringList args =
        arguments({QStringLiteral("--forward-to"), QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort)});
    args.removeFirst();
    ASSERT_TRUE(serve.start(args));
    const HttpAnswer answer = postRequest(
        serve.url(), kBody, {{"Content-Type", "application/json"}, {"X-Webhook-Event", "assistant-request"}});
    EXPECT_EQ(answer.status, 0);
    EXPECT_TRUE(serve.waitForOutput("outcome=answered/unreachable"));
    EXPECT_FALSE(serve.outputLinesContaining("connection refused").isEmpty());
    EXPECT_EQ(serve.stop(), 0);
}

TEST_F(ServeRelayTest, AnHttpsWebhookWithASelfSignedCertificateAnswersWhenItsCaFileIsGiven)
{
    const TlsIdentity identity = TlsIdentity::create(m_dir.path());
    ASSERT_TRUE(identity.error.isEmpty()) << identity.error.toStdString();
    UpstreamPeer upstream(identity,
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(kAnswer.size()) + "\r\n\r\n" + kAnswer);
    const RequestHeaders headers {{"Content-Type", "application/json"}, {"X-Webhook-Event", "assistant-request"}};

    ServeProcess trusting;
    QStringList args = arguments({QStringLiteral("--forward-to"), upstream.url().toString(),
                                  QStringLiteral("--upstream-ca"), identity.certificatePath});
    args.removeFirst();
    ASSERT_TRUE(trusting.start(args)) << trusting.standardError().toStdString();
    const HttpAnswer answer = postRequest(trusting.url(), kBody, headers);
    EXPECT_EQ(answer.status, 200) << answer.error.toStdString();
    EXPECT_EQ(answer.body, kAnswer);
    ASSERT_EQ(upstream.requests().size(), 1);
    EXPECT_TRUE(upstream.requests().constFirst().endsWith(QByteArray("\r\n\r\n" + kBody)));
    EXPECT_TRUE(trusting.waitForOutput("outcome=answered/override")) << trusting.standardOutput().toStdString();
    EXPECT_EQ(trusting.stop(), 0);

    // Without the file the system's CA store alone refuses the certificate, and the log says why.
    ServeProcess refusing;
    args = arguments({QStringLiteral("--forward-to"), upstream.url().toString()});
    args.removeFirst();
    ASSERT_TRUE(refusing.start(args)) << refusing.standardError().toStdString();
    EXPECT_EQ(postRequest(refusing.url(), kBody, headers).status, 0);
    EXPECT_TRUE(refusing.waitForOutput("the TLS handshake failed: The certificate is self-signed, and untrusted"))
        << refusing.standardOutput().toStdString();
    EXPECT_EQ(upstream.requests().size(), 1);
    EXPECT_EQ(refusing.stop(), 0);
}

class ServeRelayStopTest : public ServeRelayTest, public ::testing::WithParamInterface<int> { };

TEST_P(ServeRelayStopTest, ARequestWaitingOnTheWebhookWhenServeIsStoppedIsLoggedAndKeptInTheHistory)
{
    UpstreamPeer upstream({}, 0, UpstreamPeer::Behaviour::Silence);
    ServeProcess serve;
    QStringList args = arguments({QStringLiteral("--forward-to"), upstream.url().toString()});
    args.removeFirst();
    ASSERT_TRUE(serve.start(args));
    QTcpSocket caller;
    caller.connectToHost(QStringLiteral("127.0.0.1"), serve.port());
    caller.write("POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Webhook-Event: "
                 "assistant-request\r\nContent-Length: " +
                 QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody);
    ASSERT_TRUE(QTest::qWaitFor([&upstream] { return upstream.requests().size() == 1; }, 5000));

    ASSERT_EQ(serve.stop(GetParam()), 0) << serve.standardError().toStdString();
    const QByteArray out = serve.standardOutput();
    EXPECT_TRUE(out.contains("Stopped: 1 received, 0 answered, 1 dropped, 0 refused.\n")) << out.toStdString();
    const QList<QByteArray> lines = serve.outputLinesContaining(" POST /voice ");
    ASSERT_EQ(lines.size(), 1) << out.toStdString();
    EXPECT_TRUE(lines.constFirst().contains("-> no answer relayed=failed webhook=no answer"))
        << lines.constFirst().toStdString();
    EXPECT_TRUE(lines.constFirst().contains("error: the endpoint stopped before the webhook answered"))
        << lines.constFirst().toStdString();

    dockside::history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(m_dir.filePath(QStringLiteral("history.sqlite")), &error)) << error.toStdString();
    ASSERT_EQ(reader.count({}), 1);
    const auto record = reader.load(1);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->request.body, kBody);
    EXPECT_EQ(record->responseStatus, 0);
    ASSERT_TRUE(record->forwarded.has_value());
    EXPECT_EQ(record->forwarded->upstreamUrl, upstream.url(QStringLiteral("/hook/voice")).toString());
    EXPECT_EQ(record->forwarded->error, QStringLiteral("the endpoint stopped before the webhook answered"));
}

INSTANTIATE_TEST_SUITE_P(Serve, ServeRelayStopTest, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int> &signalInfo) {
                             return signalInfo.param == SIGTERM ? std::string("Sigterm") : std::string("Sigint");
                         });

TEST_F(ServeRelayTest, ABadUrlAnUnknownTemplateOrAMissingSecretIsAUsageError)
{
    const CliResult badUrl = runCli(arguments({QStringLiteral("--forward-to"), QStringLiteral("ftp://example.com/")}));
    EXPECT_EQ(badUrl.exitCode, 2);
    EXPECT_TRUE(badUrl.err.contains("not an http:// or https:// URL")) << badUrl.err.toStdString();

    const CliResult unknown = runCli(arguments({QStringLiteral("--forward-to"), QStringLiteral("http://127.0.0.1:9/"),
                                                QStringLiteral("--fallback"), QStringLiteral("nosuch")}));
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains("no template \"nosuch\"; its templates are: safe")) << unknown.err.toStdString();

    const CliResult alone = runCli(arguments({QStringLiteral("--fallback"), QStringLiteral("safe")}));
    EXPECT_EQ(alone.exitCode, 2);
    EXPECT_TRUE(alone.err.contains("needs --forward-to")) << alone.err.toStdString();
}

TEST_F(ServeRelayTest, ReSignsWithTheWebhooksOwnSecretFromTheKeychainWhenTheVariableIsUnset)
{
    using dockside::testing::isPrivateKeychainMode;
    if (!isPrivateKeychainMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(
            dockside::testing::runInPrivateKeychainSession(
                "keyring",
                QStringLiteral("ServeRelayTest.ReSignsWithTheWebhooksOwnSecretFromTheKeychainWhenTheVariableIsUnset"),
                &output),
            0)
            << output.toStdString();
        return;
    }
    UpstreamPeer upstream("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    QStringList args =
        arguments({QStringLiteral("--forward-to"), upstream.url().toString(), QStringLiteral("--resign")});
    args.removeFirst();

    // Neither the variable nor the keychain: a usage error that says where the secret can come from.
    const CliResult refused =
        runCli(arguments({QStringLiteral("--forward-to"), upstream.url().toString(), QStringLiteral("--resign")}));
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("DOCKSIDE_UPSTREAM_SECRET")) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("the keychain holds none")) << refused.err.toStdString();

    dockside::secrets::SecretStore store;
    QEventLoop loop;
    bool written = false;
    QObject::connect(&store, &dockside::secrets::SecretStore::secretWritten, &loop, [&] {
        written = true;
        loop.quit();
    });
    QObject::connect(&store, &dockside::secrets::SecretStore::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    store.write(QLatin1String(dockside::secrets::kUpstreamSecretKey), "whsec_my_webhooks_own");
    loop.exec();
    ASSERT_TRUE(written);

    ServeProcess serve;
    ASSERT_TRUE(serve.start(args));
    EXPECT_TRUE(serve.waitForOutput("re-signed with the secret from the keychain"));
    const HttpAnswer answer = postRequest(serve.url(), kBody,
                                          {{"Content-Type", "application/json"},
                                           {"X-Webhook-Event", "assistant-request"},
                                           {"X-Webhook-Timestamp", "1700000000"},
                                           {"X-Webhook-Signature", "sha256=from-the-platform"}});
    EXPECT_EQ(answer.status, 200) << answer.error.toStdString();
    ASSERT_EQ(upstream.requests().size(), 1);
    const QByteArray expected =
        "X-Webhook-Signature: " + dockside::contract::signatureHeaderValue("whsec_my_webhooks_own", 1700000000, kBody) +
        "\r\n";
    EXPECT_TRUE(upstream.requests().constFirst().contains(expected)) << upstream.requests().constFirst().toStdString();
    EXPECT_EQ(serve.stop(), 0);
}
