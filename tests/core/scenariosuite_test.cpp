// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/suiterunner.h"
#include "contract/defaultassistant.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "workspace/workspace.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace dockside;
using composer::Scenario;
using composer::SuiteReport;
using composer::SuiteRunner;

namespace {

const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "greet", "body": {"assistant": {"first_message": "Hi from the webhook"}}},
    {"id": "crash", "status": 500, "raw_body": "<html>boom</html>"},
    {"id": "reject", "body": {"error": "We are closed."}}
  ],
  "fallback_template": "greet",
  "rules": [
    {"id": "crash", "conditions": [{"kind": "caller", "equals": "+3100000500"}], "template": "crash"},
    {"id": "reject", "conditions": [{"kind": "caller", "equals": "+3100000403"}], "template": "reject"}
  ]
})";

Scenario scenarioFrom(const QByteArray &json)
{
    QList<base::LoadError> errors;
    const auto scenario = Scenario::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("$"), errors);
    EXPECT_TRUE(scenario) << (errors.isEmpty() ? std::string() : errors.constFirst().message.toStdString());
    return scenario.value_or(Scenario {});
}

QList<Scenario> numberedScenarios(int count)
{
    QList<Scenario> scenarios;
    for (int i = 0; i < count; ++i)
        scenarios.append(scenarioFrom(QStringLiteral(R"({"id": "s%1", "expect": {"status": 200}})").arg(i).toUtf8()));
    return scenarios;
}

// Answers every request after a pause (or never) and counts how many requests it holds at once.
class CountingPeer {
public:
    explicit CountingPeer(int answerAfterMs)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this, answerAfterMs] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this] { ++m_closed; });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, answerAfterMs] {
                    *buffer += socket->readAll();
                    const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                    if (headerEnd < 0 || socket->property("held").toBool())
                        return;
                    socket->setProperty("held", true);
                    ++m_received;
                    m_maxHeld = std::max(m_maxHeld, ++m_held);
                    if (answerAfterMs < 0)
                        return;
                    QTimer::singleShot(answerAfterMs, socket, [this, socket] {
                        --m_held;
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                      "Connection: close\r\n\r\n{}");
                        socket->disconnectFromHost();
                    });
                });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort())); }
    int received() const { return m_received; }
    int maxHeld() const { return m_maxHeld; }
    // Connections the other side closed.
    int closed() const { return m_closed; }

private:
    QTcpServer m_server;
    int m_received = 0;
    int m_held = 0;
    int m_maxHeld = 0;
    int m_closed = 0;
};

std::optional<SuiteReport> runToEnd(SuiteRunner &runner, const QUrl &url, const QList<Scenario> &scenarios,
                                    int concurrency, int timeoutMs = 15000, const QByteArray &secret = {})
{
    std::optional<SuiteReport> report;
    const QMetaObject::Connection connection = QObject::connect(
        &runner, &SuiteRunner::finished, &runner, [&report](const SuiteReport &finished) { report = finished; });
    runner.run(url, scenarios, secret, contract::builtinDefaultAssistant(), concurrency);
    EXPECT_TRUE(QTest::qWaitFor([&report] { return report.has_value(); }, timeoutMs));
    QObject::disconnect(connection);
    return report;
}

} // namespace

TEST(SuiteRunner, RunsScenariosAgainstTheMockEndpointAndReportsEachExpectation)
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(kWorkspace);
    ASSERT_TRUE(load.workspace);
    mock::MockEndpoint endpoint {nullptr};
    endpoint.setResponder(mock::MockResponder(*load.workspace, {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());

    const QList<Scenario> scenarios = {
        scenarioFrom(R"({"id": "greet", "event": {"caller": "+31612345678"},
            "expect": {"reason": "override", "first_message": {"equals": "Hi from the webhook"}, "status": 200,
                       "latency_under_ms": 4000}})"),
        scenarioFrom(R"({"id": "crash", "event": {"caller": "+3100000500"},
            "expect": {"reason": "http_status", "status": 500, "disposition": "answered"}})"),
        scenarioFrom(R"({"id": "reject", "event": {"caller": "+3100000403"},
            "expect": {"disposition": "rejected", "first_message": {"equals": "We are closed."}}})"),
        scenarioFrom(R"({"id": "wrong", "event": {"caller": "+3100000500"}, "expect": {"reason": "override"}})"),
        scenarioFrom(R"({"id": "web", "event": {"call_type": "web_call", "type": "status-update"},
            "expect": {"json_pointer": [{"pointer": "/assistant/first_message", "equals": "Hi from the webhook"}]}})"),
    };
    SuiteRunner runner;
    QSignalSpy progress(&runner, &SuiteRunner::progress);
    QSignalSpy perScenario(&runner, &SuiteRunner::scenarioFinished);
    const std::optional<SuiteReport> report =
        runToEnd(runner, endpoint.url().resolved(QUrl(QStringLiteral("/webhook"))), scenarios, 2);
    ASSERT_TRUE(report);
    ASSERT_EQ(report->results.size(), 5);
    for (qsizetype i = 0; i < scenarios.size(); ++i)
        EXPECT_EQ(report->results.at(i).scenarioId, scenarios.at(i).id); // in the scenarios' order
    for (const QString &id :
         {QStringLiteral("greet"), QStringLiteral("crash"), QStringLiteral("reject"), QStringLiteral("web")}) {
        const auto &result = *std::find_if(report->results.cbegin(), report->results.cend(),
                                           [&id](const auto &candidate) { return candidate.scenarioId == id; });
        EXPECT_TRUE(result.passed()) << id.toStdString() << ": " << result.summary().toStdString();
    }
    const composer::ScenarioResult &wrong = report->results.at(3);
    EXPECT_FALSE(wrong.passed());
    ASSERT_EQ(wrong.expectations.size(), 1);
    EXPECT_EQ(wrong.expectations.constFirst().expected, QStringLiteral("override"));
    EXPECT_EQ(wrong.expectations.constFirst().actual, QStringLiteral("http_status"));
    EXPECT_EQ(report->passedCount(), 4);
    EXPECT_EQ(report->failedCount(), 1);
    EXPECT_FALSE(report->cancelled);
    EXPECT_EQ(perScenario.size(), 5);
    ASSERT_EQ(progress.size(), 5);
    EXPECT_EQ(progress.last().at(0).toInt(), 5);
    EXPECT_EQ(progress.last().at(1).toInt(), 5);
}

