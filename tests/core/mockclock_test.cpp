// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/mockclock.h"
#include "composer/eventsender.h"
#include "composer/suiterunner.h"
#include "contract/defaultassistant.h"
#include "contract/signature.h"
#include "history/exchangejson.h"
#include "history/exchangerecordcodec.h"
#include "history/historyreader.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"
#include "workspace/workspace.h"
#include "workspace/workspacewriter.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

// Thursday 24 December 2026 in Amsterdam: the sample's office is open at 10:00 and closed at 20:00.
const QString kThursdayMorning = QStringLiteral("2026-12-24T10:00:00+01:00");
const QString kThursdayEvening = QStringLiteral("2026-12-24T20:00:00+01:00");

QDateTime instant(const QString &text)
{
    const std::optional<QDateTime> parsed = base::parseClockInstant(text, nullptr);
    EXPECT_TRUE(parsed) << text.toStdString();
    return parsed.value_or(QDateTime());
}

base::CapturedRequest assistantRequest(const QString &peer, const base::HeaderList &extra = {})
{
    base::CapturedRequest request;
    request.method = "POST";
    request.target = "/";
    request.httpVersion = "HTTP/1.1";
    request.headers = {{"Content-Type", "application/json"}, {"X-Webhook-Event", "assistant-request"}};
    request.headers += extra;
    request.body = R"({"message":{"type":"assistant-request","call":{"id":"c-1","type":"inbound_phone_call"},)"
                   R"("customer":{"number":"+31201234567"},"phone_number":{"number":"+31850835037"}}})";
    request.peerAddress = peer;
    return request;
}

workspace::WorkspaceLoad loadWithClock(const QByteArray &clock)
{
    return workspace::parseWorkspace(R"({"version": 1, "name": "Clock", "clock": )" + clock + "}");
}

QString firstError(const workspace::WorkspaceLoad &load)
{
    return load.errors.isEmpty()
        ? QString()
        : load.errors.constFirst().path + QLatin1String(": ") + load.errors.constFirst().message;
}

} // namespace

