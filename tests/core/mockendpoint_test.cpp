// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/signature.h"
#include "history/historyreader.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "templating/renderer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec_mock_endpoint_test");

QByteArray assistantRequestBody(const QString &caller = QStringLiteral("+31612345678"))
{
    return QStringLiteral(R"({"message":{"type":"assistant-request","timestamp":"2025-12-13T12:00:00.000Z",)"
                          R"("call":{"id":"5c4d030f-43e3-4e65-899e-8148521e660f","type":"inbound_phone_call",)"
                          R"("status":"ringing"},"phone_number":{"number":"+31850835037","name":"Demo"},)"
                          R"("customer":{"number":"%1"}}})")
        .arg(caller)
        .toUtf8();
}

base::CapturedRequest capturedPost(const QByteArray &body, const base::HeaderList &extraHeaders = {})
{
    base::CapturedRequest request;
    request.method = "POST";
    request.target = "/webhook";
    request.httpVersion = "HTTP/1.1";
    request.headers = {{"Content-Type", "application/json"}};
    request.headers += extraHeaders;
    request.body = body;
    return request;
}

workspace::Workspace workspaceFrom(const QByteArray &json)
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(json);
    EXPECT_TRUE(load.errors.isEmpty()) << (load.errors.isEmpty() ? std::string()
                                                                 : load.errors.first().message.toStdString());
    return load.workspace.value_or(workspace::Workspace {});
}

// A workspace whose rules send VIPs one way, unknown callers another, with templates for each fault.
const QByteArray kRuleWorkspace = R"({
  "version": 1,
  "name": "Rules under test",
  "templates": [
    {"id": "welcome", "body": {"assistant": {"first_message": "Hello {{contact.name}}!"}}},
    {"id": "plain", "body": {}},
    {"id": "broken", "body": {"assistant": {"first_message": "Hi"}}, "fault": "broken_json"},
    {"id": "hang", "body": {}, "fault": "hang"},
    {"id": "close", "body": {}, "fault": "close"},
    {"id": "slow", "body": {}, "delay_ms": 300},
    {"id": "missing", "body": {"assistant": {"first_message": "{{message.customer.nickname}}"}}}
  ],
  "fallback_template": "plain",
  "contacts": [{"number": "+31612345678", "name": "John Smith", "vip": true}],
  "rules": [
    {"id": "by-path", "name": "Faults by path", "conditions": [{"kind": "header", "name": "X-Fault", "equals": "broken"}], "template": "broken"},
    {"id": "hang", "conditions": [{"kind": "header", "name": "X-Fault", "equals": "hang"}], "template": "hang"},
    {"id": "close", "conditions": [{"kind": "header", "name": "X-Fault", "equals": "close"}], "template": "close"},
    {"id": "slow", "conditions": [{"kind": "header", "name": "X-Fault", "equals": "slow"}], "template": "slow"},
    {"id": "missing", "conditions": [{"kind": "header", "name": "X-Fault", "equals": "missing"}], "template": "missing"},
    {"id": "vip", "conditions": [{"kind": "contact_field", "field": "vip", "equals": true}], "template": "welcome"}
  ]
})";

} // namespace

TEST(MockResponder, ARuleChoosesTheTemplateAndTheContactFillsIt)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), {}, 5000);
    const mock::PlannedAnswer plan =
        responder.plan(capturedPost(assistantRequestBody()), QDateTime::currentDateTimeUtc());
    EXPECT_EQ(plan.record.ruleId, QStringLiteral("vip"));
    EXPECT_EQ(plan.record.templateId, QStringLiteral("welcome"));
    EXPECT_EQ(plan.response.status, 200);
    EXPECT_EQ(QJsonDocument::fromJson(plan.response.body).object().value(QStringLiteral("assistant")).toObject(),
              QJsonObject({{QStringLiteral("first_message"), QStringLiteral("Hello John Smith!")}}));
    EXPECT_EQ(plan.record.eventType, QStringLiteral("assistant-request"));
    EXPECT_EQ(plan.record.callerNumber, QStringLiteral("+31612345678"));
    EXPECT_EQ(plan.record.outcomeDisposition, QStringLiteral("answered"));
    EXPECT_EQ(plan.record.outcomeReason, QStringLiteral("override"));
    EXPECT_EQ(plan.record.spokenFirst, QStringLiteral("Hello John Smith!"));
    EXPECT_EQ(plan.record.signatureStatus, QStringLiteral("no_secret"));
}