TEST(SuiteRunner, ScenariosCheckTheSignatureRoundTrip)
{
    // The webhook under test refuses what it cannot verify, as the sample workspace does with a secret.
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(R"({
      "version": 1,
      "templates": [
        {"id": "greet", "body": {"assistant": {"first_message": "Hi from the webhook"}}},
        {"id": "unauthorized", "status": 401, "raw_body": "Invalid signature"}
      ],
      "fallback_template": "greet",
      "rules": [
        {"id": "bad-signature", "conditions": [{"kind": "signature", "equals": "invalid"}], "template": "unauthorized"}
      ]
    })");
    ASSERT_TRUE(load.workspace);
    const QByteArray secret = QByteArrayLiteral("whsec_round_trip");
    const QList<Scenario> scenarios = {
        scenarioFrom(R"({"id": "signed", "expect": {"status": 200, "reason": "override"}})"),
        scenarioFrom(R"({"id": "wrong-secret", "signature": "wrong_secret",
            "expect": {"status": 401, "reason": "http_status"}})"),
        scenarioFrom(R"({"id": "stale", "signature": "stale_timestamp", "expect": {"status": 401}})"),
        scenarioFrom(R"({"id": "unsigned", "signature": "unsigned", "expect": {"status": 200}})"),
    };
    for (const bool serverChecks : {true, false}) {
        SCOPED_TRACE(serverChecks);
        mock::MockEndpoint endpoint {nullptr};
        endpoint.setResponder(mock::MockResponder(*load.workspace, serverChecks ? secret : QByteArray(), 5000));
        mock::MockEndpointOptions options;
        options.port = 0;
        endpoint.start(options);
        ASSERT_TRUE(endpoint.isRunning());
        QStringList verdicts;
        QObject::connect(
            &endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
            [&verdicts](const history::ExchangeRecord &record) { verdicts.append(record.signatureStatus); });
        SuiteRunner runner;
        const std::optional<SuiteReport> report = runToEnd(runner, endpoint.url(), scenarios, 1, 15000, secret);
        ASSERT_TRUE(report);
        ASSERT_EQ(report->results.size(), 4);
        if (serverChecks) {
            for (const composer::ScenarioResult &result : report->results)
                EXPECT_TRUE(result.passed())
                    << result.scenarioId.toStdString() << ": " << result.summary().toStdString();
            EXPECT_EQ(verdicts,
                      (QStringList {QStringLiteral("valid"), QStringLiteral("mismatch"),
                                    QStringLiteral("stale_timestamp"), QStringLiteral("missing_timestamp")}));
        } else {
            // A webhook that verifies nothing answers a forged event like any other: the suite says so.
            EXPECT_TRUE(report->results.at(0).passed());
            EXPECT_FALSE(report->results.at(1).passed());
            EXPECT_FALSE(report->results.at(2).passed());
            EXPECT_EQ(report->results.at(1).httpStatus, 200);
        }
    }
}

TEST(SuiteRunner, NeverHasMoreThanTheConcurrencyInFlight)
{
    for (const int concurrency : {1, 3}) {
        SCOPED_TRACE(concurrency);
        CountingPeer peer(80);
        SuiteRunner runner;
        const std::optional<SuiteReport> report = runToEnd(runner, peer.url(), numberedScenarios(9), concurrency);
        ASSERT_TRUE(report);
        EXPECT_EQ(report->passedCount(), 9);
        EXPECT_EQ(peer.received(), 9);
        EXPECT_EQ(peer.maxHeld(), concurrency); // the limit is reached, and never passed
    }
}

