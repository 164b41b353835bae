// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/callevent.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "contract/signature.h"

#include "qtprinters.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::contract::CallOutcome;
using dockside::contract::computeOutcome;
using dockside::contract::Disposition;
using dockside::contract::Finding;
using dockside::contract::Findings;
using dockside::contract::OutcomeInput;
using dockside::contract::Reason;
using dockside::contract::reasonCode;
using dockside::contract::Transport;

QJsonObject defaultAssistant()
{
    return dockside::contract::builtinDefaultAssistant();
}

QJsonArray defaultMessages()
{
    return defaultAssistant()
        .value(QStringLiteral("llm_config"))
        .toObject()
        .value(QStringLiteral("messages"))
        .toArray();
}

OutcomeInput inputWithBody(const QByteArray &body, int httpStatus = 200, std::optional<qint64> latencyMs = 120)
{
    OutcomeInput input;
    input.exchange.transport = Transport::Completed;
    input.exchange.httpStatus = httpStatus;
    input.exchange.body = body;
    input.exchange.latencyMs = latencyMs;
    input.defaultAssistant = defaultAssistant();
    return input;
}

CallOutcome outcomeFor(const QByteArray &body, int httpStatus = 200, std::optional<qint64> latencyMs = 120)
{
    return computeOutcome(inputWithBody(body, httpStatus, latencyMs));
}

QByteArray seedAnswer(const QString &name)
{
    QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/answers/") + name + QStringLiteral(".json"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
    return file.readAll();
}

QStringList pathsOf(const Findings &findings)
{
    QStringList paths;
    for (const Finding &finding : findings)
        paths.append(finding.path);
    return paths;
}

QStringList changedPaths(const CallOutcome &outcome)
{
    QStringList paths;
    for (const auto &change : outcome.changes)
        paths.append(change.path);
    paths.sort();
    return paths;
}

// Every "use the default assistant" outcome: answered, the default's greeting and limit.
void expectDefaultAssistant(const CallOutcome &outcome, Reason reason)
{
    EXPECT_EQ(reasonCode(outcome.reason), reasonCode(reason));
    EXPECT_EQ(outcome.disposition, Disposition::Answered);
    EXPECT_TRUE(outcome.usesDefaultAssistant());
    EXPECT_EQ(outcome.effectiveAssistant, defaultAssistant());
    EXPECT_TRUE(outcome.changes.isEmpty());
    EXPECT_EQ(outcome.spokenFirst, defaultAssistant().value(QStringLiteral("first_message")).toString());
    EXPECT_EQ(outcome.maxDurationSeconds, 600);
    EXPECT_FALSE(outcome.explanation.isEmpty());
}

// Rule 1.
TEST(CallOutcome, TransportTimeoutUsesDefault)
{
    OutcomeInput input = inputWithBody(QByteArray(), 200, std::nullopt);
    input.exchange.transport = Transport::TimedOut;
    const CallOutcome outcome = computeOutcome(input);
    expectDefaultAssistant(outcome, Reason::Timeout);
    EXPECT_EQ(outcome.reasonSource, dockside::contract::Source::Seed);
}

// Rule 2.
TEST(CallOutcome, UnreachableUsesDefault)
{
    OutcomeInput input = inputWithBody(QByteArray(), 0, std::nullopt);
    input.exchange.transport = Transport::Unreachable;
    input.exchange.transportError = QStringLiteral("connection refused");
    const CallOutcome outcome = computeOutcome(input);
    expectDefaultAssistant(outcome, Reason::Unreachable);
    EXPECT_EQ(outcome.reasonSource, dockside::contract::Source::Assumed);
    EXPECT_TRUE(outcome.explanation.contains(QLatin1String("connection refused")));
}

// Rule 3 and scenario 8.
TEST(CallOutcome, Http500UsesDefault)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("personalize-greeting")), 500);
    expectDefaultAssistant(outcome, Reason::HttpStatus);
    EXPECT_TRUE(outcome.explanation.contains(QLatin1String("500")));
}

