// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/callscript.h"
#include "composer/samplejson.h"
#include "contract/defaultassistant.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "rules/ruleset.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "analysis", "body": {"assistant": {"first_message": "Hello Ann", "analysis_plan": {"structured_data_plan": {
      "enabled": true,
      "schema": {"type": "object", "properties": {"intent": {"type": "string"},
        "sentiment": {"type": "string", "enum": ["positive", "neutral", "negative"]},
        "appointment_booked": {"type": "boolean"}}},
      "messages": [{"role": "user", "content": "Transcript: {{transcript}}"}]}}}}},
    {"id": "reject", "body": {"error": "We are closed."}},
    {"id": "tools", "body": {"assistant": {"llm_config": {"tools": [
      {"type": "function", "function": {"name": "check_order_status", "parameters": {"type": "object",
        "properties": {"order_id": {"type": "string", "examples": ["ORD-7"]}, "urgent": {"type": "boolean"}},
        "required": ["order_id"]}}},
      {"type": "function", "function": {"name": "transfer_call", "parameters": {"type": "object",
        "properties": {"department": {"type": "string", "enum": ["sales", "support"]}}}},
       "server": {"url": "https://tools.example.com/transfer"}}]}}}}
  ],
  "fallback_template": "analysis",
  "rules": [{"id": "closed", "conditions": [{"kind": "caller", "equals": "+3100000000"}], "template": "reject"},
            {"id": "tools", "conditions": [{"kind": "caller", "equals": "+3100000077"}], "template": "tools"}]
})";

const QStringList kEveryEvent {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                               QStringLiteral("tool-calls"), QStringLiteral("end-of-call-report")};

class CallScriptTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const workspace::WorkspaceLoad load = workspace::parseWorkspace(kWorkspace);
        ASSERT_TRUE(load.workspace);
        m_endpoint.setResponder(mock::MockResponder(*load.workspace, {}, 5000));
        connect();
        mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
    }

    void connect()
    {
        QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint,
                         [this](const history::ExchangeRecord &record) { m_received.append(record); });
    }

    composer::CallScriptOptions options(const QString &caller, const QStringList &webhookEvents) const
    {
        composer::CallScriptOptions options;
        options.call.url = m_endpoint.url();
        options.call.event.customerNumber = caller;
        options.call.defaultAssistant = contract::builtinDefaultAssistant();
        QJsonArray events;
        for (const QString &event : webhookEvents)
            events.append(event);
        options.call.defaultAssistant.insert(QStringLiteral("webhook_events"), events);
        options.toolCalls = {
            {QString(), QStringLiteral("book_appointment"), {{QStringLiteral("day"), QStringLiteral("tue")}}}};
        return options;
    }

    composer::CallScriptReport run(const QString &caller, const QStringList &webhookEvents)
    {
        return play(options(caller, webhookEvents));
    }

    composer::CallScriptReport play(const composer::CallScriptOptions &options)
    {
        composer::CallScriptRunner runner;
        QSignalSpy finished(&runner, &composer::CallScriptRunner::finished);
        runner.run(options);
        EXPECT_TRUE(finished.wait(10000));
        return finished.isEmpty() ? composer::CallScriptReport {}
                                  : finished.first().first().value<composer::CallScriptReport>();
    }

    // The tool calls of every tool-calls event received, as "name arguments".
    QStringList receivedToolCalls() const
    {
        QStringList calls;
        for (const history::ExchangeRecord &record : m_received) {
            if (record.eventType != QLatin1String("tool-calls"))
                continue;
            const QJsonArray list = QJsonDocument::fromJson(record.request.body)
                                        .object()
                                        .value(QStringLiteral("message"))
                                        .toObject()
                                        .value(QStringLiteral("tool_call_list"))
                                        .toArray();
            for (const QJsonValue &call : list) {
                const QJsonObject function = call.toObject().value(QStringLiteral("function")).toObject();
                calls.append(function.value(QStringLiteral("name")).toString() + QLatin1Char(' ') +
                             QString::fromUtf8(QJsonDocument(function.value(QStringLiteral("arguments")).toObject())
                                                   .toJson(QJsonDocument::Compact)));
            }
        }
        return calls;
    }

    QStringList receivedEvents() const
    {
        QStringList events;
        for (const history::ExchangeRecord &record : m_received)
            events.append(record.eventType);
        return events;
    }

    mock::MockEndpoint m_endpoint {nullptr};
    QList<history::ExchangeRecord> m_received;
};

} // namespace