TEST(SuiteRunner, CancelStopsSendingAndReportsTheRestAsCancelled)
{
    CountingPeer peer(-1); // never answers
    SuiteRunner runner;
    std::optional<SuiteReport> report;
    QObject::connect(&runner, &SuiteRunner::finished, &runner,
                     [&report](const SuiteReport &finished) { report = finished; });
    runner.run(peer.url(), numberedScenarios(6), {}, contract::builtinDefaultAssistant(), 2);
    ASSERT_TRUE(QTest::qWaitFor([&peer] { return peer.received() == 2; }, 5000));
    EXPECT_TRUE(runner.isRunning());
    runner.cancel();
    ASSERT_TRUE(report);
    EXPECT_FALSE(runner.isRunning());
    EXPECT_TRUE(report->cancelled);
    EXPECT_EQ(report->results.size(), 6);
    EXPECT_EQ(report->cancelledCount(), 6);
    EXPECT_EQ(report->passedCount(), 0);
    EXPECT_EQ(report->failedCount(), 0);
    // The runner closed both connections it held open (the peer sees them go); no third request came first.
    ASSERT_TRUE(QTest::qWaitFor([&peer] { return peer.closed() == 2; }, 5000)) << peer.closed();
    EXPECT_EQ(peer.received(), 2);
}

TEST(SuiteRunner, AnUnreachableWebhookFailsEveryExpectationWithTheReason)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(closed.serverPort()));
    closed.close();

    const QList<Scenario> scenarios = {
        scenarioFrom(R"({"id": "a", "expect": {"status": 200, "reason": "override"}})"),
        scenarioFrom(R"({"id": "b", "expect": {"reason": "unreachable"}})"),
    };
    SuiteRunner runner;
    const std::optional<SuiteReport> report = runToEnd(runner, url, scenarios, 4);
    ASSERT_TRUE(report);
    ASSERT_EQ(report->results.size(), 2);
    const composer::ScenarioResult &a = report->results.at(0);
    EXPECT_FALSE(a.passed());
    EXPECT_EQ(a.transport, contract::Transport::Unreachable);
    ASSERT_EQ(a.expectations.size(), 2);
    for (const composer::ExpectationResult &expectation : a.expectations) {
        EXPECT_FALSE(expectation.passed);
        EXPECT_TRUE(expectation.actual.contains(QLatin1String("connection refused")))
            << expectation.actual.toStdString();
    }
    EXPECT_TRUE(report->results.at(1).passed()); // expected explicitly
}

TEST(SuiteRunner, AnEmptySuiteFinishesAndAnInvalidUrlFailsEveryScenario)
{
    SuiteRunner runner;
    const std::optional<SuiteReport> empty = runToEnd(runner, QUrl(QStringLiteral("http://127.0.0.1:1/")), {}, 4);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->results.isEmpty());
    EXPECT_TRUE(empty->allPassed());

    const std::optional<SuiteReport> invalid =
        runToEnd(runner, QUrl(QStringLiteral("ftp://example.invalid/")), numberedScenarios(3), 2);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->failedCount(), 3);
    EXPECT_FALSE(invalid->results.constFirst().transportError.isEmpty());
}

TEST(SuiteRunner, TheSampleWorkspacesGermanScenariosPassAgainstTheSampleMock)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    mock::MockEndpoint endpoint {nullptr};
    endpoint.setResponder(mock::MockResponder(sample, {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());

    QList<Scenario> german;
    for (const Scenario &scenario : sample.scenarios) {
        if (scenario.id == QLatin1String("german-caller") || scenario.id == QLatin1String("german-contact"))
            german.append(scenario);
    }
    ASSERT_EQ(german.size(), 2);
    EXPECT_TRUE(german.at(0).caller.value_or(QString()).startsWith(QStringLiteral("+49")));
    EXPECT_EQ(german.at(1).caller.value_or(QString()), QStringLiteral("+4915112345678")) << "Jonas Becker, German";
    SuiteRunner runner;
    const std::optional<SuiteReport> report = runToEnd(runner, endpoint.url(), german, 2);
    ASSERT_TRUE(report);
    ASSERT_EQ(report->results.size(), 2);
    for (const composer::ScenarioResult &result : report->results) {
        EXPECT_TRUE(result.passed()) << result.scenarioId.toStdString() << ": " << result.summary().toStdString();
        QStringList checked;
        for (const composer::ExpectationResult &expectation : result.expectations)
            checked.append(expectation.name + QLatin1Char('=') + expectation.actual);
        // Recognition and voice switch to German too, not only the greeting.
        EXPECT_TRUE(checked.contains(QStringLiteral("json_pointer /assistant/stt_config/language=\"de\"")))
            << checked.join(QLatin1Char('\n')).toStdString();
        EXPECT_TRUE(checked.contains(QStringLiteral("json_pointer /assistant/tts_config/provider=\"elevenlabs\"")))
            << checked.join(QLatin1Char('\n')).toStdString();
    }
}
