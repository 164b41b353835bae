// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kSecret = QStringLiteral("whsec_node_peer_secret");

// tests/node-webhook/server.js: a customer's webhook that verifies signatures with Node's own crypto.
class NodeWebhook final {
public:
    Q_DISABLE_COPY_MOVE(NodeWebhook)
    NodeWebhook() = default;
    ~NodeWebhook()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(3000))
                m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    // Empty on success, else why the peer did not start.
    QString start()
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            return QStringLiteral("node is not on PATH: install Node.js (packaging/install-deps.sh --with-tests)");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("WEBHOOK_SECRET"), kSecret);
        environment.insert(QStringLiteral("PORT"), QStringLiteral("0"));
        m_process.setProcessEnvironment(environment);
        m_process.setWorkingDirectory(QStringLiteral(DOCKSIDE_NODE_WEBHOOK_DIR));
        m_process.start(node, {QStringLiteral("server.js")});
        if (!m_process.waitForStarted(5000))
            return QStringLiteral("node did not start: ") + m_process.errorString();
        QByteArray out;
        while (!out.contains('\n')) {
            if (!m_process.waitForReadyRead(10000))
                return QStringLiteral("node server.js printed no port: ") +
                    QString::fromUtf8(m_process.readAllStandardError());
            out += m_process.readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        if (!line.startsWith("listening on "))
            return QStringLiteral("unexpected first line from node: ") + QString::fromUtf8(line);
        m_url = QStringLiteral("http://127.0.0.1:%1/webhooks/assistant-request")
                    .arg(QString::fromLatin1(line.split(' ').constLast()));
        return {};
    }
    QString url() const { return m_url; }

private:
    QProcess m_process;
    QString m_url;
};

QProcessEnvironment secretEnvironment(const QString &secret)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), secret);
    return environment;
}

QJsonObject sendJson(const QString &url, const QString &secret, const QString &caller, int *exitCode)
{
    const CliResult result = runCli({QStringLiteral("send"), url, QStringLiteral("--caller"), caller,
                                     QStringLiteral("--no-history"), QStringLiteral("--json")},
                                    secretEnvironment(secret));
    *exitCode = result.exitCode;
    EXPECT_TRUE(result.err.isEmpty()) << result.err.toStdString();
    return QJsonDocument::fromJson(result.out).object();
}

} // namespace

TEST(NodeWebhook, AKnownCallerGetsThePersonalisedGreeting)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    int exitCode = -1;
    const QJsonObject json = sendJson(peer.url(), kSecret, QStringLiteral("+31612345678"), &exitCode);
    EXPECT_EQ(exitCode, 0);
    EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 200);
    const QJsonObject outcome = json.value(QStringLiteral("outcome")).toObject();
    EXPECT_EQ(outcome.value(QStringLiteral("spoken_first")).toString(),
              QStringLiteral("Hello John, welcome back! How can I help?"));
    EXPECT_EQ(outcome.value(QStringLiteral("reason")).toString(), QStringLiteral("override"));
}

TEST(NodeWebhook, AnUnknownCallerGetsTheDefaultAssistant)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    int exitCode = -1;
    const QJsonObject json = sendJson(peer.url(), kSecret, QStringLiteral("+31600000000"), &exitCode);
    EXPECT_EQ(exitCode, 0);
    EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 200);
    EXPECT_EQ(json.value(QStringLiteral("response_body")).toString(), QStringLiteral("{}"));
    EXPECT_TRUE(
        json.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("uses_default_assistant")).toBool());
}

TEST(NodeWebhook, AWrongSecretIsRejectedByThePeersOwnHmac)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    int exitCode = -1;
    const QJsonObject json =
        sendJson(peer.url(), QStringLiteral("whsec_wrong"), QStringLiteral("+31612345678"), &exitCode);
    // The peer answered, so send succeeds; the outcome says the platform falls back.
    EXPECT_EQ(exitCode, 0);
    EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 401);
    EXPECT_EQ(json.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reason")).toString(),
              QStringLiteral("http_status"));
}