// Fixed ASCII header values skip rendering: each must come out exactly as rendering would write it, and values with
// placeholders, braces or other bytes are still rendered.
TEST(MockResponder, TemplateHeadersAreWhatRenderingWrites)
{
    const mock::MockResponder responder(workspaceFrom(R"({"version": 1, "name": "Headers",
        "templates": [{"id": "h", "body": {}, "headers": [
            {"name": "Content-Type", "value": "application/json"},
            {"name": "Cache-Control", "value": "no-cache, max-age=0"},
            {"name": "X-Empty", "value": ""},
            {"name": "X-Caller", "value": "{{contact.name}} <{{message.customer.number}}>"},
            {"name": "X-Braces", "value": "a }} b {"},
            {"name": "X-Accents", "value": "caf\u00e9"}]}],
        "fallback_template": "h",
        "contacts": [{"number": "+31612345678", "name": "John Smith"}]})"),
                                        {}, 5000);
    const mock::PlannedAnswer plan =
        responder.plan(capturedPost(assistantRequestBody()), QDateTime::currentDateTimeUtc());
    const workspace::ResponseTemplate *chosen = responder.workspace().findTemplate(QStringLiteral("h"));
    ASSERT_NE(chosen, nullptr);
    ASSERT_EQ(plan.response.headers.size(), chosen->headers.size()) << plan.record.error.toStdString();
    for (qsizetype i = 0; i < chosen->headers.size(); ++i) {
        const auto &[name, value] = chosen->headers.at(i);
        EXPECT_EQ(plan.response.headers.at(i).first, name);
        if (name == "X-Caller") {
            EXPECT_EQ(plan.response.headers.at(i).second, QByteArray("John Smith <+31612345678>"));
            continue;
        }
        const templating::RenderResult rendered =
            templating::renderText(QString::fromLatin1(value), templating::RenderContext {});
        EXPECT_EQ(plan.response.headers.at(i).second, rendered.body) << name.toStdString();
    }
}

TEST(MockResponder, UnmatchedRequestsGetTheFallbackTemplate)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), {}, 5000);
    const mock::PlannedAnswer plan = responder.plan(
        capturedPost(assistantRequestBody(QStringLiteral("+4915100000000"))), QDateTime::currentDateTimeUtc());
    EXPECT_TRUE(plan.record.ruleId.isEmpty());
    EXPECT_EQ(plan.record.templateId, QStringLiteral("plain"));
    EXPECT_EQ(plan.record.outcomeReason, QStringLiteral("default"));
}

TEST(MockResponder, SignaturesAreCheckedWithTheSecret)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), kSecret, 5000);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray body = assistantRequestBody();
    const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
    const QByteArray signature = contract::signatureHeaderValue(kSecret, now.toSecsSinceEpoch(), body);

    const auto valid = responder.plan(
        capturedPost(body, {{"X-Webhook-Timestamp", timestamp}, {"X-Webhook-Signature", signature}}), now);
    EXPECT_EQ(valid.record.signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(valid.record.signedString, timestamp + '.' + body);

    QByteArray tampered = body;
    tampered.replace("+31612345678", "+31612345679");
    const auto changed = responder.plan(
        capturedPost(tampered, {{"X-Webhook-Timestamp", timestamp}, {"X-Webhook-Signature", signature}}), now);
    EXPECT_EQ(changed.record.signatureStatus, QStringLiteral("mismatch"));

    const auto missing = responder.plan(capturedPost(body, {{"X-Webhook-Timestamp", timestamp}}), now);
    EXPECT_EQ(missing.record.signatureStatus, QStringLiteral("missing_signature"));
}

