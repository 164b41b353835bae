#include "composer/callscript.h"
#include "composer/samplejson.h"
#include "contract/defaultassistant.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"

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
    {"id": "reject", "body": {"error": "We are closed."}}
  ],
  "fallback_template": "analysis",
  "rules": [{"id": "closed", "conditions": [{"kind": "caller", "equals": "+3100000000"}], "template": "reject"}]
})";

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

    composer::CallScriptReport run(const QString &caller, const QStringList &webhookEvents)
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
        composer::CallScriptRunner runner;
        QSignalSpy finished(&runner, &composer::CallScriptRunner::finished);
        runner.run(options);
        EXPECT_TRUE(finished.wait(10000));
        return finished.isEmpty() ? composer::CallScriptReport {}
                                  : finished.first().first().value<composer::CallScriptReport>();
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
