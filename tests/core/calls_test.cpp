// SPDX-License-Identifier: GPL-3.0-or-later

#include "calls/analysischeck.h"
#include "calls/calllister.h"
#include "calls/callscenario.h"
#include "calls/callsummary.h"
#include "calls/calltrack.h"

#include "contract/callevent.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using namespace dockside;
using calls::CallFlag;
using history::ExchangeRecord;

constexpr qint64 kStartUs = 1'765'627'200'000'000; // 2025-12-13T12:00:00Z

// One recorded event of a call: the body the platform would send, answered by the webhook with answer.
ExchangeRecord event(const QString &callId, contract::EventType type, qint64 atSeconds, QByteArray answer = "{}",
                     const std::function<void(contract::EventOptions &)> &shape = {})
{
    static qint64 nextId = 1;
    contract::EventOptions options;
    options.type = type;
    options.callId = callId;
    if (shape)
        shape(options);
    ExchangeRecord record;
    record.id = nextId++;
    record.request.method = "POST";
    record.request.target = "/webhook";
    record.request.receivedAtUs = kStartUs + atSeconds * 1'000'000;
    record.request.body = contract::serializeEvent(contract::buildEventPayload(options));
    record.eventType = contract::eventTypeName(type);
    record.callId = callId;
    record.callerNumber = options.customerNumber;
    record.calledNumber = options.phoneNumber;
    record.responseStatus = 200;
    record.responseBody = std::move(answer);
    record.latencyUs = 120'000;
    if (type == contract::EventType::AssistantRequest) {
        contract::OutcomeInput input;
        input.exchange.body = record.responseBody;
        input.defaultAssistant = contract::builtinDefaultAssistant();
        input.forHistoryRow = true;
        const contract::CallOutcome outcome = contract::computeOutcome(input);
        record.outcomeDisposition = contract::dispositionName(outcome.disposition);
        record.outcomeReason = contract::reasonCode(outcome.reason);
    }
    return record;
}

ExchangeRecord status(const QString &callId, const char *callStatus, qint64 atSeconds)
{
    return event(callId, contract::EventType::StatusUpdate, atSeconds, "{}",
                 [&](contract::EventOptions &options) { options.callStatus = QString::fromLatin1(callStatus); });
}

ExchangeRecord report(const QString &callId, qint64 atSeconds, int durationSeconds,
                      std::optional<QJsonObject> analysis = std::nullopt)
{
    return event(callId, contract::EventType::EndOfCallReport, atSeconds, "{}", [&](contract::EventOptions &options) {
        options.durationSeconds = durationSeconds;
        options.summary = QStringLiteral("Booked for Tuesday.");
        options.analysis = analysis;
    });
}

ExchangeRecord toolCall(const QString &callId, qint64 atSeconds)
{
    return event(callId, contract::EventType::ToolCalls, atSeconds,
                 R"({"results": [{"tool_call_id": "t1", "result": {"status": "shipped"}}]})",
                 [](contract::EventOptions &options) {
                     options.toolCalls = {{QStringLiteral("t1"), QStringLiteral("lookup_order"),
                                           QJsonObject {{QStringLiteral("order"), QStringLiteral("A-17")}}}};
                 });
}

const QByteArray kOverride = R"({"assistant": {"first_message": "Hello from the test."}, "max_duration_seconds": 300})";

