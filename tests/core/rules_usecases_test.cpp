// SPDX-License-Identifier: GPL-3.0-or-later

#include "rules/ruleset.h"

#include "base/capturedrequest.h"
#include "contacts/contactimport.h"
#include "templating/renderer.h"
#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <gtest/gtest.h>

// The five use cases of the assistant-request page (CRM lookup, business hours, VIP, A/B testing, language by
// region) written as data only: one rule set, the six-contact book, and templated answers.
namespace {

using dockside::base::LoadError;
using dockside::contacts::ContactBook;
using dockside::rules::RequestContext;
using dockside::rules::RuleEvaluation;
using dockside::rules::RuleSet;

const QByteArray kRules = R"json([
  {"id": "holiday-closure", "name": "Holiday closure (switch on when needed)", "enabled": false,
   "conditions": [], "template": "reject"},
  {"id": "closed", "name": "Business hours: reject calls outside opening hours",
   "conditions": [
     {"kind": "event", "equals": "assistant-request"},
     {"kind": "business_hours", "negate": true, "zone": "Europe/Amsterdam",
      "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "windows": ["09:00-12:30", "13:30-17:30"]},
                {"days": ["sat"], "windows": ["10:00-14:00"]}]}],
   "template": "reject"},
  {"id": "vip", "name": "VIP: premium model",
   "conditions": [{"kind": "contact_field", "field": "vip", "equals": true}],
   "template": "vip-premium"},
  {"id": "german-contact", "name": "Language: contacts who speak German",
   "conditions": [{"kind": "contact_field", "field": "language", "equals": "de"}],
   "template": "greeting-de"},
  {"id": "crm", "name": "CRM: welcome back known callers",
   "conditions": [{"kind": "contact_known"}],
   "template": "crm-welcome-back"},
  {"id": "german-region", "name": "Language: callers from Germany, Austria and Switzerland",
   "conditions": [{"kind": "caller", "regex": "^\\+(49|43|41)"}],
   "template": "greeting-de"},
  {"id": "ab-greeting", "name": "A/B test: personal greeting or the default assistant",
   "conditions": [{"kind": "event", "equals": "assistant-request"}],
   "split": [{"template": "personalize-greeting", "weight": 50}, {"template": "default", "weight": 50}]}
])json";

const QHash<QString, QByteArray> kTemplates {
    {QStringLiteral("default"), "{}"},
    {QStringLiteral("reject"),
     R"({"error": "Sorry, we are currently closed. Please call back during business hours."})"},
    {QStringLiteral("personalize-greeting"),
     R"({"assistant": {"first_message": "Hello, thanks for calling from {{message.customer.number}}!"}})"},
    {QStringLiteral("vip-premium"),
     R"({"assistant": {"first_message": "Welcome back, {{contact.name}}!",
         "llm_config": {"provider": "openai", "model": "gpt-4o", "messages": [{"role": "system",
         "content": "You are speaking with {{contact.name}}, a VIP customer since {{contact.customer_since}}. {{contact.notes}} Be extra helpful."}]}}})"},
    {QStringLiteral("crm-welcome-back"),
     R"({"assistant": {"first_message": "Hello {{contact.name}}, welcome back! How can I help?",
         "llm_config": {"messages": [{"role": "system",
         "content": "You are speaking with {{contact.name}}. Customer since {{contact.customer_since}}. {{contact.notes}}"}]}}})"},
    {QStringLiteral("greeting-de"),
     R"({"assistant": {"first_message": "Guten Tag! Wie kann ich Ihnen helfen?",
         "llm_config": {"messages": [{"role": "system", "content": "Antworte immer auf Deutsch."}]}}})"},
};

// Wednesday 10 December 2025, 10:00 in Amsterdam (CET, UTC+1).
const QDateTime kOpen(QDate(2025, 12, 10), QTime(9, 0), QTimeZone::utc());
const QDateTime kSunday(QDate(2025, 12, 14), QTime(11, 0), QTimeZone::utc());
const QDateTime kLunch(QDate(2025, 12, 10), QTime(11, 45), QTimeZone::utc());

