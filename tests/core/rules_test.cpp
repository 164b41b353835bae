// SPDX-License-Identifier: GPL-3.0-or-later

#include "rules/ruleset.h"

#include "base/capturedrequest.h"
#include "contacts/contactbook.h"
#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace {

using dockside::base::CapturedRequest;
using dockside::base::LoadError;
using dockside::contacts::ContactBook;
using dockside::rules::Condition;
using dockside::rules::ConditionResult;
using dockside::rules::RequestContext;
using dockside::rules::RuleEvaluation;
using dockside::rules::RuleSet;

const QDateTime kWednesdayMorning(QDate(2025, 12, 10), QTime(9, 0), QTimeZone::utc()); // 10:00 in Amsterdam

QJsonValue number(const char *text)
{
    return text ? QJsonValue(QString::fromUtf8(text)) : QJsonValue(QJsonValue::Null);
}

CapturedRequest request(const char *caller, const char *called = "+31850835037",
                        const QString &callId = QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"),
                        const QString &type = QStringLiteral("assistant-request"),
                        dockside::base::HeaderList headers = {})
{
    const QJsonObject message {
        {QStringLiteral("type"), type},
        {QStringLiteral("timestamp"), QStringLiteral("2025-12-13T12:00:00.000Z")},
        {QStringLiteral("call"),
         QJsonObject {
             {QStringLiteral("id"), callId},
             {QStringLiteral("type"), caller ? QStringLiteral("inbound_phone_call") : QStringLiteral("web_call")},
             {QStringLiteral("status"), QStringLiteral("ringing")}}},
        {QStringLiteral("phone_number"), QJsonObject {{QStringLiteral("number"), number(called)}}},
        {QStringLiteral("customer"), QJsonObject {{QStringLiteral("number"), number(caller)}}},
    };
    CapturedRequest captured;
    captured.method = "POST";
    captured.target = "/webhook";
    captured.headers = std::move(headers);
    captured.body = QJsonDocument(QJsonObject {{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact);
    captured.receivedAtUs = kWednesdayMorning.toMSecsSinceEpoch() * 1000;
    return captured;
}

ContactBook book()
{
    ContactBook contacts;
    contacts.add({QStringLiteral("+31612345678"),
                  QStringLiteral("John Smith"),
                  QStringLiteral("2021"),
                  {},
                  QStringLiteral("en"),
                  true});
    contacts.add(
        {QStringLiteral("+4915112345678"), QStringLiteral("Jonas Becker"), {}, {}, QStringLiteral("de"), false});
    return contacts;
}

RequestContext contextFor(const CapturedRequest &captured, const QDateTime &time = kWednesdayMorning)
{
    return RequestContext::fromRequest(captured, book(), time);
}

std::string describe(const QList<LoadError> &errors)
{
    std::string text;
    for (const LoadError &error : errors)
        text += QString(error.path + QStringLiteral(": ") + error.message).toStdString() + "\n";
    return text;
}

Condition condition(const char *json)
{
    QList<LoadError> errors;
    const std::optional<Condition> parsed = Condition::fromJson(
        QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first(), QStringLiteral("$.c"), errors);
    EXPECT_TRUE(errors.isEmpty()) << json << '\n' << describe(errors);
    EXPECT_TRUE(parsed) << json;
    return parsed.value_or(Condition());
}

// Also holds that the endpoint's way, without the explanation's words, reaches the same verdict.
bool matches(const char *conditionJson, const RequestContext &context)
{
    const Condition parsed = condition(conditionJson);
    const bool matched = parsed.evaluate(context).matched;
    const ConditionResult quiet = parsed.evaluate(context, dockside::rules::Explanation::Skipped);
    EXPECT_EQ(quiet.matched, matched) << conditionJson;
    EXPECT_TRUE(quiet.explanation.isEmpty());
    return matched;
}

QList<LoadError> conditionErrors(const char *json)
{
    QList<LoadError> errors;
    const auto parsed = Condition::fromJson(QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first(),
                                            QStringLiteral("$.rules[2].conditions[0]"), errors);
    EXPECT_FALSE(parsed) << json;
    return errors;
}

RuleSet ruleSet(const char *json, QList<LoadError> *errorsOut = nullptr)
{
    QList<LoadError> errors;
    RuleSet rules = RuleSet::fromJson(QJsonDocument::fromJson(json).array(), QStringLiteral("$.rules"), errors);
    if (errorsOut)
        *errorsOut = errors;
    else
        EXPECT_TRUE(errors.isEmpty()) << describe(errors);
    return rules;
}

TEST(RuleRequestContext, ReadsNumbersEventCallIdAndContact)
{
    const RequestContext context = contextFor(request("+31 6 1234 5678"));
    EXPECT_EQ(context.eventType, QStringLiteral("assistant-request"));
    EXPECT_EQ(context.callerNumber, QStringLiteral("+31612345678"));
    EXPECT_EQ(context.calledNumber, QStringLiteral("+31850835037"));
    EXPECT_EQ(context.callId, QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"));
    ASSERT_TRUE(context.contact);
    EXPECT_EQ(context.contact->name, QStringLiteral("John Smith"));
    EXPECT_EQ(context.time, kWednesdayMorning);
    EXPECT_EQ(RequestContext::fromRequest(request("+31612345678"), book()).time, kWednesdayMorning);
}

TEST(RuleRequestContext, TheEventHeaderWinsOverTheBody)
{
    const RequestContext context =
        contextFor(request("+31612345678", "+31850835037", QStringLiteral("c"), QStringLiteral("assistant-request"),
                           {{"x-webhook-event", "status-update"}}));
    EXPECT_EQ(context.eventType, QStringLiteral("status-update"));
    EXPECT_EQ(context.header(u"X-WEBHOOK-EVENT"), QStringLiteral("status-update"));
}

TEST(RuleRequestContext, WebCallsAndGarbageBodiesAreSafe)
{
    const RequestContext webCall = contextFor(request(nullptr, nullptr));
    EXPECT_TRUE(webCall.callerNumber.isEmpty());
    EXPECT_TRUE(webCall.calledNumber.isEmpty());
    EXPECT_FALSE(webCall.contact);

    for (const QByteArray &body : {QByteArray(), QByteArray("<html>"), QByteArray("[1, 2]"), QByteArray("\"text\""),
                                   QByteArray(R"({"message": 5})"), QByteArray(R"({"message": {"customer": [1]}})")}) {
        CapturedRequest captured;
        captured.body = body;
        const RequestContext context = contextFor(captured);
        EXPECT_TRUE(context.eventType.isEmpty()) << body.toStdString();
        EXPECT_TRUE(context.callerNumber.isEmpty()) << body.toStdString();
        EXPECT_TRUE(context.callId.isEmpty()) << body.toStdString();
        // Every condition kind evaluates without crashing on it.
        const RuleSet rules = ruleSet(R"([{"id": "all", "template": "t", "conditions": [
            {"kind": "event", "negate": true, "equals": "x"},
            {"kind": "caller", "negate": true, "regex": "."},
            {"kind": "called", "negate": true, "in": ["+31850835037"]},
            {"kind": "header", "negate": true, "name": "X-A", "exists": true},
            {"kind": "json_pointer", "negate": true, "pointer": "/message/customer/number", "exists": true},
            {"kind": "contact_known", "negate": true},
            {"kind": "contact_field", "negate": true, "field": "vip", "equals": true},
            {"kind": "business_hours", "zone": "UTC", "hours": [{"days": ["wed"], "windows": ["00:00-24:00"]}]}]}])");
        EXPECT_TRUE(rules.evaluate(context).matched)
            << body.toStdString() << rules.evaluate(context).trace.join(u'\n').toStdString();
    }
}