TEST(MockResponder, RulesSeeTheSignatureVerdict)
{
    const workspace::Workspace rules = workspaceFrom(R"({
      "version": 1,
      "templates": [
        {"id": "plain", "body": {}},
        {"id": "unauthorized", "status": 401, "raw_body": "Invalid signature"},
        {"id": "unsigned", "status": 400, "raw_body": "Signature required"}
      ],
      "fallback_template": "plain",
      "rules": [
        {"id": "bad-signature", "conditions": [{"kind": "signature", "equals": "invalid"}], "template": "unauthorized"},
        {"id": "no-signature", "conditions": [{"kind": "signature", "equals": "missing"}], "template": "unsigned"}
      ]
    })");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray body = assistantRequestBody();
    const auto signedWith = [&](const QByteArray &secret, qint64 timestamp) {
        return capturedPost(body,
                            {{"X-Webhook-Timestamp", QByteArray::number(timestamp)},
                             {"X-Webhook-Signature", contract::signatureHeaderValue(secret, timestamp, body)}});
    };
    const mock::MockResponder checking(rules, kSecret, 5000);
    const mock::PlannedAnswer valid = checking.plan(signedWith(kSecret, now.toSecsSinceEpoch()), now);
    EXPECT_EQ(valid.response.status, 200);
    EXPECT_EQ(valid.record.templateId, QStringLiteral("plain"));

    const mock::PlannedAnswer forged = checking.plan(signedWith("whsec_someone_else", now.toSecsSinceEpoch()), now);
    EXPECT_EQ(forged.response.status, 401);
    EXPECT_EQ(forged.record.ruleId, QStringLiteral("bad-signature"));
    EXPECT_EQ(forged.record.signatureStatus, QStringLiteral("mismatch"));
    EXPECT_EQ(forged.record.signatureDiagnosisCode, QStringLiteral("secret_differs"));
    EXPECT_TRUE(forged.record.signatureDiagnosis.contains(QStringLiteral("secret is most likely different")));
    EXPECT_TRUE(forged.trace.join(u'\n').contains(QStringLiteral("\"mismatch\" (invalid)")))
        << forged.trace.join(u'\n').toStdString();
    // The platform answers a 401 with the default assistant.
    EXPECT_EQ(forged.record.outcomeReason, QStringLiteral("http_status"));

    const mock::PlannedAnswer stale = checking.plan(signedWith(kSecret, now.toSecsSinceEpoch() - 600), now);
    EXPECT_EQ(stale.response.status, 401);
    EXPECT_EQ(stale.record.signatureStatus, QStringLiteral("stale_timestamp"));
    EXPECT_EQ(stale.record.signatureDiagnosisCode, QStringLiteral("clock_skew"));
    EXPECT_TRUE(stale.record.signatureDiagnosis.contains(QStringLiteral("600 s behind")))
        << stale.record.signatureDiagnosis.toStdString();

    const mock::PlannedAnswer unsignedRequest = checking.plan(capturedPost(body), now);
    EXPECT_EQ(unsignedRequest.response.status, 400);
    EXPECT_EQ(unsignedRequest.record.ruleId, QStringLiteral("no-signature"));

    // Without a secret nothing is judged: a forged signature is answered like any other request.
    const mock::MockResponder trusting(rules, {}, 5000);
    EXPECT_EQ(trusting.plan(signedWith("whsec_someone_else", now.toSecsSinceEpoch()), now).response.status, 200);
    EXPECT_EQ(trusting.plan(capturedPost(body), now).response.status, 200);
}

TEST(MockResponder, TheSampleRefusesEveryFailedSignatureOnlyWhenItHasASecret)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A status-update from a VIP: the business-hours rule leaves it alone, so the answer does not depend on the hour.
    const QByteArray body = QByteArray(assistantRequestBody()).replace("assistant-request", "status-update");
    const auto signedWith = [&](const QByteArray &secret) {
        const qint64 timestamp = now.toSecsSinceEpoch();
        return capturedPost(body,
                            {{"X-Webhook-Timestamp", QByteArray::number(timestamp)},
                             {"X-Webhook-Signature", contract::signatureHeaderValue(secret, timestamp, body)}});
    };
    const mock::MockResponder checking(sample, kSecret, 5000);
    const mock::PlannedAnswer valid = checking.plan(signedWith(kSecret), now);
    EXPECT_EQ(valid.record.ruleId, QStringLiteral("vip"));
    EXPECT_EQ(valid.response.status, 200);
    // Every failure of verification is refused alike, a missing header included, whichever header it is.
    const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
    const base::CapturedRequest missingHeaders[] = {
        capturedPost(body),
        capturedPost(body, {{"X-Webhook-Timestamp", timestamp}}),
        capturedPost(body,
                     {{"X-Webhook-Signature", contract::signatureHeaderValue(kSecret, now.toSecsSinceEpoch(), body)}}),
    };
    for (const base::CapturedRequest &request : missingHeaders) {
        const mock::PlannedAnswer missing = checking.plan(request, now);
        EXPECT_EQ(missing.record.ruleId, QStringLiteral("bad-signature"))
            << missing.record.signatureStatus.toStdString();
        EXPECT_EQ(missing.response.status, 401);
    }
    const mock::PlannedAnswer forged = checking.plan(signedWith("whsec_someone_else"), now);
    EXPECT_EQ(forged.record.ruleId, QStringLiteral("bad-signature"));
    EXPECT_EQ(forged.record.templateId, QStringLiteral("signature-rejected"));
    EXPECT_EQ(forged.response.status, 401);

    const mock::MockResponder trusting(sample, {}, 5000);
    EXPECT_EQ(trusting.plan(signedWith("whsec_someone_else"), now).record.ruleId, QStringLiteral("vip"));
    EXPECT_EQ(trusting.plan(capturedPost(body), now).record.ruleId, QStringLiteral("vip"));
}