TEST(CallOutcome, RedirectAndClientErrorAreHttpStatus)
{
    for (int status : {199, 301, 404})
        EXPECT_EQ(outcomeFor(QByteArrayLiteral("{}"), status).reason, Reason::HttpStatus) << status;
    for (int status : {200, 201, 204, 299})
        EXPECT_NE(outcomeFor(QByteArrayLiteral("{}"), status).reason, Reason::HttpStatus) << status;
}

// Rule 4.
TEST(CallOutcome, EmptyBodyUsesDefault)
{
    expectDefaultAssistant(outcomeFor(QByteArray()), Reason::EmptyBody);
    expectDefaultAssistant(outcomeFor(QByteArrayLiteral(" \r\n")), Reason::EmptyBody);
}

// Rule 5 and scenario 8.
TEST(CallOutcome, HtmlBodyIsInvalidJson)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral("<html><body>502 Bad Gateway</body></html>"));
    expectDefaultAssistant(outcome, Reason::InvalidJson);
    EXPECT_EQ(pathsOf(outcome.violations), QStringList {QStringLiteral("$")});
}

TEST(CallOutcome, TruncatedJsonIsInvalidJson)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"assistant": {"first_message": "Hel)"));
    expectDefaultAssistant(outcome, Reason::InvalidJson);
    EXPECT_FALSE(outcome.violations.isEmpty());
}

TEST(CallOutcome, JsonArrayIsInvalidJson)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"([{"assistant": {}}])"));
    expectDefaultAssistant(outcome, Reason::InvalidJson);
    EXPECT_TRUE(outcome.explanation.contains(QLatin1String("array"))) << outcome.explanation.toStdString();
}

TEST(CallOutcome, JsonScalarIsInvalidJson)
{
    expectDefaultAssistant(outcomeFor(QByteArrayLiteral("\"ok\"")), Reason::InvalidJson);
}

// Rule 6 and scenario 5.
TEST(CallOutcome, ErrorRejectsAndIsSpoken)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("reject")));
    EXPECT_EQ(outcome.reason, Reason::Rejected);
    EXPECT_EQ(outcome.disposition, Disposition::Rejected);
    EXPECT_FALSE(outcome.usesDefaultAssistant());
    EXPECT_EQ(outcome.spokenFirst,
              QStringLiteral("Sorry, we are currently closed. Please call back during business hours."));
    EXPECT_TRUE(outcome.warnings.isEmpty());
    EXPECT_TRUE(outcome.violations.isEmpty());
}

TEST(CallOutcome, ErrorWithAssistantIsStillRejectedWithWarning)
{
    const CallOutcome outcome =
        outcomeFor(QByteArrayLiteral(R"({"error": "Closed.", "assistant": {"first_message": "Welcome!"}})"));
    EXPECT_EQ(outcome.reason, Reason::Rejected);
    EXPECT_EQ(outcome.disposition, Disposition::Rejected);
    EXPECT_EQ(outcome.spokenFirst, QStringLiteral("Closed."));
    EXPECT_EQ(pathsOf(outcome.warnings), QStringList {QStringLiteral("$.assistant")});
}

// Rule 7.
TEST(CallOutcome, BlankErrorIsInvalidResponse)
{
    for (const QByteArray &body : {QByteArrayLiteral(R"({"error": ""})"), QByteArrayLiteral(R"({"error": "  "})"),
                                   QByteArrayLiteral(R"({"error": 42})"), QByteArrayLiteral(R"({"error": null})")}) {
        const CallOutcome outcome = outcomeFor(body);
        expectDefaultAssistant(outcome, Reason::InvalidResponse);
        EXPECT_TRUE(pathsOf(outcome.violations).contains(QStringLiteral("$.error"))) << body.toStdString();
    }
}

TEST(CallOutcome, BlankErrorWithValidAssistantIsStillInvalidResponse)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"error": "", "assistant": {"first_message": "Hi"}})"));
    expectDefaultAssistant(outcome, Reason::InvalidResponse);
}