TEST(RuleConditions, EventType)
{
    const RequestContext context = contextFor(request("+31612345678"));
    EXPECT_TRUE(matches(R"({"kind": "event", "equals": "assistant-request"})", context));
    EXPECT_FALSE(matches(R"({"kind": "event", "equals": "status-update"})", context));
    EXPECT_TRUE(matches(R"({"kind": "event", "in": ["tool-calls", "assistant-request"]})", context));
    EXPECT_TRUE(matches(R"({"kind": "event", "negate": true, "equals": "status-update"})", context));
}

TEST(RuleConditions, CallerNumberMatchers)
{
    const RequestContext context = contextFor(request("+31612345678"));
    EXPECT_TRUE(matches(R"({"kind": "caller", "equals": "+31 6 1234-5678"})", context));
    EXPECT_FALSE(matches(R"({"kind": "caller", "equals": "+3161234567"})", context));
    EXPECT_TRUE(matches(R"({"kind": "caller", "prefix": "+31 6"})", context));
    EXPECT_FALSE(matches(R"({"kind": "caller", "prefix": "+49"})", context));
    EXPECT_TRUE(matches(R"({"kind": "caller", "in": ["+4915112345678", "+31 (6) 12345678"]})", context));
    EXPECT_FALSE(matches(R"({"kind": "caller", "in": ["+4915112345678"]})", context));
    EXPECT_TRUE(matches(R"({"kind": "caller", "regex": "^\\+31(6|20)\\d+$"})", context));
    EXPECT_FALSE(matches(R"({"kind": "caller", "regex": "^\\+32"})", context));
    EXPECT_TRUE(matches(R"({"kind": "caller", "contains": "1234"})", context));
    EXPECT_TRUE(matches(R"({"kind": "caller", "exists": true})", context));
}

TEST(RuleConditions, CalledNumberMatchers)
{
    const RequestContext context = contextFor(request("+31612345678", "+31850835037"));
    EXPECT_TRUE(matches(R"({"kind": "called", "equals": "+31850835037"})", context));
    EXPECT_TRUE(matches(R"({"kind": "called", "prefix": "+3185"})", context));
    EXPECT_FALSE(matches(R"({"kind": "called", "prefix": "+31612"})", context));
    EXPECT_TRUE(matches(R"({"kind": "called", "regex": "5037$"})", context));
}

