// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/eventsender.h"
#include "contract/defaultassistant.h"
#include "history/exchangechecks.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec_exchange_checks_test");

// One rule per caller, so each test picks its answer by the number it calls from.
const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "greet", "body": {"assistant": {"first_message": "Hi {{message.customer.number}}"}}},
    {"id": "plain", "body": {}},
    {"id": "reject", "body": {"error": "We are closed."}},
    {"id": "crash", "status": 503, "raw_body": "<html>down</html>"},
    {"id": "invalid", "body": {"max_duration_seconds": "300"}},
    {"id": "broken", "body": {"assistant": {"first_message": "Hi"}}, "fault": "broken_json"},
    {"id": "hang", "body": {}, "fault": "hang"},
    {"id": "close", "body": {}, "fault": "close"},
    {"id": "slow", "body": {"assistant": {"first_message": "Late"}}, "delay_ms": 600}
  ],
  "fallback_template": "plain",
  "rules": [
    {"id": "greet", "conditions": [{"kind": "caller", "equals": "+311"}], "template": "greet"},
    {"id": "reject", "conditions": [{"kind": "caller", "equals": "+312"}], "template": "reject"},
    {"id": "crash", "conditions": [{"kind": "caller", "equals": "+313"}], "template": "crash"},
    {"id": "invalid", "conditions": [{"kind": "caller", "equals": "+314"}], "template": "invalid"},
    {"id": "broken", "conditions": [{"kind": "caller", "equals": "+315"}], "template": "broken"},
    {"id": "hang", "conditions": [{"kind": "caller", "equals": "+316"}], "template": "hang"},
    {"id": "close", "conditions": [{"kind": "caller", "equals": "+317"}], "template": "close"},
    {"id": "slow", "conditions": [{"kind": "caller", "equals": "+318"}], "template": "slow"}
  ]
})";

workspace::Workspace testWorkspace()
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(kWorkspace);
    EXPECT_TRUE(load.workspace.has_value());
    workspace::Workspace workspace = load.workspace.value_or(workspace::Workspace {});
    workspace.defaultAssistant = contract::builtinDefaultAssistant();
    return workspace;
}

base::CapturedRequest assistantRequestFrom(const QString &caller)
{
    composer::SendOptions options;
    options.event.customerNumber = caller;
    const composer::PreparedRequest prepared = composer::prepareRequest(options, 1700000000);
    base::CapturedRequest request;
    request.method = "POST";
    request.target = "/webhook";
    request.httpVersion = "HTTP/1.1";
    request.headers = prepared.headers;
    request.body = prepared.body;
    return request;
}

history::ExchangeRecord inboundRecord(const QString &caller, qint64 platformDeadlineMs = 5000)
{
    const mock::MockResponder responder(testWorkspace(), {}, platformDeadlineMs);
    return responder.plan(assistantRequestFrom(caller), QDateTime::currentDateTimeUtc()).record;
}

} // namespace

TEST(RecordedOutcome, AgreesWithTheMockEndpointForEveryKindOfAnswer)
{
    const QJsonObject defaultAssistant = contract::builtinDefaultAssistant();
    for (const char *caller : {"+311", "+312", "+313", "+314", "+315", "+316", "+317", "+318", "+319"}) {
        const history::ExchangeRecord record = inboundRecord(QString::fromLatin1(caller));
        const std::optional<contract::CallOutcome> outcome = history::recordedOutcome(record, defaultAssistant);
        ASSERT_TRUE(outcome) << caller;
        EXPECT_EQ(contract::reasonCode(outcome->reason), record.outcomeReason) << caller;
        EXPECT_EQ(contract::dispositionName(outcome->disposition), record.outcomeDisposition) << caller;
        EXPECT_EQ(outcome->spokenFirst, record.spokenFirst) << caller;
    }
}