TEST(NodeWebhook, ScenariosCheckThatTheWebhookRefusesWhatItCannotVerify)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    QTemporaryDir directory;
    const QString scenarios = directory.filePath(QStringLiteral("signatures.dockside-scenarios.json"));
    QFile file(scenarios);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"dockside_scenarios": 1, "scenarios": [
      {"id": "signed", "event": {"caller": "+31612345678"}, "expect": {"status": 200, "reason": "override"}},
      {"id": "wrong-secret", "signature": "wrong_secret", "expect": {"status": 401, "reason": "http_status"}},
      {"id": "stale", "signature": "stale_timestamp", "expect": {"status": 401}},
      {"id": "unsigned", "signature": "unsigned", "expect": {"status": 401}}
    ]})");
    file.close();
    const CliResult result = runCli({QStringLiteral("check"), peer.url(), QStringLiteral("--scenarios"), scenarios},
                                    secretEnvironment(kSecret));
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("\n4 passed, 0 failed in ")) << result.out.toStdString();
}

TEST(NodeWebhook, ABurstIsVerifiedAndAnsweredByThePeer)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    const CliResult result = runCli({QStringLiteral("burst"), peer.url(), QStringLiteral("-n"), QStringLiteral("200"),
                                     QStringLiteral("-c"), QStringLiteral("10"), QStringLiteral("--json")},
                                    secretEnvironment(kSecret));
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString() << result.out.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    EXPECT_EQ(json.value(QStringLiteral("answered")).toInt(), 200);
    EXPECT_EQ(json.value(QStringLiteral("statuses")).toObject(), (QJsonObject {{QStringLiteral("200"), 200}}));
}

// The relay between Dockside's composer (playing the platform) and the Node webhook: the webhook's own HMAC code
// verifies what was forwarded, byte for byte, or re-signed with its own secret.
TEST(NodeWebhook, TheRelayForwardsWhatTheWebhooksOwnHmacVerifiesAndReSignsForItsOwnSecret)
{
    NodeWebhook peer;
    const QString error = peer.start();
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    QFile workspace(directory.filePath(QStringLiteral("relay.dockside.json")));
    ASSERT_TRUE(workspace.open(QIODevice::WriteOnly));
    workspace.write(R"({"version": 1, "name": "Relay", "templates": [{"id": "safe", "body": {}}]})");
    workspace.close();
    const QStringList serveArguments {QStringLiteral("--port"),
                                      QStringLiteral("0"),
                                      QStringLiteral("--workspace"),
                                      workspace.fileName(),
                                      QStringLiteral("--no-history"),
                                      QStringLiteral("--forward-to"),
                                      peer.url()};

    {
        ServeProcess relay;
        ASSERT_TRUE(relay.start(serveArguments));
        int exitCode = -1;
        const QJsonObject json = sendJson(relay.url().toString(), kSecret, QStringLiteral("+31612345678"), &exitCode);
        EXPECT_EQ(exitCode, 0);
        EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 200) << QJsonDocument(json).toJson().toStdString();
        EXPECT_EQ(json.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("spoken_first")).toString(),
                  QStringLiteral("Hello John, welcome back! How can I help?"));
        EXPECT_EQ(relay.stop(), 0);
    }
    {
        // The platform signs with its secret, the webhook knows only its own: the relay signs anew for it.
        ServeProcess relay;
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("DOCKSIDE_UPSTREAM_SECRET"), kSecret);
        ASSERT_TRUE(relay.start(serveArguments + QStringList {QStringLiteral("--resign")}, environment));
        int exitCode = -1;
        const QJsonObject json = sendJson(relay.url().toString(), QStringLiteral("whsec_the_platforms"),
                                          QStringLiteral("+31612345678"), &exitCode);
        EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 200) << QJsonDocument(json).toJson().toStdString();
        EXPECT_EQ(json.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reason")).toString(),
                  QStringLiteral("override"));
        EXPECT_EQ(relay.stop(), 0);

        // Without re-signing the webhook refuses the platform's signature, and the relay passes its 401 on.
        ServeProcess faithful;
        ASSERT_TRUE(faithful.start(serveArguments));
        const QJsonObject refused = sendJson(faithful.url().toString(), QStringLiteral("whsec_the_platforms"),
                                             QStringLiteral("+31612345678"), &exitCode);
        EXPECT_EQ(refused.value(QStringLiteral("status")).toInt(), 401);
        EXPECT_EQ(faithful.stop(), 0);
    }
}