TEST(RuleConditions, NullNumbersMatchNothingAndNegationMatchesThem)
{
    const RequestContext webCall = contextFor(request(nullptr, nullptr));
    for (const char *json :
         {R"({"kind": "caller", "equals": "+31612345678"})", R"({"kind": "caller", "prefix": "+"})",
          R"({"kind": "caller", "regex": ".*"})", R"({"kind": "caller", "in": ["+31612345678"]})",
          R"({"kind": "caller", "exists": true})", R"({"kind": "called", "regex": "."})",
          R"({"kind": "contact_known"})", R"({"kind": "contact_field", "field": "vip", "equals": false})"})
        EXPECT_FALSE(matches(json, webCall)) << json;
    const auto result = condition(R"({"kind": "caller", "negate": true, "exists": true})").evaluate(webCall);
    EXPECT_TRUE(result.matched);
    EXPECT_EQ(result.explanation, QStringLiteral("not: caller is absent"));
}

TEST(RuleConditions, BusinessHoursWithSeveralWindowsAndDaylightSavingTime)
{
    const char *hours = R"({"kind": "business_hours", "zone": "Europe/Amsterdam", "hours": [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "windows": ["09:00-12:30", "13:30-17:30"]},
        {"days": ["Saturday"], "windows": ["10:00-14:00"]}]})";
    const Condition open = condition(hours);
    auto at = [&](int year, int month, int day, int hour, int minute) {
        return open
            .evaluate(contextFor(request("+31612345678"),
                                 QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc())))
            .matched;
    };
    EXPECT_FALSE(at(2025, 12, 10, 7, 59)); // Wed 08:59 CET
    EXPECT_TRUE(at(2025, 12, 10, 8, 0)); // Wed 09:00 CET: the start is inside
    EXPECT_TRUE(at(2025, 12, 10, 11, 29)); // 12:29
    EXPECT_FALSE(at(2025, 12, 10, 11, 30)); // 12:30: the end is outside
    EXPECT_FALSE(at(2025, 12, 10, 12, 0)); // 13:00 lunch
    EXPECT_TRUE(at(2025, 12, 10, 12, 30)); // 13:30
    EXPECT_FALSE(at(2025, 12, 10, 16, 30)); // 17:30
    EXPECT_TRUE(at(2025, 12, 13, 9, 30)); // Sat 10:30
    EXPECT_FALSE(at(2025, 12, 13, 13, 0)); // Sat 14:00
    EXPECT_FALSE(at(2025, 12, 14, 11, 0)); // Sun
    EXPECT_TRUE(at(2025, 7, 2, 7, 30)); // Wed 09:30 CEST (UTC+2)
    EXPECT_FALSE(at(2025, 12, 10, 7, 30)); // the same UTC time in winter is 08:30 CET

    const auto explained = open.evaluate(
        contextFor(request("+31612345678"), QDateTime(QDate(2025, 12, 14), QTime(11, 0), QTimeZone::utc())));
    EXPECT_EQ(explained.explanation,
              QStringLiteral("Sun 12:00 in Europe/Amsterdam is outside business hours (Mon, Tue, Wed, Thu, Fri "
                             "09:00-12:30, 13:30-17:30; Sat 10:00-14:00)"));
}

// The quiet path (the endpoint's) keeps recent conversions per zone and UTC minute: its verdicts must match the
// explained path's whatever was asked before, across window edges, zones asked in turn, daylight saving changes and
// a zone whose offset is not whole minutes.
TEST(RuleConditions, BusinessHoursJudgeTheSameQuietlyWhateverWasAskedBefore)
{
    struct Case {
        const char *json;
        QDateTime from;
    };
    const Case cases[] = {
        {R"({"kind": "business_hours", "zone": "Europe/Amsterdam", "hours": [{"days": ["sun"], "windows": ["01:59-02:01", "02:59-03:01", "03:00-03:02"]}]})",
         QDateTime(QDate(2025, 3, 30), QTime(0, 50), QTimeZone::utc())},
        {R"({"kind": "business_hours", "zone": "Europe/London", "hours": [{"days": ["sun"], "windows": ["01:59-02:00", "02:00-02:01"]}]})",
         QDateTime(QDate(2025, 3, 30), QTime(0, 50), QTimeZone::utc())},
        {R"({"kind": "business_hours", "zone": "Asia/Kathmandu", "hours": [{"days": ["wed"], "windows": ["09:00-09:01", "09:02-09:03"]}]})",
         QDateTime(QDate(2025, 12, 10), QTime(3, 10), QTimeZone::utc())},
        {R"({"kind": "business_hours", "zone": "Africa/Monrovia", "hours": [{"days": ["fri"], "windows": ["09:00-09:01", "09:02-09:03"]}]})",
         QDateTime(QDate(1960, 1, 1), QTime(9, 40), QTimeZone::utc())},
    };
    QList<Condition> conditions;
    for (const Case &testCase : cases)
        conditions.append(condition(testCase.json));
    int opened = 0;
    for (int step = 0; step < 40 * 60 / 7; ++step) {
        // Every zone in turn at the same instant, then the next instant 7 seconds on: edges fall inside a minute.
        for (qsizetype i = 0; i < conditions.size(); ++i) {
            const QDateTime at = cases[i].from.addSecs(step * 7);
            const RequestContext context = contextFor(request("+31612345678"), at);
            const bool explained = conditions.at(i).evaluate(context).matched;
            EXPECT_EQ(conditions.at(i).evaluate(context, dockside::rules::Explanation::Skipped).matched, explained)
                << cases[i].json << " at " << at.toString(Qt::ISODate).toStdString();
            opened += explained ? 1 : 0;
        }
    }
    EXPECT_GT(opened, 0); // the windows are met, so both verdicts were exercised
}