QList<ExchangeRecord> wellOrderedCall(const QString &callId)
{
    return {event(callId, contract::EventType::AssistantRequest, 0, kOverride), status(callId, "in-progress", 1),
            toolCall(callId, 20), status(callId, "ended", 100), report(callId, 101, 99)};
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QStringList codesOf(const calls::CallTrack &track)
{
    QStringList codes;
    for (const CallFlag &flag : track.flags)
        codes << flag.code;
    return codes;
}

TEST(CallTrack, AWellOrderedCallHasNoFlagsAndReadsInOrder)
{
    const calls::CallTrack track =
        calls::trackCall(wellOrderedCall(QStringLiteral("c-ok")), contract::builtinDefaultAssistant());
    EXPECT_TRUE(track.flags.isEmpty()) << codesOf(track).join(u',').toStdString();
    EXPECT_FALSE(track.brokeOrder());
    ASSERT_EQ(track.marks.size(), 5);
    EXPECT_EQ(track.marks.at(0).title, QStringLiteral("assistant-request: answered with overrides"));
    EXPECT_EQ(track.marks.at(1).title, QStringLiteral("status-update: in-progress"));
    EXPECT_EQ(track.marks.at(2).offsetUs, 20'000'000);
    ASSERT_EQ(track.marks.at(2).toolCalls.size(), 1);
    EXPECT_EQ(track.marks.at(2).toolCalls.first().name, QStringLiteral("lookup_order"));
    EXPECT_EQ(track.marks.at(2).toolCalls.first().result.toObject().value(u"status").toString(),
              QStringLiteral("shipped"));
    EXPECT_EQ(track.maxDurationSeconds, 300);
    EXPECT_EQ(track.reportedDurationSeconds, std::optional<double>(99));
    EXPECT_EQ(track.marks.at(4).title, QStringLiteral("end-of-call-report: 99 s of 300 s"));
    EXPECT_EQ(track.summary, QStringLiteral("Booked for Tuesday."));
    EXPECT_EQ(track.callerNumber, QStringLiteral("+31612345678"));
    EXPECT_EQ(track.spanUs(), 101'120'000);
}

TEST(CallTrack, RecordsInAnyOrderAreSortedByArrival)
{
    QList<ExchangeRecord> records = wellOrderedCall(QStringLiteral("c-shuffled"));
    std::reverse(records.begin(), records.end());
    const calls::CallTrack track = calls::trackCall(records, contract::builtinDefaultAssistant());
    EXPECT_TRUE(track.flags.isEmpty()) << codesOf(track).join(u',').toStdString();
    EXPECT_TRUE(track.marks.first().eventType == QStringLiteral("assistant-request"));
}

TEST(CallTrack, EachBreakOfTheOrderIsFlaggedOnItsExchange)
{
    const QString id = QStringLiteral("c-broken");
    const QList<ExchangeRecord> records {event(id, contract::EventType::AssistantRequest, 0, kOverride),
                                         toolCall(id, 1), // before in-progress
                                         status(id, "in-progress", 2),
                                         event(id, contract::EventType::AssistantRequest, 3, kOverride),
                                         status(id, "ended", 400),
                                         toolCall(id, 401), // after the end
                                         report(id, 402, 398), // over the 300 s limit
                                         report(id, 403, 398),
                                         status(id, "ended", 404)};
    const calls::CallTrack track = calls::trackCall(records, contract::builtinDefaultAssistant());
    EXPECT_EQ(codesOf(track),
              (strings({"tool_call_before_answer", "second_assistant_request", "tool_call_after_end",
                        "duration_over_limit", "duplicate_report", "event_after_report"})));
    EXPECT_TRUE(track.brokeOrder());
    EXPECT_EQ(track.flags.at(0).exchangeId, records.at(1).id);
    EXPECT_EQ(track.flags.at(5).exchangeId, records.at(8).id);
}

TEST(CallTrack, ACallWithoutAssistantRequestIsANoteNotABreak)
{
    const QString id = QStringLiteral("c-no-ar");
    const calls::CallTrack track = calls::trackCall({status(id, "in-progress", 0), toolCall(id, 5), report(id, 9, 9)},
                                                    contract::builtinDefaultAssistant());
    EXPECT_EQ(codesOf(track), strings({"no_assistant_request"}));
    EXPECT_EQ(track.flags.first().severity, CallFlag::Severity::Note);
    EXPECT_FALSE(track.brokeOrder());
}

TEST(CallTrack, ARejectedCallAllowsOnlyItsRejectionAndAReport)
{
    const QString id = QStringLiteral("c-rejected");
    const QByteArray rejection = R"({"error": "We are closed."})";
    const calls::CallTrack fine = calls::trackCall(
        {event(id, contract::EventType::AssistantRequest, 0, rejection), status(id, "rejected", 1), report(id, 2, 0)},
        contract::builtinDefaultAssistant());
    EXPECT_TRUE(fine.flags.isEmpty()) << codesOf(fine).join(u',').toStdString();
    EXPECT_EQ(fine.marks.first().title, QStringLiteral("assistant-request: rejected"));
    const calls::CallTrack broken = calls::trackCall(
        {event(id, contract::EventType::AssistantRequest, 0, rejection), status(id, "in-progress", 1), toolCall(id, 2)},
        contract::builtinDefaultAssistant());
    EXPECT_EQ(codesOf(broken), (strings({"event_after_rejection", "event_after_rejection"})));
}

TEST(CallTrack, TheAnalysisIsReadAgainstThePlansSchema)
{
    const QString id = QStringLiteral("c-analysis");
    const QByteArray planned = R"({"assistant": {"analysis_plan": {"structured_data_plan": {"enabled": true,
        "schema": {"type": "object", "properties": {"booked": {"type": "boolean"}, "day": {"type": "string"},
        "party": {"type": "integer"}}, "required": ["booked", "day"]}}}}})";
    const QJsonObject analysis {{QStringLiteral("structured_data"),
                                 QJsonObject {{QStringLiteral("booked"), true},
                                              {QStringLiteral("party"), QStringLiteral("four")},
                                              {QStringLiteral("mood"), QStringLiteral("happy")}}}};
    const calls::CallTrack track =
        calls::trackCall({event(id, contract::EventType::AssistantRequest, 0, planned), status(id, "in-progress", 1),
                          status(id, "ended", 60), report(id, 61, 59, analysis)},
                         contract::builtinDefaultAssistant());
    EXPECT_TRUE(track.analysisPlanned);
    QStringList seen;
    for (const calls::AnalysisField &field : track.analysis)
        seen << field.name + QLatin1Char(':') + calls::analysisProblemText(field);
    EXPECT_EQ(seen,
              (strings({"booked:", "mood:not in the plan's schema", "party:expected integer",
                        "day:required by the schema, missing"})));
}