// Rule 8 and scenario 4.
TEST(CallOutcome, MaxDurationAsStringIsInvalidResponseWithDefaultLimit)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"max_duration_seconds": "300"})"));
    expectDefaultAssistant(outcome, Reason::InvalidResponse);
    EXPECT_EQ(outcome.maxDurationSeconds, 600);
    EXPECT_EQ(pathsOf(outcome.violations), QStringList {QStringLiteral("$.max_duration_seconds")});
}

TEST(CallOutcome, EveryViolationIsListed)
{
    const CallOutcome outcome = outcomeFor(
        QByteArrayLiteral(R"({"max_duration_seconds": 0, "assistant": {"llm_config": {"provider": "acme"}}})"));
    expectDefaultAssistant(outcome, Reason::InvalidResponse);
    QStringList paths = pathsOf(outcome.violations);
    paths.sort();
    EXPECT_EQ(
        paths,
        (QStringList {QStringLiteral("$.assistant.llm_config.provider"), QStringLiteral("$.max_duration_seconds")}));
}

// Rule 9 and scenario 1.
TEST(CallOutcome, EmptyObjectIsDefault)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("default")));
    expectDefaultAssistant(outcome, Reason::Default);
    EXPECT_TRUE(outcome.violations.isEmpty());
    EXPECT_TRUE(outcome.warnings.isEmpty());
}

TEST(CallOutcome, OnlyUnknownKeysIsDefaultWithWarning)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"voice": "alloy"})"));
    expectDefaultAssistant(outcome, Reason::Default);
    EXPECT_EQ(pathsOf(outcome.warnings), QStringList {QStringLiteral("$.voice")});
}

// Rule 10 and scenario 2.
TEST(CallOutcome, GreetingOverrides)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("personalize-greeting")));
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_EQ(outcome.disposition, Disposition::Answered);
    EXPECT_FALSE(outcome.usesDefaultAssistant());
    EXPECT_EQ(outcome.spokenFirst, QStringLiteral("Hello John, great to hear from you! How can I help?"));
    EXPECT_EQ(changedPaths(outcome), QStringList {QStringLiteral("$.first_message")});
    EXPECT_EQ(outcome.maxDurationSeconds, 600);
    EXPECT_EQ(outcome.effectiveAssistant.value(QStringLiteral("llm_config")),
              defaultAssistant().value(QStringLiteral("llm_config")));
}

// Scenario 3: the seed's own example keeps provider and model from the default.
TEST(CallOutcome, LlmConfigWithOnlyMessagesKeepsDefaultProviderAndModel)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("crm-welcome-back")));
    EXPECT_EQ(outcome.reason, Reason::Override);
    const QJsonObject llm = outcome.effectiveAssistant.value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("provider")).toString(), QStringLiteral("openai"));
    EXPECT_EQ(llm.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o-mini"));
    const QJsonArray messages = llm.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
              QStringLiteral("You are speaking with John Smith. Customer since 2021. Prefers morning appointments."));
    EXPECT_NE(QJsonValue(messages), QJsonValue(defaultMessages()));
    EXPECT_EQ(outcome.spokenFirst, QStringLiteral("Hello John Smith, welcome back! How can I help?"));
    EXPECT_EQ(changedPaths(outcome),
              (QStringList {QStringLiteral("$.first_message"), QStringLiteral("$.llm_config.messages")}));
}

TEST(CallOutcome, FullLlmOverrideReplacesModel)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("override-llm")));
    EXPECT_EQ(outcome.reason, Reason::Override);
    const QJsonObject llm = outcome.effectiveAssistant.value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o"));
    // provider equals the default, so it is not a change.
    EXPECT_EQ(changedPaths(outcome),
              (QStringList {QStringLiteral("$.llm_config.messages"), QStringLiteral("$.llm_config.model")}));
}