TEST(RuleConditions, HeaderValue)
{
    const RequestContext context =
        contextFor(request("+31612345678", "+31850835037", QStringLiteral("c"), QStringLiteral("assistant-request"),
                           {{"X-Tenant", "acme-eu"}, {"X-Tenant", "second"}}));
    EXPECT_TRUE(matches(R"({"kind": "header", "name": "x-tenant", "equals": "acme-eu"})", context));
    EXPECT_FALSE(matches(R"({"kind": "header", "name": "X-Tenant", "equals": "ACME-EU"})", context));
    EXPECT_TRUE(matches(R"({"kind": "header", "name": "X-TENANT", "contains": "acme"})", context));
    EXPECT_TRUE(matches(R"({"kind": "header", "name": "X-Tenant", "regex": "^acme-(eu|us)$"})", context));
    EXPECT_FALSE(matches(R"({"kind": "header", "name": "X-Tenant", "equals": "second"})", context));
    EXPECT_FALSE(matches(R"({"kind": "header", "name": "X-Other", "exists": true})", context));
    EXPECT_TRUE(matches(R"({"kind": "header", "name": "X-Other", "negate": true, "contains": "a"})", context));
}

TEST(RuleConditions, JsonPointer)
{
    CapturedRequest captured = request("+31612345678");
    captured.body = R"({"message": {"type": "tool-calls", "a/b": {"m~n": [10, {"deep": null}]},
                        "tool_call_list": [{"function": {"name": "book"}}]}})";
    const RequestContext context = contextFor(captured);
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "/message/type", "equals": "tool-calls"})", context));
    EXPECT_FALSE(
        matches(R"({"kind": "json_pointer", "pointer": "/message/type", "equals": "status-update"})", context));
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/0", "equals": 10})", context));
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/0", "equals": 10.0})", context));
    EXPECT_FALSE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/0", "equals": "10"})", context));
    EXPECT_TRUE(
        matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/1/deep", "equals": null})", context));
    EXPECT_TRUE(
        matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/1/deep", "exists": true})", context));
    EXPECT_FALSE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/01", "exists": true})", context));
    EXPECT_FALSE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/-", "exists": true})", context));
    EXPECT_FALSE(matches(R"({"kind": "json_pointer", "pointer": "/message/a~1b/m~0n/2", "exists": true})", context));
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "/message/tool_call_list/0/function",
                            "equals": {"name": "book"}})",
                        context));
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "", "exists": true})", context));
    EXPECT_TRUE(matches(R"({"kind": "json_pointer", "pointer": "/message/assistant", "negate": true, "exists": true})",
                        context));
}

TEST(RuleConditions, ContactKnownAndContactFields)
{
    const RequestContext john = contextFor(request("+31612345678"));
    const RequestContext jonas = contextFor(request("+4915112345678"));
    const RequestContext stranger = contextFor(request("+31699999999"));
    EXPECT_TRUE(matches(R"({"kind": "contact_known"})", john));
    EXPECT_FALSE(matches(R"({"kind": "contact_known"})", stranger));
    EXPECT_TRUE(matches(R"({"kind": "contact_known", "negate": true})", stranger));
    EXPECT_TRUE(matches(R"({"kind": "contact_field", "field": "vip", "equals": true})", john));
    EXPECT_FALSE(matches(R"({"kind": "contact_field", "field": "vip", "equals": true})", jonas));
    EXPECT_TRUE(matches(R"({"kind": "contact_field", "field": "vip", "equals": false})", jonas));
    EXPECT_FALSE(matches(R"({"kind": "contact_field", "field": "vip", "equals": false})", stranger));
    EXPECT_TRUE(matches(R"({"kind": "contact_field", "field": "language", "equals": "de"})", jonas));
    EXPECT_FALSE(matches(R"({"kind": "contact_field", "field": "language", "equals": "de"})", john));
    EXPECT_EQ(condition(R"({"kind": "contact_field", "field": "language", "equals": "de"})").evaluate(john).explanation,
              QStringLiteral("contact language is \"en\", not \"de\""));
}

