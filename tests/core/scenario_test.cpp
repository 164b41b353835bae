// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/junitreport.h"
#include "composer/scenario.h"
#include "contract/defaultassistant.h"
#include "contract/signature.h"
#include "qtprinters.h"
#include "workspace/workspace.h"
#include "workspace/workspacewriter.h"

#include <QJsonDocument>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace dockside;
using composer::Scenario;
using composer::ScenarioResult;
using composer::SendResult;

namespace {

std::string describe(const QList<base::LoadError> &errors)
{
    QString text;
    for (const base::LoadError &error : errors)
        text += error.path + QLatin1String(": ") + error.message + QLatin1Char('\n');
    return text.toStdString();
}

Scenario scenarioFrom(const QByteArray &json)
{
    QList<base::LoadError> errors;
    const auto scenario = Scenario::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("$"), errors);
    EXPECT_TRUE(scenario) << describe(errors);
    return scenario.value_or(Scenario {});
}

QList<base::LoadError> errorsFor(const QByteArray &json)
{
    QList<base::LoadError> errors;
    const auto scenario = Scenario::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("$"), errors);
    EXPECT_FALSE(scenario) << json.toStdString();
    return errors;
}

// An answer as EventSender reports it, with the outcome the platform computes for assistant-requests.
SendResult answer(int status, const QByteArray &body, qint64 latencyMs = 12,
                  contract::EventType type = contract::EventType::AssistantRequest)
{
    SendResult result;
    result.record.eventType = contract::eventTypeName(type);
    result.record.responseStatus = status;
    result.record.responseBody = body;
    result.latencyUs = latencyMs * 1000;
    result.deadlineMs = 5000;
    if (type == contract::EventType::AssistantRequest) {
        contract::OutcomeInput input;
        input.exchange.httpStatus = status;
        input.exchange.body = body;
        input.exchange.latencyMs = latencyMs;
        input.defaultAssistant = contract::builtinDefaultAssistant();
        result.outcome = contract::computeOutcome(input);
    }
    return result;
}

SendResult noAnswer(contract::Transport transport, const QString &error)
{
    SendResult result;
    result.record.eventType = contract::eventTypeName(contract::EventType::AssistantRequest);
    result.transport = transport;
    result.transportError = error;
    result.latencyUs = 5000000;
    result.deadlineMs = 5000;
    contract::OutcomeInput input;
    input.exchange.transport = transport;
    input.exchange.transportError = error;
    input.defaultAssistant = contract::builtinDefaultAssistant();
    result.outcome = contract::computeOutcome(input);
    return result;
}

const QByteArray kGreeting = R"({"assistant": {"first_message": "Hello John", "llm_config": {"model": "gpt-4o"}}})";

struct ExpectationCase {
    const char *expect;
    const char *name;
    const char *expected;
    const char *actualWhenGreeting;
    bool passesOnGreeting;
};

} // namespace