// "Unknown keys never fail an answer: they are listed as warnings and ignored" (CONTRACT.md §4).
TEST(CallOutcome, UnknownAssistantKeysAreIgnoredNotMerged)
{
    const CallOutcome outcome =
        outcomeFor(QByteArrayLiteral(R"({"assistant": {"first_message": "Hi", "voice": "alloy", "language": "de"}})"));
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_EQ(outcome.spokenFirst, QStringLiteral("Hi"));
    EXPECT_FALSE(outcome.effectiveAssistant.contains(QStringLiteral("voice")));
    EXPECT_FALSE(outcome.effectiveAssistant.contains(QStringLiteral("language")));
    EXPECT_EQ(outcome.assistant.sttLanguage, QStringLiteral("nl"));
    EXPECT_EQ(changedPaths(outcome), QStringList {QStringLiteral("$.first_message")});
    QStringList warnings = pathsOf(outcome.warnings);
    warnings.sort();
    EXPECT_EQ(warnings, (QStringList {QStringLiteral("$.assistant.language"), QStringLiteral("$.assistant.voice")}));
}

TEST(CallOutcome, UnknownNestedKeysAreIgnoredButOpenLlmConfigKeysApply)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(
        R"({"assistant": {"llm_config": {"temperature": 0.4, "messages": [{"role": "system", "content": "Be brief.",
            "name": "ops"}]}}})"));
    EXPECT_EQ(outcome.reason, Reason::Override);
    const QJsonObject llm = outcome.effectiveAssistant.value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("temperature")), QJsonValue(0.4));
    EXPECT_EQ(llm.value(QStringLiteral("messages")).toArray().at(0).toObject(),
              (QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                            {QStringLiteral("content"), QStringLiteral("Be brief.")}}));
    EXPECT_EQ(pathsOf(outcome.warnings), QStringList {QStringLiteral("$.assistant.llm_config.messages[0].name")});
}

TEST(CallOutcome, AssistantOfOnlyUnknownKeysChangesNothing)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"assistant": {"voice": "alloy"}})"));
    EXPECT_EQ(outcome.effectiveAssistant, defaultAssistant());
    EXPECT_TRUE(outcome.changes.isEmpty());
    EXPECT_TRUE(pathsOf(outcome.warnings).contains(QStringLiteral("$.assistant.voice")));
}

// Scenario 4.
TEST(CallOutcome, MaxDurationOverridesLimit)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("duration-limit")));
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_EQ(outcome.maxDurationSeconds, 300);
    EXPECT_EQ(outcome.effectiveAssistant.value(QStringLiteral("max_duration_seconds")), QJsonValue(300));
    EXPECT_EQ(changedPaths(outcome), QStringList {QStringLiteral("$.max_duration_seconds")});
    ASSERT_EQ(outcome.changes.size(), 1);
    EXPECT_EQ(outcome.changes.at(0).before, QJsonValue(600));
    EXPECT_EQ(outcome.changes.at(0).after, QJsonValue(300));
}

TEST(CallOutcome, OverrideEqualToDefaultWarns)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"max_duration_seconds": 600})"));
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_TRUE(outcome.changes.isEmpty());
    EXPECT_EQ(pathsOf(outcome.warnings), QStringList {QStringLiteral("$")});
}