class RuleUseCases : public ::testing::Test {
protected:
    void SetUp() override
    {
        QList<LoadError> errors;
        m_rules = RuleSet::fromJson(QJsonDocument::fromJson(kRules).array(), QStringLiteral("$.rules"), errors);
        ASSERT_TRUE(errors.isEmpty()) << errors.first().path.toStdString() << errors.first().message.toStdString();
        ASSERT_EQ(m_rules.size(), 7);
        QSet<QString> templateIds;
        for (auto it = kTemplates.begin(); it != kTemplates.end(); ++it)
            templateIds.insert(it.key());
        ASSERT_TRUE(m_rules.unknownTemplateReferences(templateIds, QStringLiteral("$.rules")).isEmpty());

        const auto import = dockside::contacts::importContactsFile(
            QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/contacts/six-contacts.json"));
        ASSERT_TRUE(import.problems.isEmpty());
        m_book = import.book;
    }

    RequestContext context(const char *caller, const QDateTime &time = kOpen,
                           const QString &callId = QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f")) const
    {
        const QJsonObject message {
            {QStringLiteral("type"), QStringLiteral("assistant-request")},
            {QStringLiteral("call"),
             QJsonObject {{QStringLiteral("id"), callId},
                          {QStringLiteral("type"), QStringLiteral("inbound_phone_call")},
                          {QStringLiteral("status"), QStringLiteral("ringing")}}},
            {QStringLiteral("phone_number"), QJsonObject {{QStringLiteral("number"), QStringLiteral("+31850835037")}}},
            {QStringLiteral("customer"),
             QJsonObject {{QStringLiteral("number"),
                           caller ? QJsonValue(QString::fromUtf8(caller)) : QJsonValue(QJsonValue::Null)}}},
        };
        dockside::base::CapturedRequest request;
        request.method = "POST";
        request.headers = {{"Content-Type", "application/json"}, {"X-Webhook-Event", "assistant-request"}};
        request.body = QJsonDocument(QJsonObject {{QStringLiteral("message"), message}}).toJson();
        return RequestContext::fromRequest(request, m_book, time);
    }

    // The rule's template, rendered for this request; the rendering must succeed.
    QJsonObject answer(const RequestContext &requestContext, const RuleEvaluation &evaluation) const
    {
        const dockside::templating::RenderResult rendered = dockside::templating::renderBody(
            kTemplates.value(evaluation.templateId), true, requestContext.renderContext());
        EXPECT_TRUE(rendered.isOk()) << evaluation.templateId.toStdString() << ": "
                                     << (rendered.errors.isEmpty() ? std::string()
                                                                   : rendered.errors.first().describe().toStdString());
        return QJsonDocument::fromJson(rendered.body).object();
    }

    static QString firstMessage(const QJsonObject &answer)
    {
        return answer.value(QStringLiteral("assistant")).toObject().value(QStringLiteral("first_message")).toString();
    }

    RuleSet m_rules;
    ContactBook m_book;
};

TEST_F(RuleUseCases, WithoutExplanationsTheSameRuleAndTemplateAnswer)
{
    // The endpoint's request path skips the trace's words; what answers must not change with them.
    const QList<const char *> callers = {
        "+31612345678", "+31687654321", "+4915112345678", "+41791234567", "+31201234567", "+15551234567", "", nullptr};
    const QList<QDateTime> moments = {kOpen, kSunday, kLunch, QDateTime()};
    int compared = 0;
    for (const char *caller : callers) {
        for (const QDateTime &moment : moments) {
            for (const QString &callId : {QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"), QStringLiteral("a1"),
                                          QStringLiteral("b2"), QString()}) {
                const RequestContext requestContext = context(caller, moment, callId);
                const RuleEvaluation given = m_rules.evaluate(requestContext);
                const RuleEvaluation skipped = m_rules.evaluate(requestContext, dockside::rules::Explanation::Skipped);
                EXPECT_EQ(skipped.matched, given.matched);
                EXPECT_EQ(skipped.ruleId, given.ruleId) << (caller ? caller : "null");
                EXPECT_EQ(skipped.templateId, given.templateId);
                EXPECT_EQ(skipped.arm, given.arm);
                EXPECT_FALSE(given.trace.isEmpty());
                EXPECT_TRUE(skipped.trace.isEmpty());
                ++compared;
            }
        }
    }
    EXPECT_EQ(compared, 128);
}

TEST_F(RuleUseCases, CrmLookupPersonalisesTheGreetingForKnownCallers)
{
    const RequestContext sanne = context("+31 6 8765 4321");
    const RuleEvaluation evaluation = m_rules.evaluate(sanne);
    EXPECT_EQ(evaluation.ruleId, QStringLiteral("crm"));
    EXPECT_EQ(evaluation.templateId, QStringLiteral("crm-welcome-back"));
    const QJsonObject rendered = answer(sanne, evaluation);
    EXPECT_EQ(firstMessage(rendered), QStringLiteral("Hello Sanne de Vries, welcome back! How can I help?"));
    EXPECT_EQ(rendered.value(QStringLiteral("assistant"))
                  .toObject()
                  .value(QStringLiteral("llm_config"))
                  .toObject()
                  .value(QStringLiteral("messages"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("content"))
                  .toString(),
              QStringLiteral("You are speaking with Sanne de Vries. Customer since 2019. Asked about invoice 2024-117, "
                             "twice"));
}

TEST_F(RuleUseCases, BusinessHoursRejectCallsOutsideOpeningHours)
{
    for (const QDateTime &closed : {kSunday, kLunch}) {
        const RuleEvaluation evaluation = m_rules.evaluate(context("+31612345678", closed));
        EXPECT_EQ(evaluation.ruleId, QStringLiteral("closed")) << closed.toString(Qt::ISODate).toStdString();
        EXPECT_EQ(evaluation.templateId, QStringLiteral("reject"));
    }
    const RuleEvaluation sunday = m_rules.evaluate(context(nullptr, kSunday));
    EXPECT_EQ(sunday.ruleId, QStringLiteral("closed")); // web calls are closed too
    EXPECT_EQ(
        sunday.trace.last(),
        QStringLiteral("rule closed: event type \"assistant-request\" is \"assistant-request\"; not: Sun 12:00 in "
                       "Europe/Amsterdam is outside business hours (Mon, Tue, Wed, Thu, Fri 09:00-12:30, "
                       "13:30-17:30; Sat 10:00-14:00) → template reject"));
    EXPECT_NE(m_rules.evaluate(context("+31612345678", kOpen)).ruleId, QStringLiteral("closed"));
}

TEST_F(RuleUseCases, VipCallersGetThePremiumModel)
{
    const RequestContext john = context("+31612345678");
    const RuleEvaluation evaluation = m_rules.evaluate(john);
    EXPECT_EQ(evaluation.ruleId, QStringLiteral("vip"));
    const QJsonObject rendered = answer(john, evaluation);
    EXPECT_EQ(firstMessage(rendered), QStringLiteral("Welcome back, John Smith!"));
    EXPECT_EQ(rendered.value(QStringLiteral("assistant"))
                  .toObject()
                  .value(QStringLiteral("llm_config"))
                  .toObject()
                  .value(QStringLiteral("model")),
              QJsonValue(QStringLiteral("gpt-4o")));

    // A name with quotes and notes with a newline still give valid JSON with the exact text.
    const RequestContext amelie = context("+32470123456");
    const RuleEvaluation amelieEvaluation = m_rules.evaluate(amelie);
    EXPECT_EQ(amelieEvaluation.ruleId, QStringLiteral("vip"));
    EXPECT_EQ(firstMessage(answer(amelie, amelieEvaluation)), QStringLiteral("Welcome back, Amélie \"Lili\" Dubois!"));
}

TEST_F(RuleUseCases, AbTestSplitsUnknownCallersStablyByCallId)
{
    QHash<QString, int> templates;
    for (int i = 0; i < 200; ++i) {
        const QString callId = QStringLiteral("call-%1").arg(i);
        const RequestContext stranger = context("+31699999999", kOpen, callId);
        const RuleEvaluation evaluation = m_rules.evaluate(stranger);
        ASSERT_EQ(evaluation.ruleId, QStringLiteral("ab-greeting"));
        ASSERT_EQ(m_rules.evaluate(context("+31699999999", kOpen, callId)).arm, evaluation.arm);
        ++templates[evaluation.templateId];
        const QJsonObject rendered = answer(stranger, evaluation);
        if (evaluation.templateId == QLatin1String("personalize-greeting"))
            EXPECT_EQ(firstMessage(rendered), QStringLiteral("Hello, thanks for calling from +31699999999!"));
        else
            EXPECT_EQ(rendered, QJsonObject());
    }
    EXPECT_GT(templates.value(QStringLiteral("personalize-greeting")), 70);
    EXPECT_GT(templates.value(QStringLiteral("default")), 70);
}

TEST_F(RuleUseCases, AWebCallWithNullNumbersFallsThroughToTheAbTestButCannotRenderTheCallerNumber)
{
    const RequestContext webCall = context(nullptr);
    const RuleEvaluation evaluation = m_rules.evaluate(webCall);
    EXPECT_EQ(evaluation.ruleId, QStringLiteral("ab-greeting"));
    const auto rendered = dockside::templating::renderBody(kTemplates.value(QStringLiteral("personalize-greeting")),
                                                           true, webCall.renderContext());
    ASSERT_EQ(rendered.errors.size(), 1);
    EXPECT_TRUE(rendered.errors.first().message.contains(QStringLiteral("null")))
        << rendered.errors.first().describe().toStdString();
}

TEST_F(RuleUseCases, LanguageFollowsTheCallersRegionOrTheContactsLanguage)
{
    EXPECT_EQ(m_rules.evaluate(context("+4915112345678")).ruleId, QStringLiteral("german-contact")); // Jonas, "de"
    for (const char *caller : {"+4930123456", "+43 1 234 5678", "+41 44 123 45 67"}) {
        const RuleEvaluation evaluation = m_rules.evaluate(context(caller));
        EXPECT_EQ(evaluation.ruleId, QStringLiteral("german-region")) << caller;
        EXPECT_EQ(evaluation.templateId, QStringLiteral("greeting-de")) << caller;
    }
    EXPECT_EQ(m_rules.evaluate(context("+33123456789")).ruleId, QStringLiteral("ab-greeting"));
    EXPECT_EQ(m_rules.evaluate(context("+441632960123")).ruleId, QStringLiteral("crm")); // known, English
}

} // namespace