TEST(Scenario, EveryExpectationKindPassesAndFailsWithExpectedBesideActual)
{
    const ExpectationCase cases[] = {
        {R"({"disposition": "answered"})", "disposition", "answered", "answered", true},
        {R"({"disposition": "rejected"})", "disposition", "rejected", "answered", false},
        {R"({"reason": "override"})", "reason", "override", "override", true},
        {R"({"reason": ["default", "timeout"]})", "reason", "default or timeout", "override", false},
        {R"({"first_message": {"equals": "Hello John"}})", "first_message equals", "\"Hello John\"", "\"Hello John\"",
         true},
        {R"({"first_message": {"equals": "Hello"}})", "first_message equals", "\"Hello\"", "\"Hello John\"", false},
        {R"({"first_message": {"contains": "John"}})", "first_message contains", "\"John\"", "\"Hello John\"", true},
        {R"({"first_message": {"contains": "Jane"}})", "first_message contains", "\"Jane\"", "\"Hello John\"", false},
        {R"({"json_pointer": [{"pointer": "/assistant/llm_config/model", "equals": "gpt-4o"}]})",
         "json_pointer /assistant/llm_config/model", "\"gpt-4o\"", "\"gpt-4o\"", true},
        {R"({"json_pointer": {"pointer": "/assistant/llm_config", "equals": {"model": "gpt-4"}}})",
         "json_pointer /assistant/llm_config", "{\"model\":\"gpt-4\"}", "{\"model\":\"gpt-4o\"}", false},
        {R"({"json_pointer": [{"pointer": "/max_duration_seconds", "equals": 300}]})",
         "json_pointer /max_duration_seconds", "300", "nothing (the pointer names no value)", false},
        {R"({"status": 200})", "status", "200", "200", true},
        {R"({"status": 201})", "status", "201", "200", false},
        {R"({"latency_under_ms": 13})", "latency_under_ms", "under 13 ms", "12.0 ms", true},
        {R"({"latency_under_ms": 12})", "latency_under_ms", "under 12 ms", "12.0 ms", false},
    };
    for (const ExpectationCase &testCase : cases) {
        SCOPED_TRACE(testCase.expect);
        const Scenario scenario = scenarioFrom(QByteArrayLiteral(R"({"id": "s", "expect": )") + testCase.expect + '}');
        const ScenarioResult result = composer::evaluateScenario(scenario, answer(200, kGreeting));
        ASSERT_EQ(result.expectations.size(), 1);
        const composer::ExpectationResult &only = result.expectations.constFirst();
        EXPECT_EQ(only.name, QString::fromUtf8(testCase.name));
        EXPECT_EQ(only.expected, QString::fromUtf8(testCase.expected));
        EXPECT_EQ(only.actual, QString::fromUtf8(testCase.actualWhenGreeting));
        EXPECT_EQ(only.passed, testCase.passesOnGreeting);
        EXPECT_EQ(result.passed(), testCase.passesOnGreeting);
    }
}

TEST(Scenario, ARejectionIsReadFromTheOutcome)
{
    const Scenario scenario =
        scenarioFrom(R"({"id": "closed", "expect": {"disposition": "rejected", "reason": "rejected",
                         "first_message": {"contains": "closed"}}})");
    const ScenarioResult result =
        composer::evaluateScenario(scenario, answer(200, R"({"error": "Sorry, we are closed."})"));
    EXPECT_TRUE(result.passed()) << composer::describeFailures(result).toStdString();
    EXPECT_EQ(result.expectations.size(), 3);
}

TEST(Scenario, APointerIntoABodyThatIsNotJsonFailsAndSaysSo)
{
    const Scenario scenario = scenarioFrom(
        R"({"id": "s", "expect": {"json_pointer": [{"pointer": "", "equals": {}}], "reason": "invalid_json"}})");
    const ScenarioResult result = composer::evaluateScenario(scenario, answer(200, "<html>oops</html>"));
    ASSERT_EQ(result.expectations.size(), 2);
    EXPECT_TRUE(result.expectations.at(0).passed); // reason comes first
    EXPECT_FALSE(result.expectations.at(1).passed);
    EXPECT_TRUE(result.expectations.at(1).actual.startsWith(QStringLiteral("a body that is not JSON")))
        << result.expectations.at(1).actual.toStdString();
}

TEST(Scenario, WithoutAnAnswerEveryExpectationFailsWithTheTransportReason)
{
    const Scenario scenario = scenarioFrom(
        R"({"id": "s", "expect": {"disposition": "answered", "reason": "override", "first_message": {"equals": "Hi"},
            "json_pointer": [{"pointer": "/assistant", "equals": {}}], "status": 200, "latency_under_ms": 100}})");
    const ScenarioResult result = composer::evaluateScenario(
        scenario, noAnswer(contract::Transport::Unreachable, QStringLiteral("connection refused")));
    ASSERT_EQ(result.expectations.size(), 6);
    EXPECT_FALSE(result.passed());
    for (const composer::ExpectationResult &expectation : result.expectations) {
        SCOPED_TRACE(expectation.name.toStdString());
        // The platform still answers with the default assistant, so disposition "answered" is right.
        EXPECT_EQ(expectation.passed, expectation.name == QLatin1String("disposition"));
        EXPECT_TRUE(expectation.actual.contains(QLatin1String("no answer: connection refused")))
            << expectation.actual.toStdString();
    }
    EXPECT_EQ(result.expectations.at(1).actual, QStringLiteral("unreachable (no answer: connection refused)"));
}