// Scenario 6.
TEST(CallOutcome, AnalysisPlanRendersPromptWithSampleTranscript)
{
    QJsonObject answer = QJsonDocument::fromJson(seedAnswer(QStringLiteral("call-analysis"))).object();
    // Add a message that uses {{ended_reason}} (SDK) to check it is rendered too.
    QJsonObject assistant = answer.value(QStringLiteral("assistant")).toObject();
    QJsonObject plan = assistant.value(QStringLiteral("analysis_plan")).toObject();
    QJsonObject structured = plan.value(QStringLiteral("structured_data_plan")).toObject();
    QJsonArray messages = structured.value(QStringLiteral("messages")).toArray();
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("Ended because: {{ended_reason}}")}});
    structured.insert(QStringLiteral("messages"), messages);
    plan.insert(QStringLiteral("structured_data_plan"), structured);
    assistant.insert(QStringLiteral("analysis_plan"), plan);
    answer.insert(QStringLiteral("assistant"), assistant);

    const CallOutcome outcome = outcomeFor(QJsonDocument(answer).toJson());
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_TRUE(outcome.warnings.isEmpty());
    EXPECT_TRUE(outcome.analysisEnabled);
    ASSERT_EQ(outcome.analysisPrompt.size(), 3);

    const auto sample = dockside::contract::sampleAnalysisContext();
    EXPECT_EQ(outcome.analysisPrompt.at(0).role, QStringLiteral("system"));
    const QString &system = outcome.analysisPrompt.at(0).content;
    EXPECT_TRUE(system.startsWith(QLatin1String("Analyze the call transcript according to the schema: {")));
    EXPECT_TRUE(system.contains(QLatin1String("\"appointment_booked\"")));
    EXPECT_TRUE(system.contains(QLatin1String("\"negative\"")));
    EXPECT_FALSE(system.contains(QLatin1String("{{schema}}")));

    EXPECT_EQ(outcome.analysisPrompt.at(1).role, QStringLiteral("user"));
    EXPECT_EQ(outcome.analysisPrompt.at(1).content, QStringLiteral("Transcript: ") + sample.transcript);
    EXPECT_FALSE(sample.transcript.isEmpty());

    EXPECT_EQ(outcome.analysisPrompt.at(2).content, QStringLiteral("Ended because: customer-ended-call"));
}

TEST(CallOutcome, DefaultAssistantHasAnalysisOff)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral("{}"));
    EXPECT_FALSE(outcome.analysisEnabled);
    EXPECT_TRUE(outcome.analysisPrompt.isEmpty());
}

// Scenario 7.
TEST(CallOutcome, AnswerJustBeforeDeadlineIsApplied)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("personalize-greeting")), 200, 4900);
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_EQ(outcome.latencyMs, 4900);
    EXPECT_EQ(outcome.deadlineMs, 5000);
}

TEST(CallOutcome, AnswerAfterDeadlineIsTimeout)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("personalize-greeting")), 200, 5100);
    expectDefaultAssistant(outcome, Reason::Timeout);
    EXPECT_EQ(outcome.latencyMs, 5100);
}

TEST(CallOutcome, AnswerExactlyAtDeadlineIsApplied)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("personalize-greeting")), 200, 5000);
    EXPECT_EQ(outcome.reason, Reason::Override);
}

TEST(CallOutcome, DeadlineIsTakenFromInput)
{
    OutcomeInput input = inputWithBody(QByteArrayLiteral("{}"), 200, 6000);
    input.deadlineMs = dockside::contract::kOtherEventsDeadlineMs;
    const CallOutcome outcome = computeOutcome(input);
    EXPECT_EQ(outcome.reason, Reason::Default);
    EXPECT_EQ(outcome.deadlineMs, 20000);
}

TEST(CallOutcome, TimeoutTakesPrecedenceOverRejection)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("reject")), 200, 5001);
    expectDefaultAssistant(outcome, Reason::Timeout);
}

TEST(CallOutcome, HttpStatusTakesPrecedenceOverBody)
{
    EXPECT_EQ(outcomeFor(QByteArray(), 503).reason, Reason::HttpStatus);
    EXPECT_EQ(outcomeFor(QByteArrayLiteral("<html/>"), 404).reason, Reason::HttpStatus);
}

// Scenario 10: a web call's payload (null numbers) is built, signed and verified without trouble.
TEST(CallOutcome, WebCallPayloadIsSignedAndVerified)
{
    dockside::contract::EventOptions options;
    options.callType = dockside::contract::CallType::WebCall;
    options.phoneNumberId = QString();
    const QByteArray body = dockside::contract::serializeEvent(dockside::contract::buildEventPayload(options));
    EXPECT_TRUE(body.contains("\"number\":null")) << body.toStdString();

    const QByteArray secret = QByteArrayLiteral("whsec_web");
    const qint64 now = 1765627200;
    dockside::contract::SignatureInput check;
    check.body = body;
    check.secret = secret;
    check.timestampHeader = QByteArray::number(now);
    check.signatureHeader = dockside::contract::signatureHeaderValue(secret, now, body);
    check.now = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
    const auto result = dockside::contract::verifySignature(check);
    EXPECT_EQ(result.status, dockside::contract::SignatureStatus::Valid);
    EXPECT_EQ(result.signedString, QByteArray::number(now) + '.' + body);

    // The answer to a web call is judged like any other.
    EXPECT_EQ(outcomeFor(QByteArrayLiteral("{}")).reason, Reason::Default);
}

