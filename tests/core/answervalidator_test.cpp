// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/answervalidator.h"

#include "base/parsing.h"
#include "qtprinters.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::contract::AnswerValidation;
using dockside::contract::AnswerValidator;
using dockside::contract::Finding;
using dockside::contract::Findings;
using dockside::contract::Severity;

AnswerValidation validate(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << json.toStdString();
    return AnswerValidator::instance().validate(document.object());
}

QStringList pathsOf(const Findings &findings)
{
    QStringList paths;
    for (const Finding &finding : findings)
        paths.append(finding.path);
    return paths;
}

std::string describe(const Findings &findings)
{
    std::string text;
    for (const Finding &finding : findings)
        text += QString(finding.path + QStringLiteral(": ") + finding.message + QLatin1Char('\n')).toStdString();
    return text;
}

QJsonObject answerWithMessage(const QJsonObject &message)
{
    return QJsonObject {{QStringLiteral("assistant"),
                         QJsonObject {{QStringLiteral("llm_config"),
                                       QJsonObject {{QStringLiteral("messages"), QJsonArray {message}}}}}}};
}

TEST(AnswerValidator, SeedAnswersAreValidWithoutWarnings)
{
    const QDir directory(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/answers"));
    const QStringList files = directory.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    ASSERT_EQ(files.size(), 7) << directory.absolutePath().toStdString();
    for (const QString &name : files) {
        QFile file(directory.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
        const AnswerValidation result = validate(file.readAll());
        EXPECT_TRUE(result.isValid()) << name.toStdString() << "\n" << describe(result.violations);
        EXPECT_TRUE(result.violations.isEmpty()) << name.toStdString();
        EXPECT_TRUE(result.warnings.isEmpty()) << name.toStdString() << "\n" << describe(result.warnings);
    }
}

TEST(AnswerValidator, EmptyAnswerIsValid)
{
    const AnswerValidation result = AnswerValidator::instance().validate(QJsonObject {});
    EXPECT_TRUE(result.isValid());
    EXPECT_TRUE(result.warnings.isEmpty());
}

TEST(AnswerValidator, MaxDurationAsStringIsViolation)
{
    const AnswerValidation result = validate(R"({"max_duration_seconds": "300"})");
    ASSERT_EQ(result.violations.size(), 1) << describe(result.violations);
    EXPECT_EQ(result.violations.at(0).path, QStringLiteral("$.max_duration_seconds"));
    EXPECT_EQ(result.violations.at(0).severity, Severity::Error);
    EXPECT_TRUE(result.violations.at(0).message.contains(QLatin1String("the string \"300\"")))
        << result.violations.at(0).message.toStdString();
}

TEST(AnswerValidator, MaxDurationZeroIsViolation)
{
    const AnswerValidation result = validate(R"({"max_duration_seconds": 0})");
    EXPECT_EQ(pathsOf(result.violations), QStringList {QStringLiteral("$.max_duration_seconds")});
}

TEST(AnswerValidator, MaxDurationNegativeIsViolation)
{
    const AnswerValidation result = validate(R"({"max_duration_seconds": -5})");
    EXPECT_EQ(pathsOf(result.violations), QStringList {QStringLiteral("$.max_duration_seconds")});
}

TEST(AnswerValidator, MaxDurationFractionIsViolation)
{
    const AnswerValidation result = validate(R"({"max_duration_seconds": 2.5})");
    EXPECT_EQ(pathsOf(result.violations), QStringList {QStringLiteral("$.max_duration_seconds")});
}

TEST(AnswerValidator, MaxDurationPositiveIntegerIsValid)
{
    for (const QByteArray &json :
         {QByteArrayLiteral(R"({"max_duration_seconds": 1})"), QByteArrayLiteral(R"({"max_duration_seconds": 300})"),
          QByteArrayLiteral(R"({"max_duration_seconds": 3600})")})
        EXPECT_TRUE(validate(json).isValid()) << json.toStdString();
}

TEST(AnswerValidator, UnknownTopLevelKeyIsWarningNotViolation)
{
    const AnswerValidation result = validate(R"({"voice": "alloy"})");
    EXPECT_TRUE(result.isValid()) << describe(result.violations);
    ASSERT_EQ(result.warnings.size(), 1) << describe(result.warnings);
    EXPECT_EQ(result.warnings.at(0).path, QStringLiteral("$.voice"));
    EXPECT_EQ(result.warnings.at(0).severity, Severity::Warning);
}

TEST(AnswerValidator, UnknownAssistantKeyIsWarningWithPath)
{
    const AnswerValidation result = validate(R"({"assistant": {"first_message": "Hi", "voice_id": "alloy"}})");
    EXPECT_TRUE(result.isValid()) << describe(result.violations);
    EXPECT_EQ(pathsOf(result.warnings), QStringList {QStringLiteral("$.assistant.voice_id")});
}

TEST(AnswerValidator, UnknownKeyWithOddCharactersIsQuotedInPath)
{
    const AnswerValidation result = validate(R"({"assistant": {"voice-id": "alloy"}})");
    EXPECT_EQ(pathsOf(result.warnings), QStringList {QStringLiteral("$.assistant[\"voice-id\"]")});
}

// The SDK's llm_config names every key (CONTRACT.md §3a): another one is a likely typo, so a warning, never a
// violation.
TEST(AnswerValidator, ExtraLlmConfigKeysAreWarnedAboutNotRefused)
{
    const AnswerValidation result = validate(
        R"({"assistant": {"llm_config": {"provider": "openai", "model": "gpt-4o", "temperature": 0.2,
            "max_tokens": 250, "messages": [{"role": "system", "content": "Be brief."}]}}})");
    EXPECT_TRUE(result.isValid()) << describe(result.violations);
    EXPECT_EQ(pathsOf(result.warnings), QStringList {QStringLiteral("$.assistant.llm_config.max_tokens")});
}