TEST(Scenario, AScenarioMayExpectTimeoutOrUnreachable)
{
    const Scenario scenario =
        scenarioFrom(R"({"id": "late", "expect": {"reason": ["timeout", "unreachable"], "disposition": "answered"}})");
    EXPECT_TRUE(
        composer::evaluateScenario(scenario, noAnswer(contract::Transport::TimedOut, QStringLiteral("late"))).passed());
    EXPECT_TRUE(
        composer::evaluateScenario(scenario, noAnswer(contract::Transport::Unreachable, QStringLiteral("refused")))
            .passed());
    EXPECT_FALSE(composer::evaluateScenario(scenario, answer(200, "{}")).passed());
}

TEST(Scenario, OutcomeExpectationsOnARawBodyThatIsNoAssistantRequestFail)
{
    const Scenario scenario = scenarioFrom(R"({"id": "raw", "raw_body": "{}", "expect": {"reason": "default"}})");
    const ScenarioResult result =
        composer::evaluateScenario(scenario, answer(200, "{}", 3, contract::EventType::StatusUpdate));
    ASSERT_EQ(result.expectations.size(), 1);
    EXPECT_FALSE(result.passed());
    EXPECT_TRUE(result.expectations.constFirst().actual.startsWith(QStringLiteral("no call outcome")));
}

TEST(Scenario, JsonRoundTripKeepsEveryField)
{
    const Scenario scenario = scenarioFrom(R"({
      "id": "vip", "name": "VIP", "description": "A VIP caller",
      "event": {"type": "assistant-request", "caller": "+31612345678", "called": "+3120", "call_type": "web_call",
                "call_id": "call-1"},
      "deadline_ms": 4000,
      "expect": {"disposition": ["answered", "rejected"], "reason": "override",
                 "first_message": {"contains": "John"},
                 "json_pointer": [{"pointer": "/a~1b/0", "equals": null}, {"pointer": "/x", "equals": [1, "two"]}],
                 "status": 200, "latency_under_ms": 900}})");
    EXPECT_EQ(scenario.caller, QStringLiteral("+31612345678"));
    EXPECT_EQ(scenario.callType, contract::CallType::WebCall);
    EXPECT_EQ(scenario.deadlineMs, 4000);
    EXPECT_EQ(scenario.expect.pointers.size(), 2);
    EXPECT_EQ(scenarioFrom(QJsonDocument(scenario.toJson()).toJson()), scenario);

    const composer::SendOptions options = scenario.sendOptions();
    EXPECT_EQ(options.event.customerNumber, QStringLiteral("+31612345678"));
    EXPECT_EQ(options.event.callId, QStringLiteral("call-1"));
    EXPECT_EQ(options.effectiveDeadlineMs(), 4000);
}

TEST(Scenario, ASignatureModeIsReadSavedAndSigns)
{
    const QByteArray secret = QByteArrayLiteral("whsec_suite");
    const Scenario asConfigured = scenarioFrom(R"({"id": "ok", "expect": {"status": 200}})");
    EXPECT_EQ(asConfigured.signing, composer::Signing::AsConfigured);
    EXPECT_FALSE(asConfigured.toJson().contains(QStringLiteral("signature")));
    EXPECT_EQ(asConfigured.sendOptions(secret).secret, secret);
    EXPECT_TRUE(asConfigured.sendOptions().secret.isEmpty());

    const Scenario wrong = scenarioFrom(R"({"id": "w", "signature": "wrong_secret", "expect": {"status": 401}})");
    EXPECT_EQ(wrong.signing, composer::Signing::WrongSecret);
    EXPECT_EQ(scenarioFrom(QJsonDocument(wrong.toJson()).toJson()), wrong);
    EXPECT_EQ(wrong.toJson().value(QStringLiteral("signature")).toString(), QStringLiteral("wrong_secret"));
    for (const QByteArray &suiteSecret : {secret, QByteArray()}) {
        const composer::SendOptions options = wrong.sendOptions(suiteSecret);
        EXPECT_FALSE(options.secret.isEmpty());
        EXPECT_NE(options.secret, suiteSecret);
        EXPECT_FALSE(options.signatureTimestamp);
    }

    const Scenario stale = scenarioFrom(R"({"id": "s", "signature": "stale_timestamp", "expect": {"status": 401}})");
    const composer::SendOptions staleOptions = stale.sendOptions(secret);
    EXPECT_EQ(staleOptions.secret, secret);
    ASSERT_TRUE(staleOptions.signatureTimestamp);
    EXPECT_LT(*staleOptions.signatureTimestamp,
              QDateTime::currentSecsSinceEpoch() - contract::kSignatureToleranceSeconds);

    const Scenario bare = scenarioFrom(R"({"id": "u", "signature": "unsigned", "expect": {"status": 401}})");
    EXPECT_TRUE(bare.sendOptions(secret).secret.isEmpty());
    EXPECT_EQ(scenarioFrom(QJsonDocument(bare.toJson()).toJson()), bare);

    const QList<base::LoadError> errors = errorsFor(R"({"id": "x", "signature": "forged", "expect": {"status": 401}})");
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.constFirst().path, QStringLiteral("$.signature"));
    EXPECT_TRUE(errors.constFirst().message.contains(QStringLiteral("wrong_secret, stale_timestamp or unsigned")));
}