TEST(RecordedOutcome, RecomputesEverythingTheRecordDoesNotKeep)
{
    const QJsonObject defaultAssistant = contract::builtinDefaultAssistant();
    const auto greeted = history::recordedOutcome(inboundRecord(QStringLiteral("+311")), defaultAssistant);
    ASSERT_TRUE(greeted);
    EXPECT_EQ(greeted->reason, contract::Reason::Override);
    EXPECT_EQ(greeted->spokenFirst, QStringLiteral("Hi +311"));
    ASSERT_EQ(greeted->changes.size(), 1);
    EXPECT_EQ(greeted->changes.first().path, QStringLiteral("$.first_message"));
    EXPECT_EQ(greeted->maxDurationSeconds, 600);

    const auto invalid = history::recordedOutcome(inboundRecord(QStringLiteral("+314")), defaultAssistant);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->reason, contract::Reason::InvalidResponse);
    ASSERT_FALSE(invalid->violations.isEmpty());
    EXPECT_EQ(invalid->violations.first().path, QStringLiteral("$.max_duration_seconds"));

    const auto closed = history::recordedOutcome(inboundRecord(QStringLiteral("+317")), defaultAssistant);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->reason, contract::Reason::Unreachable);
    EXPECT_TRUE(closed->explanation.contains(QStringLiteral("closed without an answer")))
        << closed->explanation.toStdString();
}

TEST(RecordedOutcome, ATimeoutUnderAShortDeadlineStaysATimeout)
{
    // The record does not keep the deadline: a template answering in 600 ms under a 300 ms deadline was late.
    const history::ExchangeRecord record = inboundRecord(QStringLiteral("+318"), 300);
    ASSERT_EQ(record.outcomeReason, QStringLiteral("timeout"));
    const auto outcome = history::recordedOutcome(record, contract::builtinDefaultAssistant());
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->reason, contract::Reason::Timeout);
}

TEST(RecordedOutcome, WithoutARecordedReasonTheClockTellsATimeoutFromAFailure)
{
    history::ExchangeRecord record = inboundRecord(QStringLiteral("+316"));
    record.outcomeReason.clear();
    record.responseStatus = 0;
    record.error = QStringLiteral("connection reset");
    record.latencyUs = 6'000'000;
    EXPECT_EQ(history::observedExchange(record, 5000).transport, contract::Transport::TimedOut);
    record.latencyUs = 4'000;
    const contract::Exchange failed = history::observedExchange(record, 5000);
    EXPECT_EQ(failed.transport, contract::Transport::Unreachable);
    EXPECT_EQ(failed.transportError, QStringLiteral("connection reset"));
    EXPECT_EQ(failed.latencyMs, 4);
}

TEST(RecordedOutcome, OnlyAssistantRequestsHaveAnOutcome)
{
    history::ExchangeRecord record = inboundRecord(QStringLiteral("+311"));
    record.eventType = QStringLiteral("status-update");
    EXPECT_FALSE(history::isAssistantRequest(record));
    EXPECT_FALSE(history::recordedOutcome(record, contract::builtinDefaultAssistant()));
}

TEST(RecordedOutcome, OutboundExchangesOfTheComposerAgreeWithTheSender)
{
    mock::MockEndpoint endpoint(nullptr);
    endpoint.setResponder(mock::MockResponder(testWorkspace(), {}, 5000));
    mock::MockEndpointOptions endpointOptions;
    endpointOptions.port = 0;
    endpoint.start(endpointOptions);
    ASSERT_TRUE(endpoint.isRunning());

    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = closed.serverPort();
    closed.close();

    composer::EventSender sender;
    QList<composer::SendResult> results;
    QObject::connect(&sender, &composer::EventSender::finished, &sender,
                     [&results](quint64, const composer::SendResult &result) { results.append(result); });
    const QUrl url = endpoint.url().resolved(QUrl(QStringLiteral("/webhook")));
    for (const char *caller : {"+311", "+312", "+313", "+318"}) {
        composer::SendOptions options;
        options.url = url;
        options.event.customerNumber = QString::fromLatin1(caller);
        options.secret = kSecret;
        options.deadlineMs = 400; // the slow template (600 ms) misses it
        sender.send(options);
    }
    composer::SendOptions refused;
    refused.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort));
    sender.send(refused);
    ASSERT_TRUE(QTest::qWaitFor([&results] { return results.size() == 5; }, 15000));

    QStringList reasons;
    for (const composer::SendResult &result : std::as_const(results)) {
        ASSERT_TRUE(result.outcome);
        const auto recomputed =
            history::recordedOutcome(result.record, contract::builtinDefaultAssistant(), result.deadlineMs);
        ASSERT_TRUE(recomputed);
        EXPECT_EQ(recomputed->reason, result.outcome->reason);
        EXPECT_EQ(recomputed->explanation, result.outcome->explanation);
        EXPECT_EQ(recomputed->spokenFirst, result.outcome->spokenFirst);
        reasons.append(contract::reasonCode(recomputed->reason));
    }
    reasons.sort();
    EXPECT_EQ(reasons,
              QStringList({QStringLiteral("http_status"), QStringLiteral("override"), QStringLiteral("rejected"),
                           QStringLiteral("timeout"), QStringLiteral("unreachable")}));
}