TEST(AnswerValidator, WrongMessageRoleIsViolationAtItsPath)
{
    const AnswerValidation result = AnswerValidator::instance().validate(answerWithMessage(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("robot")}, {QStringLiteral("content"), QStringLiteral("Hi")}}));
    ASSERT_EQ(result.violations.size(), 1) << describe(result.violations);
    EXPECT_EQ(result.violations.at(0).path, QStringLiteral("$.assistant.llm_config.messages[0].role"));
    EXPECT_EQ(result.violations.at(0).source, dockside::contract::Source::Sdk);
    EXPECT_TRUE(result.violations.at(0).message.contains(QLatin1String("robot")))
        << result.violations.at(0).message.toStdString();
}

TEST(AnswerValidator, MissingMessageContentIsViolation)
{
    const AnswerValidation result = AnswerValidator::instance().validate(
        answerWithMessage(QJsonObject {{QStringLiteral("role"), QStringLiteral("system")}}));
    ASSERT_EQ(result.violations.size(), 1) << describe(result.violations);
    EXPECT_EQ(result.violations.at(0).path, QStringLiteral("$.assistant.llm_config.messages[0]"));
    EXPECT_TRUE(result.violations.at(0).message.contains(QLatin1String("content")))
        << result.violations.at(0).message.toStdString();
}

TEST(AnswerValidator, ViolationInLaterMessageNamesItsIndex)
{
    const AnswerValidation result = validate(
        R"({"assistant": {"llm_config": {"messages": [{"role": "system", "content": "a"},
            {"role": "user", "content": 42}]}}})");
    EXPECT_EQ(pathsOf(result.violations), QStringList {QStringLiteral("$.assistant.llm_config.messages[1].content")});
}

TEST(AnswerValidator, UnknownProviderIsViolation)
{
    const AnswerValidation result = validate(R"({"assistant": {"llm_config": {"provider": "anthropic"}}})");
    ASSERT_EQ(result.violations.size(), 1) << describe(result.violations);
    EXPECT_EQ(result.violations.at(0).path, QStringLiteral("$.assistant.llm_config.provider"));
    EXPECT_TRUE(result.violations.at(0).message.contains(QLatin1String("anthropic")));
}

TEST(AnswerValidator, EveryKnownProviderIsValid)
{
    for (const auto &provider :
         {QStringLiteral("openai"), QStringLiteral("xai"), QStringLiteral("mistral"), QStringLiteral("google"),
          QStringLiteral("google_realtime"), QStringLiteral("xai_realtime"), QStringLiteral("openai_live")}) {
        const QJsonObject answer {
            {QStringLiteral("assistant"),
             QJsonObject {{QStringLiteral("llm_config"), QJsonObject {{QStringLiteral("provider"), provider}}}}}};
        EXPECT_TRUE(AnswerValidator::instance().validate(answer).isValid()) << provider.toStdString();
    }
}