TEST(Scenario, AnSdkVersionIsReadSavedAndShapesTheEvent)
{
    const Scenario current = scenarioFrom(R"({"id": "c", "event": {"type": "end-of-call-report"},
                                             "expect": {"status": 200}})");
    EXPECT_FALSE(current.sdk);
    EXPECT_FALSE(current.toJson().value(QStringLiteral("event")).toObject().contains(QStringLiteral("sdk")));
    EXPECT_EQ(current.sendOptions().event.sdk, contract::SdkVersion::V1_0_1);
    EXPECT_FALSE(current.sendOptions().event.endReason);

    const Scenario earlier = scenarioFrom(R"({"id": "e", "event": {"type": "end-of-call-report", "sdk": "1.0.0"},
                                             "expect": {"status": 200}})");
    EXPECT_EQ(earlier.sdk, contract::SdkVersion::V1_0_0);
    EXPECT_EQ(scenarioFrom(QJsonDocument(earlier.toJson()).toJson()), earlier);
    EXPECT_EQ(earlier.toJson().value(QStringLiteral("event")).toObject().value(QStringLiteral("sdk")).toString(),
              QStringLiteral("1.0.0"));
    // The report a webhook for SDK 1.0.0 expects: its end reason and times are filled in.
    const composer::SendOptions options = earlier.sendOptions();
    EXPECT_EQ(options.event.sdk, contract::SdkVersion::V1_0_0);
    EXPECT_TRUE(options.event.endReason && options.event.startedAt && options.event.endedAt);
    const QJsonObject message = contract::buildEventPayload(options.event).value(QStringLiteral("message")).toObject();
    EXPECT_TRUE(message.contains(QStringLiteral("end_reason")));
    EXPECT_TRUE(message.value(QStringLiteral("phone_number")).toObject().contains(QStringLiteral("id")));

    // Saved in the file's key order, after the call id.
    const QByteArray text = composer::serializeScenario(earlier);
    EXPECT_TRUE(text.contains("\"sdk\": \"1.0.0\"")) << text.toStdString();

    for (const QByteArray &bad : {QByteArrayLiteral(R"("2.0")"), QByteArrayLiteral("100")}) {
        const QList<base::LoadError> errors =
            errorsFor(R"({"id": "x", "event": {"sdk": )" + bad + R"(}, "expect": {"status": 200}})");
        ASSERT_EQ(errors.size(), 1) << bad.toStdString();
        EXPECT_EQ(errors.constFirst().path, QStringLiteral("$.event.sdk"));
        EXPECT_TRUE(errors.constFirst().message.contains(QStringLiteral("\"1.0.1\" (the current SDK) or \"1.0.0\"")))
            << errors.constFirst().message.toStdString();
    }
}