TEST(RuleConditions, TheSignatureCheckResult)
{
    using dockside::contract::SignatureStatus;
    const auto checked = [](std::optional<SignatureStatus> status, bool carriesSignature) {
        dockside::base::HeaderList headers;
        if (carriesSignature)
            headers.append(QPair<QByteArray, QByteArray>("X-Webhook-Signature", "sha256=0badc0de"));
        RequestContext context =
            contextFor(request("+31612345678", "+31850835037", QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"),
                               QStringLiteral("assistant-request"), headers));
        context.signature = status;
        return context;
    };
    const RequestContext valid = checked(SignatureStatus::Valid, true);
    const RequestContext wrongSecret = checked(SignatureStatus::Mismatch, true);
    const RequestContext stale = checked(SignatureStatus::StaleTimestamp, true);
    const RequestContext noTimestamp = checked(SignatureStatus::MissingTimestamp, true);
    const RequestContext unsignedRequest = checked(SignatureStatus::MissingTimestamp, false);
    const RequestContext timestampOnly = checked(SignatureStatus::MissingSignature, false);
    const RequestContext noSecret = checked(SignatureStatus::NoSecret, false);
    const RequestContext notAnEvent = checked(std::nullopt, true);

    const char *isValid = R"({"kind": "signature", "equals": "valid"})";
    const char *isInvalid = R"({"kind": "signature", "equals": "invalid"})";
    const char *isMissing = R"({"kind": "signature", "equals": "missing"})";
    const char *isUnchecked = R"({"kind": "signature", "equals": "unchecked"})";
    const char *isFailed = R"({"kind": "signature", "equals": "failed"})";
    EXPECT_TRUE(matches(isValid, valid));
    EXPECT_FALSE(matches(isValid, wrongSecret));
    EXPECT_FALSE(matches(isValid, noSecret));
    // Both headers sent, but it does not verify: wrong secret, stale, or broken.
    for (const RequestContext *context : {&wrongSecret, &stale})
        EXPECT_TRUE(matches(isInvalid, *context))
            << static_cast<int>(context->signature.value_or(SignatureStatus::Valid));
    for (const RequestContext *context :
         {&valid, &noTimestamp, &unsignedRequest, &timestampOnly, &noSecret, &notAnEvent})
        EXPECT_FALSE(matches(isInvalid, *context));
    // Either header absent is "missing", whichever it is.
    EXPECT_TRUE(matches(isMissing, unsignedRequest));
    EXPECT_TRUE(matches(isMissing, timestampOnly));
    EXPECT_TRUE(matches(isMissing, noTimestamp));
    // "failed" is every failure of verification, missing included.
    for (const RequestContext *context : {&wrongSecret, &stale, &noTimestamp, &unsignedRequest, &timestampOnly})
        EXPECT_TRUE(matches(isFailed, *context))
            << static_cast<int>(context->signature.value_or(SignatureStatus::Valid));
    for (const RequestContext *context : {&valid, &noSecret, &notAnEvent})
        EXPECT_FALSE(matches(isFailed, *context));
    EXPECT_FALSE(matches(isMissing, wrongSecret));
    EXPECT_FALSE(matches(isMissing, noSecret));
    EXPECT_TRUE(matches(isUnchecked, noSecret));
    EXPECT_TRUE(matches(isUnchecked, notAnEvent));
    EXPECT_FALSE(matches(isUnchecked, valid));
    // A precise result narrows "invalid" down.
    EXPECT_TRUE(matches(R"({"kind": "signature", "equals": "stale_timestamp"})", stale));
    EXPECT_FALSE(matches(R"({"kind": "signature", "equals": "stale_timestamp"})", wrongSecret));
    EXPECT_TRUE(matches(R"({"kind": "signature", "equals": "valid", "negate": true})", wrongSecret));

    EXPECT_EQ(condition(isInvalid).evaluate(wrongSecret).explanation,
              QStringLiteral("the signature check found \"mismatch\" (invalid)"));
    EXPECT_EQ(condition(isInvalid).evaluate(valid).explanation,
              QStringLiteral("the signature check found \"valid\", not \"invalid\""));
    EXPECT_EQ(condition(isInvalid).evaluate(noSecret).explanation,
              QStringLiteral("the signature was not checked: no secret is configured, not \"invalid\""));
}