TEST(RecordedSignature, TellsTheCheckTheRecordKeeps)
{
    history::ExchangeRecord record;
    EXPECT_FALSE(history::recordedSignatureCheck(record));
    record.signatureStatus = QStringLiteral("bogus");
    EXPECT_FALSE(history::recordedSignatureCheck(record));

    record.signatureStatus = QStringLiteral("stale_timestamp");
    record.signedString = "1700000000.{}";
    record.request.headers = {{"x-webhook-timestamp", "1700000000"}};
    record.request.receivedAtUs = (1700000000LL + 301) * 1000000;
    const auto check = history::recordedSignatureCheck(record);
    ASSERT_TRUE(check);
    EXPECT_EQ(check->status, contract::SignatureStatus::StaleTimestamp);
    EXPECT_EQ(check->ageSeconds, 301);
    EXPECT_EQ(check->signedString, QByteArray("1700000000.{}"));
    EXPECT_TRUE(contract::describeSignatureCheck(*check).contains(QStringLiteral("301 s")));
}

TEST(RecordedSignature, ReadsTheTimestampAsTheSdkDidWhenItChecked)
{
    // The age the check reported when the request arrived, recomputed from the record: the same lenient parseInt.
    for (const QByteArray &timestamp : {QByteArrayLiteral("1700000000.5"), QByteArrayLiteral("1700000000abc"),
                                        QByteArrayLiteral("+1700000000"), QByteArrayLiteral(" 01700000000 ")}) {
        history::ExchangeRecord record;
        record.signatureStatus = QStringLiteral("stale_timestamp");
        record.request.headers = {{"X-Webhook-Timestamp", timestamp}};
        record.request.receivedAtUs = (1700000000LL + 301) * 1000000;
        contract::SignatureInput input;
        input.timestampHeader = timestamp;
        input.signatureHeader = "sha256=" + QByteArray(64, 'a');
        input.secret = "whsec_test_secret_12345";
        input.now = QDateTime::fromSecsSinceEpoch(1700000000LL + 301, Qt::UTC);
        const contract::SignatureCheck atArrival = contract::verifySignature(input);
        ASSERT_EQ(atArrival.status, contract::SignatureStatus::StaleTimestamp) << timestamp.toStdString();

        const auto check = history::recordedSignatureCheck(record);
        ASSERT_TRUE(check) << timestamp.toStdString();
        EXPECT_EQ(check->ageSeconds, atArrival.ageSeconds) << timestamp.toStdString();
        EXPECT_EQ(check->ageSeconds, 301) << timestamp.toStdString();
    }

    // No digits: NaN to the SDK, so no age.
    history::ExchangeRecord unreadable;
    unreadable.signatureStatus = QStringLiteral("malformed_timestamp");
    unreadable.request.headers = {{"X-Webhook-Timestamp", ".5"}};
    unreadable.request.receivedAtUs = 1700000000LL * 1000000;
    const auto check = history::recordedSignatureCheck(unreadable);
    ASSERT_TRUE(check);
    EXPECT_EQ(check->ageSeconds, 0);
}

TEST(RecordedSignature, EveryStatusCodeReadsBack)
{
    using contract::SignatureStatus;
    for (const SignatureStatus status :
         {SignatureStatus::Valid, SignatureStatus::NoSecret, SignatureStatus::MissingSignature,
          SignatureStatus::MissingTimestamp, SignatureStatus::MalformedTimestamp, SignatureStatus::StaleTimestamp,
          SignatureStatus::MalformedSignature, SignatureStatus::Mismatch})
        EXPECT_EQ(contract::signatureStatusFromCode(contract::signatureStatusCode(status)), status);
    EXPECT_FALSE(contract::signatureStatusFromCode(QString()));
}