TEST(CallOutcome, ReasonCodesMatchContract)
{
    EXPECT_EQ(reasonCode(Reason::Timeout), QStringLiteral("timeout"));
    EXPECT_EQ(reasonCode(Reason::Unreachable), QStringLiteral("unreachable"));
    EXPECT_EQ(reasonCode(Reason::HttpStatus), QStringLiteral("http_status"));
    EXPECT_EQ(reasonCode(Reason::EmptyBody), QStringLiteral("empty_body"));
    EXPECT_EQ(reasonCode(Reason::InvalidJson), QStringLiteral("invalid_json"));
    EXPECT_EQ(reasonCode(Reason::Rejected), QStringLiteral("rejected"));
    EXPECT_EQ(reasonCode(Reason::InvalidResponse), QStringLiteral("invalid_response"));
    EXPECT_EQ(reasonCode(Reason::Default), QStringLiteral("default"));
    EXPECT_EQ(reasonCode(Reason::Override), QStringLiteral("override"));
}

TEST(CallOutcome, OutcomeToJsonForOverride)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("duration-limit")), 200, 250);
    const QJsonObject json = dockside::contract::outcomeToJson(outcome);
    EXPECT_EQ(json.value(QStringLiteral("disposition")).toString(), QStringLiteral("answered"));
    EXPECT_EQ(json.value(QStringLiteral("reason")).toString(), QStringLiteral("override"));
    EXPECT_EQ(json.value(QStringLiteral("reason_source")).toString(), QStringLiteral("seed"));
    EXPECT_FALSE(json.value(QStringLiteral("uses_default_assistant")).toBool(true));
    EXPECT_EQ(json.value(QStringLiteral("deadline_ms")), QJsonValue(5000));
    EXPECT_EQ(json.value(QStringLiteral("latency_ms")), QJsonValue(250));
    EXPECT_EQ(json.value(QStringLiteral("max_duration_seconds")), QJsonValue(300));
    EXPECT_EQ(json.value(QStringLiteral("spoken_first")).toString(),
              defaultAssistant().value(QStringLiteral("first_message")).toString());
    EXPECT_FALSE(json.value(QStringLiteral("analysis_enabled")).toBool(true));
    EXPECT_TRUE(json.value(QStringLiteral("analysis_prompt")).isArray());
    EXPECT_EQ(json.value(QStringLiteral("effective_assistant")).toObject(), outcome.effectiveAssistant);
    EXPECT_TRUE(json.value(QStringLiteral("violations")).toArray().isEmpty());
    EXPECT_TRUE(json.value(QStringLiteral("warnings")).toArray().isEmpty());

    const QJsonArray changes = json.value(QStringLiteral("changes")).toArray();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.at(0).toObject(),
              (QJsonObject {{QStringLiteral("path"), QStringLiteral("$.max_duration_seconds")},
                            {QStringLiteral("default"), 600},
                            {QStringLiteral("effective"), 300}}));
}

TEST(CallOutcome, OutcomeToJsonAddedKeyHasNullDefault)
{
    const CallOutcome outcome =
        outcomeFor(QByteArrayLiteral(R"({"assistant": {"tts_config": {"use_speaker_boost": true}}})"));
    ASSERT_EQ(outcome.reason, Reason::Override);
    const QJsonArray changes = dockside::contract::outcomeToJson(outcome).value(QStringLiteral("changes")).toArray();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.at(0).toObject().value(QStringLiteral("path")).toString(),
              QStringLiteral("$.tts_config.use_speaker_boost"));
    EXPECT_TRUE(changes.at(0).toObject().value(QStringLiteral("default")).isNull());
    EXPECT_EQ(changes.at(0).toObject().value(QStringLiteral("effective")), QJsonValue(true));
}