TEST(RuleLoadErrors, NameThePathAndWhatIsExpected)
{
    struct Case {
        const char *json;
        QString path;
        QString says;
    };
    const QList<Case> cases {
        {R"({"kind": "caller", "regex": "^(\\+31"})", QStringLiteral("$.rules[2].conditions[0].regex"),
         QStringLiteral("Not a valid regular expression")},
        {R"({"kind": "signature", "equals": "forged"})", QStringLiteral("$.rules[2].conditions[0].equals"),
         QStringLiteral(
             "valid, failed, invalid, missing or unchecked, or a precise result (mismatch, stale_timestamp")},
        {R"({"kind": "signature"})", QStringLiteral("$.rules[2].conditions[0].equals"), QStringLiteral("got nothing")},
        {R"({"kind": "business_hours", "zone": "Europe/Amsterdamm", "hours": [{"days": ["mon"], "windows": ["09:00-17:00"]}]})",
         QStringLiteral("$.rules[2].conditions[0].zone"), QStringLiteral("Unknown time zone \"Europe/Amsterdamm\"")},
        {R"({"kind": "business_hours", "zone": "UTC", "hours": [{"days": ["mon"], "windows": ["22:00-06:00"]}]})",
         QStringLiteral("$.rules[2].conditions[0].hours[0].windows[0]"), QStringLiteral("split a window")},
        {R"({"kind": "business_hours", "zone": "UTC", "hours": [{"days": ["mon"], "windows": ["9-17"]}]})",
         QStringLiteral("$.rules[2].conditions[0].hours[0].windows[0]"), QStringLiteral("\"09:00-17:30\"")},
        {R"({"kind": "business_hours", "zone": "UTC", "hours": [{"days": ["mon"], "windows": ["09:00-24:30"]}]})",
         QStringLiteral("$.rules[2].conditions[0].hours[0].windows[0]"), QStringLiteral("24:00 only")},
        {R"({"kind": "business_hours", "zone": "UTC", "hours": [{"days": ["mon", "funday"], "windows": ["09:00-17:00"]}]})",
         QStringLiteral("$.rules[2].conditions[0].hours[0].days[1]"), QStringLiteral("Expected a day")},
        {R"({"kind": "business_hours", "zone": "UTC"})", QStringLiteral("$.rules[2].conditions[0].hours"),
         QStringLiteral("non-empty array")},
        {R"({"kind": "callr", "equals": "+31"})", QStringLiteral("$.rules[2].conditions[0].kind"),
         QStringLiteral("Expected one of event, caller")},
        {R"({"kind": "caller"})", QStringLiteral("$.rules[2].conditions[0]"), QStringLiteral("one way to compare")},
        {R"({"kind": "caller", "equals": "+31", "prefix": "+31"})", QStringLiteral("$.rules[2].conditions[0]"),
         QStringLiteral("got equals, prefix")},
        {R"({"kind": "caller", "in": []})", QStringLiteral("$.rules[2].conditions[0].in"), QStringLiteral("non-empty")},
        {R"({"kind": "caller", "exists": false})", QStringLiteral("$.rules[2].conditions[0].exists"),
         QStringLiteral("negate")},
        {R"({"kind": "caller", "equals": "+31", "negate": "yes"})", QStringLiteral("$.rules[2].conditions[0].negate"),
         QStringLiteral("true or false")},
        {R"({"kind": "caller", "equals": "+31", "not": true})", QStringLiteral("$.rules[2].conditions[0].not"),
         QStringLiteral("Unknown key")},
        {R"({"kind": "header", "equals": "x"})", QStringLiteral("$.rules[2].conditions[0].name"),
         QStringLiteral("header name")},
        {R"({"kind": "json_pointer", "pointer": "message/type", "equals": "x"})",
         QStringLiteral("$.rules[2].conditions[0].pointer"), QStringLiteral("starts with \"/\"")},
        {R"({"kind": "json_pointer", "pointer": "/a~2", "equals": "x"})",
         QStringLiteral("$.rules[2].conditions[0].pointer"), QStringLiteral("~")},
        {R"({"kind": "json_pointer", "pointer": "/a"})", QStringLiteral("$.rules[2].conditions[0]"),
         QStringLiteral("\"equals\"")},
        {R"({"kind": "contact_field", "field": "email", "equals": "x"})",
         QStringLiteral("$.rules[2].conditions[0].field"), QStringLiteral("customer_since")},
        {R"({"kind": "contact_field", "field": "vip", "equals": "yes"})",
         QStringLiteral("$.rules[2].conditions[0].equals"), QStringLiteral("true or false")},
        {R"("caller")", QStringLiteral("$.rules[2].conditions[0]"), QStringLiteral("condition object")},
    };
    for (const Case &testCase : cases) {
        const QList<LoadError> errors = conditionErrors(testCase.json);
        ASSERT_EQ(errors.size(), 1) << testCase.json << '\n' << describe(errors);
        EXPECT_EQ(errors.first().path, testCase.path) << testCase.json;
        EXPECT_TRUE(errors.first().message.contains(testCase.says)) << testCase.json << '\n'
                                                                    << errors.first().message.toStdString();
    }
}

TEST(RuleLoadErrors, RulesAndActions)
{
    QList<LoadError> errors;
    const RuleSet rules = ruleSet(R"([
        {"id": "ok", "template": "a"},
        {"id": "ok", "template": "b"},
        {"name": "no id", "template": "c"},
        {"id": "both", "template": "a", "split": [{"template": "b", "weight": 1}]},
        {"id": "neither"},
        {"id": "zero", "split": [{"template": "a", "weight": 0}]},
        {"id": "fraction", "split": [{"template": "a", "weight": 1.5}]},
        {"id": "conditions", "conditions": {}, "template": "a"},
        {"id": "enabled", "enabled": "no", "template": "a"},
        {"id": "bad-condition", "conditions": [{"kind": "caller", "equals": "+31"}, {"kind": "caller", "regex": "("}],
         "template": "a"}
    ])",
                                  &errors);
    EXPECT_EQ(rules.size(), 1);
    QStringList paths;
    for (const LoadError &error : errors)
        paths.append(error.path);
    EXPECT_EQ(
        paths,
        (QStringList {QStringLiteral("$.rules[1].id"), QStringLiteral("$.rules[2].id"), QStringLiteral("$.rules[3]"),
                      QStringLiteral("$.rules[4]"), QStringLiteral("$.rules[5].split"),
                      QStringLiteral("$.rules[6].split[0].weight"), QStringLiteral("$.rules[7].conditions"),
                      QStringLiteral("$.rules[8].enabled"), QStringLiteral("$.rules[9].conditions[1].regex")}))
        << describe(errors);
    EXPECT_TRUE(errors.at(0).message.contains(QStringLiteral("$.rules[0]"))) << describe(errors);

    const QList<LoadError> notAnArray = [] {
        QList<LoadError> result;
        RuleSet::fromJson(QJsonObject(), QStringLiteral("$.rules"), result);
        return result;
    }();
    ASSERT_EQ(notAnArray.size(), 1);
    EXPECT_EQ(notAnArray.first().path, QStringLiteral("$.rules"));
}