TEST(MockClock, ParsesInstantsOffsetsAndRealWithClearErrors)
{
    QString error;
    const std::optional<base::MockClock> pinned =
        base::parseMockClock(QStringLiteral("2026-12-24T18:00:00+01:00"), &error);
    ASSERT_TRUE(pinned) << error.toStdString();
    EXPECT_EQ(pinned->mode, base::MockClock::Mode::Pinned);
    EXPECT_EQ(pinned->pinned.toUTC(), QDateTime(QDate(2026, 12, 24), QTime(17, 0), Qt::UTC));
    EXPECT_EQ(pinned->describe(), QStringLiteral("pinned at 2026-12-24T18:00:00+01:00"));
    EXPECT_EQ(pinned->toText(), QStringLiteral("2026-12-24T18:00:00+01:00"));

    const auto utc = base::parseMockClock(QStringLiteral("2026-12-24T17:00:00Z"), &error);
    ASSERT_TRUE(utc);
    EXPECT_EQ(utc->pinned, pinned->pinned) << "the same instant";

    const auto ahead = base::parseMockClock(QStringLiteral("+2h"), &error);
    ASSERT_TRUE(ahead);
    EXPECT_EQ(ahead->offsetSeconds, 7200);
    EXPECT_EQ(ahead->describe(), QStringLiteral("2 h ahead"));
    const auto behind = base::parseMockClock(QStringLiteral("-1h30m"), &error);
    ASSERT_TRUE(behind);
    EXPECT_EQ(behind->offsetSeconds, -5400);
    EXPECT_EQ(behind->describe(), QStringLiteral("1 h 30 min behind"));
    EXPECT_EQ(behind->toText(), QStringLiteral("-1h30m"));
    EXPECT_EQ(base::parseMockClock(behind->toText(), nullptr), behind);
    EXPECT_EQ(base::parseMockClock(QStringLiteral("+1d2h"), nullptr)->offsetSeconds, 93600);
    const QDateTime real(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    EXPECT_EQ(ahead->now(real), real.addSecs(7200));
    EXPECT_EQ(pinned->now(real), pinned->pinned) << "a pinned clock stands still";
    EXPECT_EQ(pinned->now(real.addDays(3)), pinned->pinned);
    EXPECT_TRUE(base::parseMockClock(QStringLiteral("real"), nullptr)->isReal());

    EXPECT_FALSE(base::parseMockClock(QStringLiteral("2026-12-24T18:00:00"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("no UTC offset"))) << error.toStdString();
    EXPECT_FALSE(base::parseMockClock(QStringLiteral("tomorrow"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("2026-12-24T18:00:00+01:00"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("+2h"))) << error.toStdString();
    EXPECT_FALSE(base::parseMockClock(QStringLiteral("+2 hours"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("-30m"))) << error.toStdString();
    EXPECT_FALSE(base::parseMockClock(QStringLiteral("+999999999d"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("hundred years"))) << error.toStdString();
}

TEST(MockClock, TheWorkspaceKeepsItsClockAndRejectsBadOnes)
{
    const workspace::WorkspaceLoad pinned =
        loadWithClock(R"({"pinned": "2026-12-24T18:00:00+01:00", "allow_header": true})");
    ASSERT_TRUE(pinned.workspace) << firstError(pinned).toStdString();
    EXPECT_EQ(pinned.workspace->clock, base::MockClock::pinnedAt(instant(QStringLiteral("2026-12-24T18:00:00+01:00"))));
    EXPECT_TRUE(pinned.workspace->allowClockHeader);
    // Written back as it was read.
    const QByteArray written = workspace::serializeWorkspace(*pinned.workspace);
    EXPECT_TRUE(written.contains(R"("pinned": "2026-12-24T18:00:00+01:00")")) << written.toStdString();
    const workspace::WorkspaceLoad reread = workspace::parseWorkspace(written);
    ASSERT_TRUE(reread.workspace);
    EXPECT_EQ(*reread.workspace, *pinned.workspace);

    const workspace::WorkspaceLoad offset = loadWithClock(R"({"offset_seconds": -1800})");
    ASSERT_TRUE(offset.workspace) << firstError(offset).toStdString();
    EXPECT_EQ(offset.workspace->clock, base::MockClock::offsetBy(-1800));
    EXPECT_FALSE(offset.workspace->allowClockHeader);
    EXPECT_TRUE(workspace::serializeWorkspace(*offset.workspace).contains(R"("offset_seconds": -1800)"));

    // A workspace without a clock writes none.
    workspace::Workspace plain;
    EXPECT_FALSE(workspace::serializeWorkspace(plain).contains("\"clock\""));

    const auto errorOf = [](const QByteArray &clock) { return firstError(loadWithClock(clock)); };
    EXPECT_TRUE(errorOf(R"({"pinned": "2026-12-24T18:00:00"})").startsWith(QStringLiteral("$.clock.pinned: ")));
    EXPECT_TRUE(errorOf(R"({"pinned": "2026-12-24T18:00:00"})").contains(QStringLiteral("UTC offset")));
    EXPECT_TRUE(errorOf(R"({"pinned": 5})").contains(QStringLiteral("ISO 8601")));
    EXPECT_TRUE(errorOf(R"({"pinned": "2026-12-24T18:00:00Z", "offset_seconds": 60})")
                    .contains(QStringLiteral("either pinned or offset")));
    EXPECT_TRUE(errorOf(R"({"offset_seconds": 1.5})").startsWith(QStringLiteral("$.clock.offset_seconds: ")));
    EXPECT_TRUE(errorOf(R"({"pinnned": "2026-12-24T18:00:00Z"})").contains(QStringLiteral("pinnned")));
    EXPECT_TRUE(errorOf(R"({"allow_header": "yes"})").contains(QStringLiteral("true or false")));
    EXPECT_TRUE(errorOf(R"("+2h")").contains(QStringLiteral("Expected an object")));
}

TEST(MockClock, TheHeaderIsHonouredOnlyWhenAllowedAndOnlyFromLoopback)
{
    const QDateTime real = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    const base::HeaderList header {{"X-Dockside-Clock", kThursdayEvening.toLatin1()}};
    mock::MockEndpointOptions options;

    // The real clock without the header: nothing to say.
    mock::ClockDecision decision = mock::decideClock(options, assistantRequest(QStringLiteral("127.0.0.1")), real);
    EXPECT_EQ(decision.at, real);
    EXPECT_TRUE(decision.note.isEmpty());

    // Not enabled: ignored, and the record says how to enable it.
    decision = mock::decideClock(options, assistantRequest(QStringLiteral("127.0.0.1"), header), real);
    EXPECT_EQ(decision.at, real);
    EXPECT_FALSE(decision.fromHeader);
    EXPECT_TRUE(decision.note.startsWith(QStringLiteral("X-Dockside-Clock ignored"))) << decision.note.toStdString();
    EXPECT_TRUE(decision.note.contains(QStringLiteral("--allow-clock-header")));

    options.allowClockHeader = true;
    for (const QString &loopback :
         {QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("::ffff:127.0.0.1")}) {
        decision = mock::decideClock(options, assistantRequest(loopback, header), real);
        EXPECT_TRUE(decision.fromHeader) << loopback.toStdString();
        EXPECT_EQ(decision.at, instant(kThursdayEvening));
        EXPECT_EQ(decision.note, QStringLiteral("evaluated at 2026-12-24T20:00:00+01:00 (X-Dockside-Clock)"));
    }
    for (const QString &remote : {QStringLiteral("192.0.2.7"), QStringLiteral("10.1.2.3"), QString()}) {
        decision = mock::decideClock(options, assistantRequest(remote, header), real);
        EXPECT_FALSE(decision.fromHeader) << remote.toStdString();
        EXPECT_EQ(decision.at, real);
        EXPECT_TRUE(decision.note.contains(QStringLiteral("refused: it is honoured only from this machine")))
            << decision.note.toStdString();
    }
    EXPECT_TRUE(mock::decideClock(options, assistantRequest(QStringLiteral("192.0.2.7"), header), real)
                    .note.contains(QStringLiteral("192.0.2.7")));

    decision = mock::decideClock(
        options, assistantRequest(QStringLiteral("127.0.0.1"), {{"X-Dockside-Clock", "teatime"}}), real);
    EXPECT_EQ(decision.at, real);
    EXPECT_TRUE(decision.note.contains(QStringLiteral("not an ISO 8601"))) << decision.note.toStdString();

    // A pinned endpoint: its own moment, said in the record; a refused header falls back to it.
    options.clock = base::MockClock::pinnedAt(instant(kThursdayMorning));
    decision = mock::decideClock(options, assistantRequest(QStringLiteral("127.0.0.1")), real);
    EXPECT_EQ(decision.at, instant(kThursdayMorning));
    EXPECT_EQ(decision.note,
              QStringLiteral("evaluated at 2026-12-24T10:00:00+01:00 (clock pinned at "
                             "2026-12-24T10:00:00+01:00)"));
    decision = mock::decideClock(options, assistantRequest(QStringLiteral("192.0.2.7"), header), real);
    EXPECT_EQ(decision.at, instant(kThursdayMorning));
    EXPECT_TRUE(decision.note.endsWith(QStringLiteral("(clock pinned at 2026-12-24T10:00:00+01:00)")));

    // The same instant pinned in another offset, then another instant: each note is its own, not the last one's.
    options.clock = base::MockClock::pinnedAt(instant(kThursdayMorning).toOffsetFromUtc(-5 * 3600));
    EXPECT_EQ(mock::decideClock(options, assistantRequest(QStringLiteral("127.0.0.1")), real).note,
              QStringLiteral("evaluated at 2026-12-24T04:00:00-05:00 (clock pinned at 2026-12-24T04:00:00-05:00)"));
    options.clock = base::MockClock::pinnedAt(instant(kThursdayEvening));
    EXPECT_EQ(mock::decideClock(options, assistantRequest(QStringLiteral("127.0.0.1")), real).note,
              QStringLiteral("evaluated at 2026-12-24T20:00:00+01:00 (clock pinned at 2026-12-24T20:00:00+01:00)"));
}

TEST(MockClock, RulesAreEvaluatedAtThePinnedMomentWhileSignaturesUseTheRealTime)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    const QByteArray secret = QByteArrayLiteral("whsec_clock_test");
    const mock::MockResponder responder(sample, secret, 5000);
    const QDateTime real = QDateTime::currentDateTimeUtc();
    base::CapturedRequest request = assistantRequest(QStringLiteral("127.0.0.1"));
    request.headers.append({"X-Webhook-Timestamp", QByteArray::number(real.toSecsSinceEpoch())});
    request.headers.append(
        {"X-Webhook-Signature", contract::signatureHeaderValue(secret, real.toSecsSinceEpoch(), request.body)});

    const mock::PlannedAnswer evening = responder.plan(request, real, instant(kThursdayEvening));
    EXPECT_EQ(evening.record.signatureStatus, QStringLiteral("valid")) << "signed now, checked against now";
    EXPECT_EQ(evening.record.ruleId, QStringLiteral("closed"));
    EXPECT_EQ(evening.record.outcomeDisposition, QStringLiteral("rejected"));

    const mock::PlannedAnswer morning = responder.plan(request, real, instant(kThursdayMorning));
    EXPECT_EQ(morning.record.signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(morning.record.ruleId, QStringLiteral("ab-greeting"));
    EXPECT_EQ(morning.record.outcomeDisposition, QStringLiteral("answered"));
}

TEST(MockClock, TheComposerSendsTheHeaderAndTheEndpointRecordsTheMoment)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString historyPath = directory.filePath(QStringLiteral("history.sqlite"));
    history::HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({historyPath, 0, 0}, &error)) << error.toStdString();
    mock::MockEndpoint endpoint(&store);
    endpoint.setResponder(mock::MockResponder(workspace::builtinSampleWorkspace(), {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    options.allowClockHeader = true;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());
    QList<history::ExchangeRecord> recorded;
    QObject::connect(&endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
                     [&recorded](const history::ExchangeRecord &record) { recorded.append(record); });

    composer::EventSender sender;
    std::optional<composer::SendResult> result;
    QObject::connect(&sender, &composer::EventSender::finished, &sender,
                     [&result](quint64, const composer::SendResult &finished) { result = finished; });
    for (const QString &at : {kThursdayEvening, kThursdayMorning}) {
        result.reset();
        composer::SendOptions send;
        send.url = endpoint.url();
        send.event.customerNumber = QStringLiteral("+31201234567");
        send.callAt = instant(at);
        sender.send(send);
        ASSERT_TRUE(QTest::qWaitFor([&result] { return result.has_value(); }, 10000));
        ASSERT_TRUE(result->answered()) << result->transportError.toStdString();
        ASSERT_TRUE(result->outcome);
        EXPECT_EQ(result->outcome->disposition,
                  at == kThursdayEvening ? contract::Disposition::Rejected : contract::Disposition::Answered);
    }
    ASSERT_TRUE(QTest::qWaitFor([&recorded] { return recorded.size() == 2; }, 10000));
    const history::ExchangeRecord evening = recorded.at(0);
    EXPECT_EQ(evening.ruleId, QStringLiteral("closed"));
    EXPECT_EQ(evening.clockNote, QStringLiteral("evaluated at 2026-12-24T20:00:00+01:00 (X-Dockside-Clock)"));

    // The history keeps the moment for the detail view.
    store.close();
    history::HistoryReader reader;
    ASSERT_TRUE(reader.open(historyPath, &error)) << error.toStdString();
    const QList<history::ExchangeSummary> rows = reader.page({}, 0, 10, Qt::AscendingOrder);
    ASSERT_EQ(rows.size(), 2);
    const std::optional<history::ExchangeRecord> stored = reader.load(rows.constFirst().id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->clockNote, evening.clockNote);
}

TEST(MockClock, TheHeaderIsRefusedFromAPeerThatIsNotLoopback)
{
    // A real request from this machine's own non-loopback address (the container's eth0): the peer the endpoint sees
    // is that address, not loopback.
    QHostAddress outside;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() && !address.isLinkLocal()) {
            outside = address;
            break;
        }
    }
    if (outside.isNull())
        GTEST_SKIP() << "this machine has no non-loopback IPv4 address; decideClock's test covers the rule";

    mock::MockEndpoint endpoint(nullptr);
    endpoint.setResponder(mock::MockResponder(workspace::builtinSampleWorkspace(), {}, 5000));
    mock::MockEndpointOptions options;
    options.address = outside;
    options.port = 0;
    options.allowClockHeader = true;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning()) << outside.toString().toStdString();
    QList<history::ExchangeRecord> recorded;
    QObject::connect(&endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
                     [&recorded](const history::ExchangeRecord &record) { recorded.append(record); });

    composer::EventSender sender;
    std::optional<composer::SendResult> result;
    QObject::connect(&sender, &composer::EventSender::finished, &sender,
                     [&result](quint64, const composer::SendResult &finished) { result = finished; });
    composer::SendOptions send;
    send.url = endpoint.url();
    send.event.customerNumber = QStringLiteral("+31201234567");
    send.callAt = instant(kThursdayEvening);
    sender.send(send);
    ASSERT_TRUE(QTest::qWaitFor([&result] { return result.has_value(); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&recorded] { return recorded.size() == 1; }, 10000));
    const history::ExchangeRecord record = recorded.at(0);
    EXPECT_EQ(QHostAddress(record.request.peerAddress), outside);
    EXPECT_TRUE(record.clockNote.startsWith(QStringLiteral("X-Dockside-Clock refused: it is honoured only from this "
                                                           "machine (loopback)")))
        << record.clockNote.toStdString();
    EXPECT_NE(record.clockNote.indexOf(outside.toString()), -1);
}

TEST(MockClock, AScenarioWithAtPassesOnAnyDayAndTheSampleSuitePasses)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    EXPECT_TRUE(sample.allowClockHeader) << "the sample's business-hours scenarios need the header";
    mock::MockEndpoint endpoint(nullptr);
    endpoint.setResponder(mock::MockResponder(sample, {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    options.clock = sample.clock;
    options.allowClockHeader = sample.allowClockHeader;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());

    QStringList ids;
    for (const composer::Scenario &scenario : sample.scenarios)
        ids.append(scenario.id);
    ASSERT_TRUE(ids.contains(QStringLiteral("business-hours-open")));
    ASSERT_TRUE(ids.contains(QStringLiteral("business-hours-closed")));

    composer::SuiteRunner runner;
    std::optional<composer::SuiteReport> report;
    QObject::connect(&runner, &composer::SuiteRunner::finished, &runner,
                     [&report](const composer::SuiteReport &finished) { report = finished; });
    runner.run(endpoint.url(), sample.scenarios, {}, sample.defaultAssistant, 4);
    ASSERT_TRUE(QTest::qWaitFor([&report] { return report.has_value(); }, 20000));
    for (const composer::ScenarioResult &result : report->results)
        EXPECT_TRUE(result.passed()) << result.scenarioId.toStdString() << ": " << result.summary().toStdString();
    EXPECT_EQ(report->passedCount(), sample.scenarios.size());
}

TEST(MockClock, AScenarioAtIsReadWrittenAndRejectedWithoutAnOffset)
{
    QList<base::LoadError> errors;
    const QJsonObject json {{QStringLiteral("id"), QStringLiteral("evening")},
                            {QStringLiteral("at"), kThursdayEvening},
                            {QStringLiteral("expect"), QJsonObject {{QStringLiteral("status"), 200}}}};
    const std::optional<composer::Scenario> scenario = composer::Scenario::fromJson(json, QStringLiteral("$"), errors);
    ASSERT_TRUE(scenario) << errors.value(0).message.toStdString();
    EXPECT_EQ(scenario->at, instant(kThursdayEvening));
    EXPECT_EQ(scenario->sendOptions().callAt, scenario->at);
    EXPECT_EQ(scenario->toJson().value(QStringLiteral("at")).toString(), kThursdayEvening);

    QJsonObject local = json;
    local.insert(QStringLiteral("at"), QStringLiteral("2026-12-24T20:00:00"));
    errors.clear();
    EXPECT_FALSE(composer::Scenario::fromJson(local, QStringLiteral("$"), errors));
    ASSERT_FALSE(errors.isEmpty());
    EXPECT_EQ(errors.constFirst().path, QStringLiteral("$.at"));
    EXPECT_TRUE(errors.constFirst().message.contains(QStringLiteral("UTC offset")));

    // A step's own moment wins over the scenario's.
    const QJsonObject stepBody {
        {QStringLiteral("message"), QJsonObject {{QStringLiteral("type"), QStringLiteral("assistant-request")}}}};
    const QJsonObject withSteps {
        {QStringLiteral("id"), QStringLiteral("steps")},
        {QStringLiteral("at"), kThursdayMorning},
        {QStringLiteral("steps"),
         QJsonArray {QJsonObject {{QStringLiteral("body"), stepBody},
                                  {QStringLiteral("at"), kThursdayEvening},
                                  {QStringLiteral("expect"), QJsonObject {{QStringLiteral("status"), 200}}}},
                     QJsonObject {{QStringLiteral("body"), stepBody}}}}};
    errors.clear();
    const std::optional<composer::Scenario> stepped =
        composer::Scenario::fromJson(withSteps, QStringLiteral("$"), errors);
    ASSERT_TRUE(stepped) << errors.value(0).message.toStdString();
    EXPECT_EQ(stepped->stepSendOptions(0, QStringLiteral("c"), {}).callAt, instant(kThursdayEvening));
    EXPECT_EQ(stepped->stepSendOptions(1, QStringLiteral("c"), {}).callAt, instant(kThursdayMorning));
}

TEST(MockClock, TheSpoolKeepsTheClockNoteWithAndWithoutARelayedLeg)
{
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.clockNote = QStringLiteral("evaluated at 2026-12-24T20:00:00+01:00 (X-Dockside-Clock)");
    std::optional<history::ExchangeRecord> decoded = history::decodeRecord(history::encodeRecord(record));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->clockNote, record.clockNote);
    EXPECT_FALSE(decoded->forwarded);
    record.forwarded = history::ForwardedLeg {};
    record.forwarded->upstreamUrl = QStringLiteral("http://127.0.0.1:3000/");
    decoded = history::decodeRecord(history::encodeRecord(record));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->clockNote, record.clockNote);
    ASSERT_TRUE(decoded->forwarded);
    EXPECT_EQ(decoded->forwarded->upstreamUrl, record.forwarded->upstreamUrl);

    // Exports (history show, JSON) carry it too, and only when there is one.
    EXPECT_EQ(history::exchangeToJson(record).value(QStringLiteral("clock")).toString(), record.clockNote);
    record.clockNote.clear();
    EXPECT_FALSE(history::exchangeToJson(record).contains(QStringLiteral("clock")));
    EXPECT_EQ(history::encodeRecord(record).at(0), 3) << "without a note, the format older readers know";
}

TEST(MockClock, ASchemaSixHistoryGainsTheClockNote)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("history.sqlite"));
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.request.target = "/";
    record.request.receivedAtUs = 1'700'000'000'000'000;
    {
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({path, 0, 0}, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, {record}).size(), 1);
    }
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("clockdowngrade"));
        database.setDatabaseName(path);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        for (const char *statement : {"ALTER TABLE exchange_details DROP COLUMN clock_note", "PRAGMA user_version=6"})
            ASSERT_TRUE(query.exec(QString::fromLatin1(statement))) << statement;
        query.finish();
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("clockdowngrade"));

    history::HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({path, 0, 0}, &error)) << error.toStdString(); // opening upgrades it
    record.clockNote = QStringLiteral("evaluated at 2026-12-24T10:00:00+01:00 (clock pinned at "
                                      "2026-12-24T10:00:00+01:00)");
    const QList<qint64> ids = dockside::testing::appendAndWaitForIds(store, {record});
    ASSERT_EQ(ids.size(), 1);
    store.close();
    history::HistoryReader reader;
    ASSERT_TRUE(reader.open(path, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 2);
    const QList<history::ExchangeSummary> rows = reader.page({}, 0, 10, Qt::AscendingOrder);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(reader.load(rows.at(0).id)->clockNote, QString()) << "an older row has none";
    EXPECT_EQ(reader.load(ids.constFirst())->clockNote, record.clockNote);
}