TEST(Scenario, ProblemsAreReportedWithTheirJsonPath)
{
    const auto firstPath = [](const QList<base::LoadError> &errors) {
        return errors.isEmpty() ? QString() : errors.constFirst().path;
    };
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {"reason": ["override", "maybe"]}})")),
              QStringLiteral("$.expect.reason[1]"));
    EXPECT_EQ(
        firstPath(errorsFor(R"({"id": "s", "expect": {"json_pointer": [{"pointer": "no-slash", "equals": 1}]}})")),
        QStringLiteral("$.expect.json_pointer[0].pointer"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {"json_pointer": [{"pointer": "/a"}]}})")),
              QStringLiteral("$.expect.json_pointer[0].equals"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "event": {"type": "hello"}, "expect": {"status": 200}})")),
              QStringLiteral("$.event.type"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {"status": 700}})")), QStringLiteral("$.expect.status"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {"stauts": 200}})")), QStringLiteral("$.expect.stauts"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s"})")), QStringLiteral("$.expect"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {}})")), QStringLiteral("$.expect"));
    EXPECT_EQ(firstPath(errorsFor(R"({"expect": {"status": 200}})")), QStringLiteral("$.id"));
    const QList<base::LoadError> statusUpdate =
        errorsFor(R"({"id": "s", "event": {"type": "status-update"}, "expect": {"reason": "default"}})");
    ASSERT_EQ(statusUpdate.size(), 1);
    EXPECT_TRUE(statusUpdate.constFirst().message.contains(QLatin1String("assistant-request only")))
        << statusUpdate.constFirst().message.toStdString();
}

TEST(Scenario, AWholeCallScenarioReadsItsStepsAndSendsThemWithTheRunsCallId)
{
    const QByteArray json = R"({"id": "call", "steps": [
        {"body": {"message": {"type": "assistant-request", "timestamp": "2025-12-13T12:00:00.000Z",
                              "call": {"id": "captured", "status": "ringing"}}},
         "expect": {"status": 200, "disposition": "answered"}},
        {"body": {"message": {"type": "status-update", "call": {"id": "captured", "status": "ended"}}}}]})";
    const composer::ScenarioTextLoad load = composer::parseScenarioText(json);
    ASSERT_TRUE(load.scenario.has_value()) << describe(load.errors);
    const Scenario &scenario = *load.scenario;
    ASSERT_EQ(scenario.steps.size(), 2);
    EXPECT_EQ(scenario.steps.at(0).expect.status, std::optional<int>(200));
    EXPECT_TRUE(scenario.steps.at(1).expect.isEmpty());
    EXPECT_EQ(scenario.steps.at(1).eventType(), QStringLiteral("status-update"));

    const composer::SendOptions first = scenario.stepSendOptions(0, QStringLiteral("fresh-id"));
    const QJsonObject sent = QJsonDocument::fromJson(*first.rawBody).object().value(u"message").toObject();
    EXPECT_EQ(sent.value(u"call").toObject().value(u"id").toString(), QStringLiteral("fresh-id"));
    EXPECT_EQ(sent.value(u"call").toObject().value(u"status").toString(), QStringLiteral("ringing"));
    EXPECT_NE(sent.value(u"timestamp").toString(), QStringLiteral("2025-12-13T12:00:00.000Z"));
    EXPECT_EQ(first.eventTypeName(), QStringLiteral("assistant-request"));

    // Saved and read again, it is the same scenario.
    const composer::ScenarioTextLoad again = composer::parseScenarioText(composer::serializeScenario(scenario));
    ASSERT_TRUE(again.scenario.has_value()) << describe(again.errors);
    EXPECT_TRUE(*again.scenario == scenario);
}

TEST(Scenario, AWholeCallScenarioNamesWhatIsWrongWithItsSteps)
{
    const auto firstPath = [](const QList<base::LoadError> &errors) {
        return errors.isEmpty() ? QString() : errors.constFirst().path;
    };
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "steps": []})")), QStringLiteral("$.steps"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "steps": [{"body": {"message": {"type": "hello"}},
                                      "expect": {"status": 200}}]})")),
              QStringLiteral("$.steps[0].body.message.type"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "steps": [{"body": {"message": {"type": "status-update"}}}]})")),
              QStringLiteral("$.steps"))
        << "no step checks anything";
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "event": {}, "steps": [{"body": {"message": {"type":
                                      "status-update"}}, "expect": {"status": 200}}]})")),
              QStringLiteral("$.steps"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "expect": {"status": 200}, "steps": [{"body": {"message":
                                      {"type": "status-update"}}, "expect": {"status": 200}}]})")),
              QStringLiteral("$.expect"));
    EXPECT_EQ(firstPath(errorsFor(R"({"id": "s", "steps": [{"body": {"message": {"type": "status-update"}},
                                      "expect": {"reason": "default"}}]})")),
              QStringLiteral("$.steps[0].expect"));
}