TEST(CallScenario, ACapturedCallBecomesStepsExpectingTheAnswersItGot)
{
    QList<ExchangeRecord> records = wellOrderedCall(QStringLiteral("c-scenario"));
    ExchangeRecord plain;
    plain.id = 999;
    plain.request.method = "GET";
    plain.request.receivedAtUs = kStartUs + 50'000'000;
    records.insert(2, plain);
    const calls::CallScenario made = calls::scenarioFromCall(records, QStringLiteral("VIP call"));
    ASSERT_EQ(made.scenario.steps.size(), 5);
    EXPECT_EQ(made.skipped, QList<qint64> {999});
    const composer::ScenarioStep &first = made.scenario.steps.first();
    EXPECT_EQ(first.eventType(), QStringLiteral("assistant-request"));
    EXPECT_EQ(first.expect.status, std::optional<int>(200));
    EXPECT_EQ(first.expect.dispositions, QList<contract::Disposition> {contract::Disposition::Answered});
    EXPECT_EQ(first.expect.reasons, QList<contract::Reason> {contract::Reason::Override});
    EXPECT_FALSE(made.scenario.steps.at(1).expect.readsOutcome());
    EXPECT_TRUE(made.scenario.description.contains(QStringLiteral("c-scenario")));

    // It survives the workspace's own reader.
    QList<base::LoadError> errors;
    composer::Scenario named = made.scenario;
    named.id = calls::scenarioIdFor(named.name, {QStringLiteral("vip-call")});
    EXPECT_EQ(named.id, QStringLiteral("vip-call-2"));
    const auto read = composer::Scenario::fromJson(named.toJson(), QStringLiteral("$"), errors);
    ASSERT_TRUE(read.has_value()) << (errors.isEmpty() ? std::string() : errors.first().message.toStdString());
    EXPECT_TRUE(*read == named);
}

TEST(CallSummary, FoldsTheTimelineColumnsOfACall)
{
    QList<history::ExchangeSummary> exchanges;
    for (const ExchangeRecord &record : wellOrderedCall(QStringLiteral("c-sum"))) {
        history::ExchangeSummary summary;
        summary.id = record.id;
        summary.receivedAtUs = record.request.receivedAtUs;
        summary.eventType = record.eventType;
        summary.callerNumber = record.callerNumber;
        summary.latencyUs = record.latencyUs;
        summary.outcomeDisposition = record.outcomeDisposition;
        summary.outcomeReason = record.outcomeReason;
        exchanges << summary;
    }
    exchanges[0].latencyUs = 4'000'000; // 80% of the 5 s deadline beats 120 ms of 20 s
    const calls::CallSummary call = calls::summarizeCall(QStringLiteral("c-sum"), exchanges);
    EXPECT_EQ(call.exchangeCount(), 5);
    EXPECT_EQ(call.outcome, calls::CallOutcomeKind::Overrides);
    EXPECT_EQ(call.worstExchangeId, exchanges.first().id);
    EXPECT_EQ(call.worstDeadlineMs, 5000);
    EXPECT_FALSE(call.anyLate());
    EXPECT_EQ(call.durationUs(), 101'120'000);
    EXPECT_EQ(call.newestExchangeId(), exchanges.last().id);
}

class CallHistoryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    QList<qint64> store(const QList<ExchangeRecord> &records)
    {
        history::HistoryStore store;
        QString error;
        EXPECT_TRUE(store.open(m_options, &error)) << error.toStdString();
        return dockside::testing::appendAndWaitForIds(store, records);
    }

    QTemporaryDir m_dir;
    history::HistoryOptions m_options;
};