TEST(MockResponder, NonVoiceDockRequestsAreCapturedButNotJudged)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), kSecret, 5000);
    base::CapturedRequest request = capturedPost(QByteArray("\x00\x01\x02", 3));
    request.headers = {{"Content-Type", "application/octet-stream"}};
    const mock::PlannedAnswer plan = responder.plan(request, QDateTime::currentDateTimeUtc());
    EXPECT_TRUE(plan.record.eventType.isEmpty());
    EXPECT_TRUE(plan.record.signatureStatus.isEmpty());
    EXPECT_TRUE(plan.record.outcomeReason.isEmpty());
    EXPECT_EQ(plan.record.request.body, QByteArray("\x00\x01\x02", 3));
}

TEST(MockResponder, FaultsShowWhatThePlatformWouldDo)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), {}, 5000);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    const auto broken = responder.plan(capturedPost(assistantRequestBody(), {{"X-Fault", "broken"}}), now);
    EXPECT_EQ(broken.response.status, 200);
    EXPECT_TRUE(QJsonDocument::fromJson(broken.response.body).isNull());
    EXPECT_EQ(broken.record.outcomeReason, QStringLiteral("invalid_json"));

    const auto hang = responder.plan(capturedPost(assistantRequestBody(), {{"X-Fault", "hang"}}), now);
    EXPECT_EQ(hang.fault, workspace::Fault::Hang);
    EXPECT_GE(hang.holdMs, 6000);
    EXPECT_EQ(hang.record.responseStatus, 0);
    EXPECT_EQ(hang.record.outcomeReason, QStringLiteral("timeout"));

    const auto closed = responder.plan(capturedPost(assistantRequestBody(), {{"X-Fault", "close"}}), now);
    EXPECT_EQ(closed.fault, workspace::Fault::CloseWithoutAnswer);
    EXPECT_EQ(closed.record.outcomeReason, QStringLiteral("unreachable"));
}

TEST(MockResponder, AMissingPlaceholderValueIsAnErrorNotAnEmptyString)
{
    const mock::MockResponder responder(workspaceFrom(kRuleWorkspace), {}, 5000);
    const auto plan =
        responder.plan(capturedPost(assistantRequestBody(), {{"X-Fault", "missing"}}), QDateTime::currentDateTimeUtc());
    EXPECT_EQ(plan.response.status, 500);
    EXPECT_TRUE(plan.record.error.contains(QStringLiteral("message.customer.nickname")))
        << plan.record.error.toStdString();
    EXPECT_TRUE(plan.response.body.contains("dockside_error"));
}