TEST(RuleLoadErrors, UnknownTemplateReferences)
{
    const RuleSet rules = ruleSet(R"([
        {"id": "a", "template": "known"},
        {"id": "b", "template": "missing"},
        {"id": "c", "split": [{"template": "known", "weight": 1}, {"template": "gone", "weight": 1}]}])");
    const QList<LoadError> errors =
        rules.unknownTemplateReferences({QStringLiteral("known")}, QStringLiteral("$.rules"));
    ASSERT_EQ(errors.size(), 2) << describe(errors);
    EXPECT_EQ(errors.at(0).path, QStringLiteral("$.rules[1].template"));
    EXPECT_EQ(errors.at(1).path, QStringLiteral("$.rules[2].split[1].template"));
    EXPECT_TRUE(errors.at(1).message.contains(QStringLiteral("\"gone\"")));
}

TEST(RuleSet, FirstEnabledMatchWinsAndTheTraceSaysWhy)
{
    const RuleSet rules = ruleSet(R"([
        {"id": "off", "enabled": false, "conditions": [], "template": "never"},
        {"id": "germany", "conditions": [{"kind": "caller", "prefix": "+49"}], "template": "german"},
        {"id": "vip", "name": "VIP", "conditions": [{"kind": "caller", "in": ["+31612345678"]},
                                                     {"kind": "event", "equals": "assistant-request"}],
         "template": "override-llm"},
        {"id": "also-vip", "conditions": [{"kind": "contact_known"}], "template": "second"},
        {"id": "default", "template": "default"}])");
    const RuleEvaluation vip = rules.evaluate(contextFor(request("+31612345678")));
    EXPECT_TRUE(vip.matched);
    EXPECT_EQ(vip.ruleId, QStringLiteral("vip"));
    EXPECT_EQ(vip.ruleName, QStringLiteral("VIP"));
    EXPECT_EQ(vip.templateId, QStringLiteral("override-llm"));
    EXPECT_EQ(vip.arm, -1);
    EXPECT_EQ(
        vip.trace,
        (QStringList {QStringLiteral("rule off: disabled, skipped"),
                      QStringLiteral("rule germany: caller \"+31612345678\" does not start with \"+49\" → no match"),
                      QStringLiteral("rule vip: caller \"+31612345678\" is in the list [\"+31612345678\"]; event "
                                     "type \"assistant-request\" is \"assistant-request\" → template override-llm")}));

    const RuleEvaluation fallback = rules.evaluate(contextFor(request(nullptr, nullptr)));
    EXPECT_EQ(fallback.ruleId, QStringLiteral("default"));
    EXPECT_TRUE(fallback.trace.last().contains(QStringLiteral("no conditions")));

    const RuleEvaluation none = ruleSet(R"([{"id": "g", "conditions": [{"kind": "caller", "prefix": "+49"}],
                                            "template": "german"}])")
                                    .evaluate(contextFor(request("+31612345678")));
    EXPECT_FALSE(none.matched);
    EXPECT_TRUE(none.templateId.isEmpty());
    EXPECT_EQ(none.trace.last(), QStringLiteral("no rule matched"));
    EXPECT_FALSE(RuleSet().evaluate(contextFor(request("+31612345678"))).matched);
}