TEST(CallOutcome, OutcomeToJsonForRejectionOmitsAssistant)
{
    const CallOutcome outcome = outcomeFor(
        QByteArrayLiteral(R"({"error": "Closed.", "assistant": {"first_message": "Hi"}})"), 200, std::nullopt);
    const QJsonObject json = dockside::contract::outcomeToJson(outcome);
    EXPECT_EQ(json.value(QStringLiteral("disposition")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(json.value(QStringLiteral("reason")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(json.value(QStringLiteral("spoken_first")).toString(), QStringLiteral("Closed."));
    EXPECT_FALSE(json.value(QStringLiteral("uses_default_assistant")).toBool(true));
    EXPECT_TRUE(json.value(QStringLiteral("latency_ms")).isNull());
    EXPECT_FALSE(json.contains(QStringLiteral("effective_assistant")));
    const QJsonArray warnings = json.value(QStringLiteral("warnings")).toArray();
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.at(0).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("$.assistant"));
    EXPECT_EQ(warnings.at(0).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("assumed"));
}

TEST(CallOutcome, OutcomeToJsonListsViolations)
{
    const CallOutcome outcome = outcomeFor(QByteArrayLiteral(R"({"max_duration_seconds": "300"})"));
    const QJsonObject json = dockside::contract::outcomeToJson(outcome);
    EXPECT_EQ(json.value(QStringLiteral("reason")).toString(), QStringLiteral("invalid_response"));
    EXPECT_TRUE(json.value(QStringLiteral("uses_default_assistant")).toBool(false));
    const QJsonArray violations = json.value(QStringLiteral("violations")).toArray();
    ASSERT_EQ(violations.size(), 1);
    EXPECT_EQ(violations.at(0).toObject().value(QStringLiteral("path")).toString(),
              QStringLiteral("$.max_duration_seconds"));
    EXPECT_FALSE(violations.at(0).toObject().value(QStringLiteral("message")).toString().isEmpty());
}

TEST(CallOutcome, OutcomeToTextNamesReasonAndChanges)
{
    const CallOutcome outcome = outcomeFor(seedAnswer(QStringLiteral("duration-limit")), 200, 250);
    const QString text = dockside::contract::outcomeToText(outcome);
    EXPECT_TRUE(text.contains(QLatin1String("override"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("$.max_duration_seconds: 600 -> 300"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("250 ms of 5000 ms"))) << text.toStdString();
}

} // namespace

TEST(CallOutcome, TheHistoryRowsOutcomeAgreesWithTheFullOneOnWhatTheRowKeeps)
{
    const QList<QByteArray> bodies {
        R"({"assistant":{"first_message":"Hallo!","stt_config":{"provider":"deepgram","language":"de"}}})",
        R"({"error":"Closed today."})",
        R"({"assistant":{"first_message":42}})",
        R"({})",
        R"(not json)",
        R"({"assistant":{"analysis_plan":{"structured_data_plan":{"enabled":true,"schema":{"type":"object"}}}}})",
        R"({"max_duration_seconds":60})",
        R"({"assistant":{"firstMessage":"Hi","id":"asst_1","first_message":"Hello"},"extra":1})"};
    for (const QByteArray &body : bodies) {
        OutcomeInput input = inputWithBody(body);
        const CallOutcome full = computeOutcome(input);
        input.forHistoryRow = true;
        const CallOutcome row = computeOutcome(input);
        EXPECT_EQ(row.disposition, full.disposition) << body.toStdString();
        EXPECT_EQ(row.reason, full.reason) << body.toStdString();
        EXPECT_EQ(row.spokenFirst, full.spokenFirst) << body.toStdString();
        EXPECT_TRUE(row.changes.isEmpty()) << "the row skips the diff: " << body.toStdString();
        EXPECT_TRUE(row.warnings.isEmpty()) << "the row skips the warnings: " << body.toStdString();
    }
}