namespace {

class MockEndpointTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_directory.isValid());
        QString error;
        ASSERT_TRUE(m_history.open({m_directory.filePath(QStringLiteral("history.sqlite")), 0, 0}, &error))
            << error.toStdString();
        m_endpoint.setResponder(mock::MockResponder(workspaceFrom(kRuleWorkspace), kSecret, 5000));
        QSignalSpy started(&m_endpoint, &mock::MockEndpoint::started);
        mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_EQ(started.size(), 1);
    }

    QNetworkReply *post(const QByteArray &body, const base::HeaderList &headers = {})
    {
        QNetworkRequest request(m_endpoint.url().resolved(QUrl(QStringLiteral("/webhook?tenant=7"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return m_network.post(request, body);
    }

    static bool waitFor(QNetworkReply *reply)
    {
        return QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
    }

    QTemporaryDir m_directory;
    history::HistoryStore m_history;
    mock::MockEndpoint m_endpoint {&m_history};
    QNetworkAccessManager m_network;
};

} // namespace

TEST_F(MockEndpointTest, AnswersARealClientAndTheExchangeIsDurableBeforeTheAnswer)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray body = assistantRequestBody();
    std::unique_ptr<QNetworkReply> reply(
        post(body,
             {{"X-Webhook-Event", "assistant-request"},
              {"X-Webhook-Timestamp", QByteArray::number(now.toSecsSinceEpoch())},
              {"X-Webhook-Signature", contract::signatureHeaderValue(kSecret, now.toSecsSinceEpoch(), body)}}));
    // The moment the answer arrives the request must be on disk already: in the history's spool file.
    std::optional<bool> spooledWhenAnswered;
    QObject::connect(reply.get(), &QNetworkReply::finished, reply.get(), [&] {
        QByteArray spooled;
        const QDir folder(m_directory.path());
        for (const QString &name : folder.entryList({QStringLiteral("history.sqlite-spool-*")}, QDir::Files)) {
            QFile file(folder.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                spooled += file.readAll();
        }
        spooledWhenAnswered = spooled.contains(body);
    });
    QSignalSpy appended(&m_history, &history::HistoryStore::appended);
    ASSERT_TRUE(waitFor(reply.get()));
    EXPECT_EQ(reply->error(), QNetworkReply::NoError) << reply->errorString().toStdString();
    EXPECT_TRUE(reply->readAll().contains("Hello John Smith!"));
    EXPECT_EQ(spooledWhenAnswered, true);
    ASSERT_TRUE(appended.count() > 0 || appended.wait(10000)) << "then it is copied into SQLite";

    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(m_directory.filePath(QStringLiteral("history.sqlite")), &error));
    const QList<history::ExchangeSummary> rows = reader.page({}, 0, 10);
    ASSERT_EQ(rows.size(), 1);
    const std::optional<history::ExchangeRecord> record = reader.load(rows.first().id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->request.body, body);
    EXPECT_EQ(record->request.target, QByteArray("/webhook?tenant=7"));
    EXPECT_EQ(record->signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(record->outcomeReason, QStringLiteral("override"));
    EXPECT_EQ(record->templateId, QStringLiteral("welcome"));
    EXPECT_EQ(m_endpoint.counters().answered, 1);
}

TEST_F(MockEndpointTest, TheTemplateDelayIsHonoured)
{
    QSignalSpy recorded(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(post(assistantRequestBody(), {{"X-Fault", "slow"}}));
    ASSERT_TRUE(waitFor(reply.get()));
    EXPECT_EQ(reply->error(), QNetworkReply::NoError);
    EXPECT_GE(clock.elapsed(), 300);
    ASSERT_EQ(recorded.size(), 1);
    const auto record = recorded.first().first().value<history::ExchangeRecord>();
    EXPECT_GE(record.latencyUs, 300'000) << "the recorded latency includes the delay";
    EXPECT_LE(record.latencyUs, clock.nsecsElapsed() / 1000) << "and is no longer than the client waited";
}

TEST_F(MockEndpointTest, AQuickAnswerRecordsTheMeasuredTimeNotZero)
{
    QSignalSpy recorded(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(post(assistantRequestBody()));
    ASSERT_TRUE(waitFor(reply.get()));
    ASSERT_EQ(recorded.size(), 1);
    const auto record = recorded.first().first().value<history::ExchangeRecord>();
    EXPECT_GT(record.latencyUs, 0) << "rules and rendering take measurable time";
    EXPECT_LE(record.latencyUs, clock.nsecsElapsed() / 1000);
}

TEST(MockAnswerLatency, TheDelayOverlapsASlowDecisionInsteadOfAddingToIt)
{
    // Received at 1000 µs, handed over at 1200, decided at 1500.
    EXPECT_EQ(mock::answerLatencyUs(1000, 1200, 1500, 0), 500) << "no delay: until the answer was ready";
    EXPECT_EQ(mock::answerLatencyUs(1000, 1200, 1500, 3), 3200) << "a delay runs from the hand-over";
    EXPECT_EQ(mock::answerLatencyUs(1000, 1200, 90'000, 3), 89'000) << "a decision slower than the delay";
    EXPECT_EQ(mock::answerLatencyUs(5000, 1200, 1500, 0), 0) << "a clock stepped back never gives less than zero";
}

TEST_F(MockEndpointTest, TheRecordedUrlHasOneSlashBeforeTheTarget)
{
    QSignalSpy recorded(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/webhook?tenant=7")}) {
        QNetworkRequest request(m_endpoint.url().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(m_network.post(request, assistantRequestBody()));
        ASSERT_TRUE(waitFor(reply.get()));
    }
    ASSERT_EQ(recorded.size(), 2);
    const QString origin = QStringLiteral("http://127.0.0.1:") + QString::number(m_endpoint.url().port());
    EXPECT_EQ(recorded.at(0).first().value<history::ExchangeRecord>().url, origin + QStringLiteral("/"));
    EXPECT_EQ(recorded.at(1).first().value<history::ExchangeRecord>().url,
              origin + QStringLiteral("/webhook?tenant=7"));
}

TEST_F(MockEndpointTest, TheCloseFaultDropsTheConnection)
{
    QSignalSpy recorded(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    std::unique_ptr<QNetworkReply> reply(post(assistantRequestBody(), {{"X-Fault", "close"}}));
    ASSERT_TRUE(waitFor(reply.get()));
    EXPECT_NE(reply->error(), QNetworkReply::NoError);
    // Qt's client retries once on a dropped connection, so there may be two attempts; each must be dropped.
    ASSERT_GE(recorded.size(), 1);
    EXPECT_EQ(recorded.first().first().value<history::ExchangeRecord>().outcomeReason, QStringLiteral("unreachable"));
    EXPECT_EQ(m_endpoint.counters().dropped, m_endpoint.counters().received);
    EXPECT_EQ(m_endpoint.counters().answered, 0);
}

TEST_F(MockEndpointTest, APortInUseFailsWithAClearMessage)
{
    mock::MockEndpoint second(nullptr);
    QSignalSpy failed(&second, &mock::MockEndpoint::failed);
    mock::MockEndpointOptions options;
    options.port = static_cast<quint16>(m_endpoint.url().port());
    second.start(options);
    ASSERT_EQ(failed.size(), 1);
    EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("already in use")));
    EXPECT_FALSE(second.isRunning());
}

TEST_F(MockEndpointTest, StopsAndStartsAgainWithoutARestart)
{
    m_endpoint.stop();
    EXPECT_FALSE(m_endpoint.isRunning());
    mock::MockEndpointOptions options;
    options.port = 0;
    m_endpoint.start(options);
    ASSERT_TRUE(m_endpoint.isRunning());
    std::unique_ptr<QNetworkReply> reply(post(assistantRequestBody()));
    ASSERT_TRUE(waitFor(reply.get()));
    EXPECT_EQ(reply->error(), QNetworkReply::NoError);
}

TEST_F(MockEndpointTest, BrokenJsonAndServerErrorsReachARealClient)
{
    std::unique_ptr<QNetworkReply> broken(post(assistantRequestBody(), {{"X-Fault", "broken"}}));
    ASSERT_TRUE(waitFor(broken.get()));
    EXPECT_EQ(broken->error(), QNetworkReply::NoError);
    const QByteArray half = broken->readAll();
    EXPECT_FALSE(half.isEmpty());
    EXPECT_TRUE(QJsonDocument::fromJson(half).isNull()) << half.toStdString();

    std::unique_ptr<QNetworkReply> missing(post(assistantRequestBody(), {{"X-Fault", "missing"}}));
    ASSERT_TRUE(waitFor(missing.get()));
    EXPECT_EQ(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
    EXPECT_TRUE(missing->readAll().contains("message.customer.nickname"));
}

TEST_F(MockEndpointTest, AHangHoldsPastTheDeadlineThenClosesUnanswered)
{
    // A short platform deadline keeps the test quick; the hang must outlast it.
    m_endpoint.setResponder(mock::MockResponder(workspaceFrom(kRuleWorkspace), kSecret, 300));
    QSignalSpy recorded(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(post(assistantRequestBody(), {{"X-Fault", "hang"}}));
    ASSERT_TRUE(waitFor(reply.get()));
    EXPECT_GE(clock.elapsed(), 1300 - 50);
    EXPECT_NE(reply->error(), QNetworkReply::NoError);
    ASSERT_GE(recorded.size(), 1);
    const auto record = recorded.first().first().value<history::ExchangeRecord>();
    EXPECT_EQ(record.outcomeReason, QStringLiteral("timeout"));
    EXPECT_EQ(record.responseStatus, 0);
}