TEST(AnswerValidator, NestedTypeErrorsHaveFullPaths)
{
    const AnswerValidation result = validate(
        R"({"assistant": {"first_message": 7, "llm_config": {"model": ""},
            "analysis_plan": {"structured_data_plan": {"enabled": "yes",
                "messages": [{"role": "assistant", "content": "x"}]}}}})");
    QStringList paths = pathsOf(result.violations);
    paths.sort();
    EXPECT_EQ(
        paths,
        (QStringList {QStringLiteral("$.assistant.analysis_plan.structured_data_plan.enabled"),
                      QStringLiteral("$.assistant.analysis_plan.structured_data_plan.messages[0].role"),
                      QStringLiteral("$.assistant.first_message"), QStringLiteral("$.assistant.llm_config.model")}))
        << describe(result.violations);
}

TEST(AnswerValidator, AssistantNotAnObjectIsViolation)
{
    const AnswerValidation result = validate(R"({"assistant": "friendly"})");
    EXPECT_EQ(pathsOf(result.violations), QStringList {QStringLiteral("$.assistant")});
}

TEST(AnswerValidator, BlankErrorIsViolation)
{
    EXPECT_EQ(pathsOf(validate(R"({"error": "   "})").violations), QStringList {QStringLiteral("$.error")});
    EXPECT_EQ(pathsOf(validate(R"({"error": 1})").violations), QStringList {QStringLiteral("$.error")});
    EXPECT_TRUE(validate(R"({"error": "Closed."})").isValid());
}

TEST(AnswerValidator, AnalysisEnabledWithoutTranscriptIsWarning)
{
    const AnswerValidation result = validate(
        R"({"assistant": {"analysis_plan": {"structured_data_plan": {"enabled": true,
            "schema": {"type": "object"},
            "messages": [{"role": "system", "content": "Extract {{schema}}"}]}}}})");
    EXPECT_TRUE(result.isValid()) << describe(result.violations);
    EXPECT_EQ(pathsOf(result.warnings),
              QStringList {QStringLiteral("$.assistant.analysis_plan.structured_data_plan.messages")})
        << describe(result.warnings);
}

TEST(AnswerValidator, AnalysisDisabledWithoutTranscriptIsNotWarned)
{
    const AnswerValidation result = validate(
        R"({"assistant": {"analysis_plan": {"structured_data_plan": {"enabled": false,
            "messages": [{"role": "system", "content": "Extract"}]}}}})");
    EXPECT_TRUE(result.isValid());
    EXPECT_TRUE(result.warnings.isEmpty()) << describe(result.warnings);
}

TEST(AnswerValidator, BlankGreetingIsWarning)
{
    const AnswerValidation result = validate(R"({"assistant": {"first_message": "  "}})");
    EXPECT_TRUE(result.isValid());
    EXPECT_EQ(pathsOf(result.warnings), QStringList {QStringLiteral("$.assistant.first_message")});
}

TEST(AnswerValidator, JsonPathHelpers)
{
    EXPECT_EQ(dockside::base::parsing::child(QStringLiteral("$"), QStringLiteral("assistant")),
              QStringLiteral("$.assistant"));
    EXPECT_EQ(dockside::base::parsing::child(QStringLiteral("$"), QStringLiteral("a b")), QStringLiteral("$[\"a b\"]"));
    EXPECT_EQ(dockside::base::parsing::child(QStringLiteral("$"), QStringLiteral("say \"hi\"")),
              QStringLiteral("$[\"say \\\"hi\\\"\"]"));
    EXPECT_EQ(dockside::base::parsing::index(QStringLiteral("$.messages"), 3), QStringLiteral("$.messages[3]"));
    EXPECT_EQ(dockside::base::parsing::describe(QJsonValue(QStringLiteral("300"))),
              QStringLiteral("the string \"300\""));
    EXPECT_EQ(dockside::base::parsing::describe(QJsonValue(QJsonValue::Null)), QStringLiteral("null"));
    EXPECT_EQ(dockside::base::parsing::describe(QJsonArray {}), QStringLiteral("an array"));
}

} // namespace