TEST(Scenario, WorkspaceScenariosLoadWithPathAndLineAndSurviveSaving)
{
    const QByteArray broken = R"({
  "version": 1,
  "scenarios": [
    {"id": "a", "expect": {"status": 200}},
    {"id": "a", "expect": {"status": 200}},
    {"id": "b", "expect": {"reason": "sometimes"}}
  ]
})";
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(broken);
    EXPECT_FALSE(load.workspace);
    ASSERT_EQ(load.errors.size(), 2) << describe(load.errors);
    EXPECT_EQ(load.errors.at(0).path, QStringLiteral("$.scenarios[1].id"));
    EXPECT_EQ(load.errors.at(0).line, 5);
    EXPECT_EQ(load.errors.at(1).path, QStringLiteral("$.scenarios[2].expect.reason"));
    EXPECT_EQ(load.errors.at(1).line, 6);

    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    EXPECT_GE(sample.scenarios.size(), 7);
    const workspace::WorkspaceLoad again = workspace::parseWorkspace(workspace::serializeWorkspace(sample));
    ASSERT_TRUE(again.workspace) << describe(again.errors);
    EXPECT_EQ(again.workspace->scenarios, sample.scenarios);
}

TEST(Scenario, ScenarioFilesRoundTripAndNameTheirProblems)
{
    const QList<Scenario> scenarios = workspace::builtinSampleWorkspace().scenarios;
    const QByteArray file = composer::serializeScenarioFile(scenarios);
    EXPECT_TRUE(file.startsWith("{\n  \"dockside_scenarios\": 1,\n  \"scenarios\": [\n    {\n      \"id\": "))
        << file.left(200).toStdString();
    const composer::ScenarioFileLoad load = composer::parseScenarioFile(file);
    EXPECT_TRUE(load.errors.isEmpty()) << describe(load.errors);
    EXPECT_EQ(load.scenarios, scenarios);

    EXPECT_EQ(composer::parseScenarioFile(R"({"scenarios": []})").errors.value(0).path, QStringLiteral("$"));
    EXPECT_EQ(composer::parseScenarioFile(R"({"dockside_scenarios": 2, "scenarios": []})").errors.value(0).path,
              QStringLiteral("$.dockside_scenarios"));
    const composer::ScenarioFileLoad truncated = composer::parseScenarioFile("{\"dockside_scenarios\": 1,\n \"scen");
    ASSERT_EQ(truncated.errors.size(), 1);
    EXPECT_EQ(truncated.errors.constFirst().line, 2);
}

TEST(Scenario, OneScenarioAsTextRoundTripsAndPlacesItsProblems)
{
    for (const Scenario &scenario : workspace::builtinSampleWorkspace().scenarios) {
        const QByteArray text = composer::serializeScenario(scenario);
        EXPECT_TRUE(text.startsWith("{\n  \"id\": ")) << text.left(80).toStdString();
        const composer::ScenarioTextLoad load = composer::parseScenarioText(text);
        EXPECT_TRUE(load.errors.isEmpty()) << describe(load.errors);
        EXPECT_EQ(load.scenario, scenario);
    }

    const composer::ScenarioTextLoad badStatus =
        composer::parseScenarioText("{\n  \"id\": \"x\",\n  \"expect\": {\n    \"status\": \"ok\"\n  }\n}\n");
    ASSERT_EQ(badStatus.errors.size(), 1) << describe(badStatus.errors);
    EXPECT_EQ(badStatus.errors.constFirst().path, QStringLiteral("$.expect.status"));
    EXPECT_EQ(badStatus.errors.constFirst().line, 4);
    EXPECT_EQ(badStatus.errors.constFirst().column, 15);
    EXPECT_FALSE(badStatus.scenario);

    const composer::ScenarioTextLoad truncated = composer::parseScenarioText("{\"id\": \"x\",\n  \"expect\": {");
    ASSERT_EQ(truncated.errors.size(), 1);
    EXPECT_EQ(truncated.errors.constFirst().line, 2);
    EXPECT_EQ(composer::parseScenarioText("[]").errors.value(0).path, QStringLiteral("$"));
}