TEST_F(CallScriptTest, AnAnsweredCallSendsEveryEventInOrderWithOneCallId)
{
    const auto report = run(QStringLiteral("+31612345678"),
                            {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                             QStringLiteral("tool-calls"), QStringLiteral("end-of-call-report")});
    EXPECT_EQ(receivedEvents(),
              (QStringList {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                            QStringLiteral("tool-calls"), QStringLiteral("status-update"),
                            QStringLiteral("end-of-call-report")}));
    ASSERT_EQ(report.steps.size(), 5);
    for (const history::ExchangeRecord &record : m_received)
        EXPECT_EQ(record.callId, m_received.first().callId);

    const QJsonObject message =
        QJsonDocument::fromJson(m_received.last().request.body).object().value(QStringLiteral("message")).toObject();
    const QJsonArray transcript = message.value(QStringLiteral("messages")).toArray();
    EXPECT_EQ(transcript.first().toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Hello Ann"));
    // The analysis data fits the schema the answer asked for.
    const QJsonObject data =
        message.value(QStringLiteral("analysis")).toObject().value(QStringLiteral("structured_data")).toObject();
    EXPECT_EQ(data.value(QStringLiteral("sentiment")).toString(), QStringLiteral("positive"));
    EXPECT_TRUE(data.value(QStringLiteral("appointment_booked")).isBool());
    EXPECT_TRUE(data.value(QStringLiteral("intent")).isString());
    EXPECT_GT(message.value(QStringLiteral("duration_seconds")).toInt(), 0);
}

TEST_F(CallScriptTest, OnlyTheAssistantsWebhookEventsAreSent)
{
    const auto report = run(QStringLiteral("+31612345678"),
                            {QStringLiteral("assistant-request"), QStringLiteral("end-of-call-report")});
    EXPECT_EQ(receivedEvents(),
              (QStringList {QStringLiteral("assistant-request"), QStringLiteral("end-of-call-report")}));
    int skipped = 0;
    for (const composer::CallStep &step : report.steps) {
        if (!step.result) {
            ++skipped;
            EXPECT_TRUE(step.skippedBecause.contains(QStringLiteral("webhook_events")));
        }
    }
    EXPECT_EQ(skipped, 3);
    EXPECT_EQ(report.steps.last().title, QStringLiteral("end-of-call-report")) << "the report keeps call order";
}

TEST_F(CallScriptTest, ARejectedCallEndsWithoutToolCallsOrAReport)
{
    const auto report = run(QStringLiteral("+3100000000"),
                            {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                             QStringLiteral("tool-calls"), QStringLiteral("end-of-call-report")});
    ASSERT_TRUE(report.outcome);
    EXPECT_EQ(report.outcome->disposition, contract::Disposition::Rejected);
    EXPECT_EQ(receivedEvents(), (QStringList {QStringLiteral("assistant-request"), QStringLiteral("status-update")}));
    const QJsonObject call = QJsonDocument::fromJson(m_received.last().request.body)
                                 .object()
                                 .value(QStringLiteral("message"))
                                 .toObject()
                                 .value(QStringLiteral("call"))
                                 .toObject();
    EXPECT_EQ(call.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
}

TEST_F(CallScriptTest, TheEffectiveAssistantsToolsArePlayedWithArgumentsFromTheirSchemas)
{
    composer::CallScriptOptions script = options(QStringLiteral("+3100000077"), kEveryEvent);
    script.toolCalls.clear();
    const auto report = play(script);
    EXPECT_EQ(receivedToolCalls(),
              (QStringList {QStringLiteral(R"(check_order_status {"order_id":"ORD-7","urgent":true})"),
                            QStringLiteral(R"(transfer_call {"department":"sales"})")}));
    ASSERT_EQ(report.steps.size(), 5);
    const composer::CallStep &tools = report.steps.at(2);
    EXPECT_EQ(tools.title,
              QStringLiteral("tool-calls: check_order_status, transfer_call (from the assistant's llm_config.tools)"));
    EXPECT_EQ(tools.source, contract::Source::Assumed);
    ASSERT_EQ(tools.notes.size(), 1);
    EXPECT_TRUE(tools.notes.first().startsWith(QStringLiteral("transfer_call: ")));
    EXPECT_TRUE(tools.notes.first().contains(QStringLiteral("https://tools.example.com/transfer")));
    EXPECT_TRUE(tools.notes.first().contains(QStringLiteral("not followed")));
    EXPECT_EQ(receivedEvents().at(2), QStringLiteral("tool-calls")) << "the webhook under test gets every tool call";
}

TEST_F(CallScriptTest, ToolCallsTheUserListedStayTheUsersChoice)
{
    play(options(QStringLiteral("+3100000077"), kEveryEvent));
    EXPECT_EQ(receivedToolCalls(), QStringList {QStringLiteral(R"(book_appointment {"day":"tue"})")});
}

TEST_F(CallScriptTest, AStandInListYieldsToTheAssistantsToolsAndPlaysWhenItHasNone)
{
    composer::CallScriptOptions script = options(QStringLiteral("+3100000077"), kEveryEvent);
    script.listedToolCalls = composer::ListedToolCalls::WhenTheAssistantHasNone;
    play(script);
    EXPECT_EQ(receivedToolCalls().size(), 2);
    EXPECT_TRUE(receivedToolCalls().first().startsWith(QStringLiteral("check_order_status ")));

    m_received.clear();
    script.call.event.customerNumber = QStringLiteral("+31612345678"); // the analysis template: no tools
    script.call.event.callId.clear();
    const auto report = play(script);
    EXPECT_EQ(receivedToolCalls(), QStringList {QStringLiteral(R"(book_appointment {"day":"tue"})")});
    EXPECT_EQ(report.steps.at(2).title, QStringLiteral("tool-calls (1)"));
}

TEST_F(CallScriptTest, WithoutToolsOrAListNoToolCallsAreSent)
{
    composer::CallScriptOptions script = options(QStringLiteral("+31612345678"), kEveryEvent);
    script.toolCalls.clear();
    const auto report = play(script);
    EXPECT_EQ(receivedEvents(),
              (QStringList {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                            QStringLiteral("status-update"), QStringLiteral("end-of-call-report")}));
    EXPECT_EQ(report.steps.size(), 4);
}

TEST_F(CallScriptTest, ARejectedCallPlaysNoneOfTheAssistantsTools)
{
    composer::CallScriptOptions script = options(QStringLiteral("+3100000000"), kEveryEvent);
    script.toolCalls.clear();
    script.call.defaultAssistant.insert(
        QStringLiteral("llm_config"),
        QJsonDocument::fromJson(R"({"provider": "openai", "model": "gpt-4o-mini", "tools": [
            {"type": "function", "function": {"name": "check_order_status"}}]})")
            .object());
    const auto report = play(script);
    ASSERT_TRUE(report.outcome);
    EXPECT_EQ(report.outcome->disposition, contract::Disposition::Rejected);
    EXPECT_TRUE(receivedToolCalls().isEmpty());
    EXPECT_EQ(receivedEvents(), (QStringList {QStringLiteral("assistant-request"), QStringLiteral("status-update")}));
}