TEST_F(CallHistoryTest, CallsAreListedNewestFirstWithTheirExchanges)
{
    // Three calls whose events interleave, and one request that is no call.
    QList<ExchangeRecord> records;
    const QList<ExchangeRecord> first = wellOrderedCall(QStringLiteral("c-1"));
    const QList<ExchangeRecord> second = wellOrderedCall(QStringLiteral("c-2"));
    for (int i = 0; i < 5; ++i)
        records << first.at(i) << second.at(i);
    ExchangeRecord plain;
    plain.request.method = "GET";
    plain.request.target = "/health";
    plain.request.receivedAtUs = kStartUs;
    records << plain << event(QStringLiteral("c-3"), contract::EventType::AssistantRequest, 200, R"({"error": "no"})");
    ASSERT_EQ(store(records).size(), records.size());

    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    calls::CallLister lister(reader, {});
    const QList<calls::CallSummary> page = lister.next(2);
    ASSERT_EQ(page.size(), 2) << lister.lastError().toStdString();
    EXPECT_EQ(page.at(0).callId, QStringLiteral("c-3"));
    EXPECT_EQ(page.at(0).outcome, calls::CallOutcomeKind::Rejected);
    EXPECT_EQ(page.at(1).callId, QStringLiteral("c-2"));
    EXPECT_EQ(page.at(1).exchangeCount(), 5);
    const QList<calls::CallSummary> rest = lister.next(10);
    ASSERT_EQ(rest.size(), 1);
    EXPECT_EQ(rest.first().callId, QStringLiteral("c-1"));
    EXPECT_TRUE(lister.atEnd());

    // A filter lists the calls with a matching exchange, each still whole.
    history::HistoryFilter toolsOnly;
    toolsOnly.eventTypes = {QStringLiteral("tool-calls")};
    calls::CallLister filtered(reader, toolsOnly);
    const QList<calls::CallSummary> withTools = filtered.next(10);
    ASSERT_EQ(withTools.size(), 2);
    EXPECT_EQ(withTools.first().exchangeCount(), 5);

    const QList<history::ExchangeSummary> exchanges =
        calls::CallLister::exchangesOf(reader, QStringLiteral("c-1"), history::Direction::Inbound, &error);
    ASSERT_EQ(exchanges.size(), 5);
    EXPECT_EQ(exchanges.first().eventType, QStringLiteral("assistant-request"));
    EXPECT_TRUE(calls::CallLister::exchangesOf(reader, QStringLiteral("c-none"), history::Direction::Inbound, &error)
                    .isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("no exchange of call c-none"))) << error.toStdString();
}

TEST_F(CallHistoryTest, ACallRecordedBothWaysIsTwoCallsOfOneDirectionEach)
{
    // The composer playing a call at the window's own mock endpoint: each event sent (outbound) and captured.
    QList<ExchangeRecord> records;
    for (ExchangeRecord sent : wellOrderedCall(QStringLiteral("c-both"))) {
        ExchangeRecord captured = sent;
        sent.direction = history::Direction::Outbound;
        records << sent << captured;
    }
    ASSERT_EQ(store(records).size(), records.size());
    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    calls::CallLister lister(reader, {});
    const QList<calls::CallSummary> listed = lister.next(10);
    ASSERT_EQ(listed.size(), 2);
    EXPECT_EQ(listed.at(0).exchangeCount(), 5);
    EXPECT_EQ(listed.at(1).exchangeCount(), 5);
    EXPECT_NE(listed.at(0).direction, listed.at(1).direction);
    EXPECT_EQ(calls::CallLister::directionOf(reader, QStringLiteral("c-both"), &error), history::Direction::Inbound);
    EXPECT_FALSE(calls::CallLister::directionOf(reader, QStringLiteral("c-none"), &error).has_value());
}

TEST_F(CallHistoryTest, ASchemaFiveHistoryGainsItsCallIds)
{
    ASSERT_EQ(store(wellOrderedCall(QStringLiteral("c-old"))).size(), 5);
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
        database.setDatabaseName(m_options.databasePath);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        for (const char *statement : {"DROP INDEX exchanges_call_id", "ALTER TABLE exchanges DROP COLUMN call_id",
                                      "ALTER TABLE exchange_details DROP COLUMN clock_note", "PRAGMA user_version=5"})
            ASSERT_TRUE(query.exec(QString::fromLatin1(statement))) << statement;
        query.finish();
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    ASSERT_EQ(store({status(QStringLiteral("c-old"), "ended", 500)}).size(), 1); // opening upgrades it

    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    calls::CallLister lister(reader, {});
    const QList<calls::CallSummary> page = lister.next(10);
    ASSERT_EQ(page.size(), 1) << lister.lastError().toStdString();
    EXPECT_EQ(page.first().exchangeCount(), 6);
}

} // namespace