TEST(RuleSet, JsonRoundTrip)
{
    const char *json = R"([
        {"id": "a", "name": "A", "enabled": false, "conditions": [
            {"kind": "event", "in": ["assistant-request", "tool-calls"]},
            {"kind": "caller", "negate": true, "regex": "^\\+49"},
            {"kind": "called", "prefix": "+3185"},
            {"kind": "header", "name": "X-Tenant", "contains": "acme"},
            {"kind": "business_hours", "zone": "America/New_York",
             "hours": [{"days": ["mon", "fri"], "windows": ["08:00-12:00", "13:00-24:00"]}]},
            {"kind": "json_pointer", "pointer": "/message/call/type", "equals": "web_call"},
            {"kind": "json_pointer", "pointer": "/message/x~1y", "exists": true},
            {"kind": "contact_known"},
            {"kind": "contact_field", "field": "language", "equals": "de"},
            {"kind": "signature", "negate": true, "equals": "valid"}],
         "template": "t"},
        {"id": "b", "name": "b", "enabled": true, "conditions": [],
         "split": [{"template": "x", "weight": 30}, {"template": "y", "weight": 70}]}])";
    const RuleSet rules = ruleSet(json);
    ASSERT_EQ(rules.size(), 2);
    EXPECT_EQ(QJsonValue(rules.toJson()), QJsonValue(QJsonDocument::fromJson(json).array()));
    QList<LoadError> errors;
    EXPECT_EQ(RuleSet::fromJson(rules.toJson(), QStringLiteral("$.rules"), errors), rules);
    EXPECT_TRUE(errors.isEmpty()) << describe(errors);
}

TEST(RuleSplit, TheSameCallIdGetsTheSameArmEveryTime)
{
    const RuleSet rules = ruleSet(R"([{"id": "ab", "split": [{"template": "a", "weight": 1},
                                                            {"template": "b", "weight": 1},
                                                            {"template": "c", "weight": 1}]}])");
    const RequestContext context = contextFor(request("+31612345678"));
    const RuleEvaluation first = rules.evaluate(context);
    ASSERT_TRUE(first.matched);
    for (int run = 0; run < 1000; ++run) {
        const RuleEvaluation again = rules.evaluate(contextFor(request("+31612345678")));
        ASSERT_EQ(again.arm, first.arm) << "run " << run;
        ASSERT_EQ(again.templateId, first.templateId) << "run " << run;
    }
}

TEST(RuleSplit, TheBucketIsAStableSha256NotAPerProcessHash)
{
    // Expected values computed outside Dockside: int.from_bytes(sha256(id).digest()[:8], "big") % n.
    EXPECT_EQ(dockside::rules::RuleAction::bucketOf(QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"), 100), 24u);
    EXPECT_EQ(dockside::rules::RuleAction::bucketOf(QStringLiteral("call-1"), 100), 2u);
    EXPECT_EQ(dockside::rules::RuleAction::bucketOf(QString(), 100), 52u);

    const auto choice = dockside::rules::RuleAction::split({{QStringLiteral("a"), 25}, {QStringLiteral("b"), 75}})
                            .choose(QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"));
    EXPECT_EQ(choice.arm, 0); // bucket 24 < 25
    EXPECT_EQ(choice.templateId, QStringLiteral("a"));
    EXPECT_EQ(choice.explanation,
              QStringLiteral("call 5c4d030f-43e3-4e65-899e-8148521e660f falls in bucket 24 of 100 "
                             "→ arm 1 (weight 25) → template a"));
}

TEST(RuleSplit, ArmsFollowTheirWeightsOverManyCalls)
{
    const auto action = dockside::rules::RuleAction::split(
        {{QStringLiteral("a"), 70}, {QStringLiteral("off"), 0}, {QStringLiteral("b"), 20}, {QStringLiteral("c"), 10}});
    QList<int> counts(4, 0);
    for (int i = 0; i < 10000; ++i) {
        const QString callId =
            QUuid::fromRfc4122(QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Md5))
                .toString(QUuid::WithoutBraces);
        const dockside::rules::ActionChoice choice = action.choose(callId);
        ++counts[choice.arm];
        // The endpoint's quiet choice is the same arm and template, without the words.
        const dockside::rules::ActionChoice quiet = action.choose(callId, dockside::rules::Explanation::Skipped);
        ASSERT_EQ(quiet.arm, choice.arm);
        ASSERT_EQ(quiet.templateId, choice.templateId);
        ASSERT_TRUE(quiet.explanation.isEmpty());
    }
    // Three standard deviations of a binomial(10000, p) are at most 150.
    EXPECT_NEAR(counts.at(0), 7000, 150);
    EXPECT_EQ(counts.at(1), 0);
    EXPECT_NEAR(counts.at(2), 2000, 150);
    EXPECT_NEAR(counts.at(3), 1000, 150);
}

} // namespace