TEST_F(CallScriptTest, TheSampleWorkspacesKnownCallerPlaysItsTemplatesTools)
{
    workspace::Workspace sample = workspace::builtinSampleWorkspace();
    QList<rules::Rule> rules = sample.rules.rules();
    // The business-hours rule would reject the call at night; the test must not depend on the hour.
    rules.removeIf([](const rules::Rule &rule) { return rule.id == QLatin1String("closed"); });
    sample.rules = rules::RuleSet(rules);
    m_endpoint.setResponder(mock::MockResponder(sample, {}, 5000));
    composer::CallScriptOptions script = options(QStringLiteral("+31687654321"), kEveryEvent); // Sanne de Vries
    script.toolCalls.clear();
    const auto report = play(script);
    ASSERT_TRUE(report.outcome);
    EXPECT_EQ(report.outcome->reason, contract::Reason::Override);
    EXPECT_EQ(receivedToolCalls(),
              (QStringList {QStringLiteral(R"(check_order_status {"include_items":true,"order_id":"ORD-10042"})"),
                            QStringLiteral(R"(book_callback {"part_of_day":"morning","phone_number":"+31612345678",)"
                                           R"("preferred_date":"2026-03-17"})")}));
}

TEST(SampleJson, FitsTheSchemaItIsGiven)
{
    const QJsonObject schema = QJsonDocument::fromJson(R"({"type": "object", "properties": {
        "count": {"type": "integer", "minimum": 3}, "tags": {"type": "array", "items": {"type": "string"}},
        "kind": {"const": "x"}, "nested": {"properties": {"ok": {"type": "boolean"}}}}})")
                                   .object();
    const QJsonObject sample = composer::sampleForSchema(schema).toObject();
    EXPECT_EQ(sample.value(QStringLiteral("count")).toInt(), 3);
    EXPECT_EQ(sample.value(QStringLiteral("tags")).toArray().size(), 1);
    EXPECT_EQ(sample.value(QStringLiteral("kind")).toString(), QStringLiteral("x"));
    EXPECT_TRUE(sample.value(QStringLiteral("nested")).toObject().value(QStringLiteral("ok")).toBool());
}