TEST(JUnitReport, ParsesBackWithCountsFailuresAndOutput)
{
    const Scenario passing = scenarioFrom(R"({"id": "ok", "name": "Greets John", "expect": {"status": 200}})");
    const Scenario failing = scenarioFrom(
        R"({"id": "bad", "name": "Wants <default> & more", "expect": {"reason": "default", "status": 200}})");
    const Scenario offline = scenarioFrom(R"({"id": "down", "expect": {"status": 200}})");
    composer::SuiteReport report;
    report.elapsedMs = 1500;
    report.results = {composer::evaluateScenario(passing, answer(200, kGreeting)),
                      composer::evaluateScenario(failing, answer(200, kGreeting)),
                      composer::evaluateScenario(
                          offline, noAnswer(contract::Transport::Unreachable, QStringLiteral("connection refused")))};
    ScenarioResult cancelled;
    cancelled.scenarioId = QStringLiteral("later");
    cancelled.scenarioName = QStringLiteral("Later");
    cancelled.cancelled = true;
    report.results.append(cancelled);

    QXmlStreamReader xml(composer::junitXml(report, QStringLiteral("Sample workspace")));
    QList<QXmlStreamAttributes> suites;
    QList<QXmlStreamAttributes> cases;
    QMap<QString, QString> failures; // testcase name: "failure"/"error"/"skipped" + message + text
    QString currentCase;
    int systemOuts = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            suites.append(xml.attributes());
        } else if (xml.name() == QLatin1String("testcase")) {
            cases.append(xml.attributes());
            currentCase = xml.attributes().value(QLatin1String("name")).toString();
        } else if (xml.name() == QLatin1String("failure") || xml.name() == QLatin1String("error") ||
                   xml.name() == QLatin1String("skipped")) {
            const QString kind = xml.name().toString();
            const QString message = xml.attributes().value(QLatin1String("message")).toString();
            failures.insert(currentCase, kind + QLatin1Char('|') + message + QLatin1Char('|') + xml.readElementText());
        } else if (xml.name() == QLatin1String("system-out")) {
            ++systemOuts;
            EXPECT_FALSE(xml.readElementText().isEmpty());
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    ASSERT_EQ(suites.size(), 1);
    EXPECT_EQ(suites.constFirst().value(QLatin1String("name")), QLatin1String("Sample workspace"));
    EXPECT_EQ(suites.constFirst().value(QLatin1String("tests")), QLatin1String("4"));
    EXPECT_EQ(suites.constFirst().value(QLatin1String("failures")), QLatin1String("1"));
    EXPECT_EQ(suites.constFirst().value(QLatin1String("errors")), QLatin1String("1"));
    EXPECT_EQ(suites.constFirst().value(QLatin1String("skipped")), QLatin1String("1"));
    EXPECT_EQ(suites.constFirst().value(QLatin1String("time")), QLatin1String("1.500"));
    ASSERT_EQ(cases.size(), 4);
    EXPECT_EQ(cases.at(1).value(QLatin1String("name")), QLatin1String("Wants <default> & more"));
    EXPECT_EQ(cases.at(1).value(QLatin1String("classname")), QLatin1String("dockside.scenarios.bad"));
    EXPECT_EQ(cases.at(0).value(QLatin1String("time")), QLatin1String("0.012"));
    EXPECT_EQ(systemOuts, 4);
    EXPECT_FALSE(failures.contains(QStringLiteral("Greets John")));
    EXPECT_EQ(failures.value(QStringLiteral("Wants <default> & more")),
              QStringLiteral("failure|1 of 2 expectations failed|reason: expected default, actual override"));
    EXPECT_TRUE(failures.value(QStringLiteral("down"))
                    .startsWith(QStringLiteral("error|no answer: connection refused; 1 of 1 expectations failed|"
                                               "status: expected 200, actual no answer: connection refused")))
        << failures.value(QStringLiteral("down")).toStdString();
    EXPECT_TRUE(failures.value(QStringLiteral("Later")).startsWith(QStringLiteral("skipped|")));
}
