// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/keysuggestion.h"
#include "base/loaderror.h"
#include "base/parsing.h"
#include "contract/answervalidator.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "qtprinters.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using namespace dockside;

const QStringList kKeys {QStringLiteral("first_message"), QStringLiteral("llm_config"), QStringLiteral("model"),
                         QStringLiteral("max_duration_seconds"), QStringLiteral("id")};

TEST(KeySuggestion, AnotherSpellingOfTheSameWordsIsSuggested)
{
    for (const char *spelling : {"firstMessage", "FirstMessage", "First_Message", "first-message", "FIRST_MESSAGE"})
        EXPECT_EQ(base::nearestKey(QString::fromLatin1(spelling), kKeys), QStringLiteral("first_message")) << spelling;
    EXPECT_EQ(base::nearestKey(QStringLiteral("maxDurationSeconds"), kKeys), QStringLiteral("max_duration_seconds"));
}

TEST(KeySuggestion, SmallTyposAreSuggestedAndGuessesAreNot)
{
    EXPECT_EQ(base::nearestKey(QStringLiteral("frist_message"), kKeys), QStringLiteral("first_message"));
    EXPECT_EQ(base::nearestKey(QStringLiteral("modle"), kKeys), QStringLiteral("model"));
    EXPECT_EQ(base::nearestKey(QStringLiteral("llm_confg"), kKeys), QStringLiteral("llm_config"));
    EXPECT_FALSE(base::nearestKey(QStringLiteral("ok"), kKeys)) << "two letters are no typo of \"id\"";
    EXPECT_FALSE(base::nearestKey(QStringLiteral("greeting"), kKeys));
    EXPECT_FALSE(base::nearestKey(QStringLiteral("first_message"), kKeys)) << "a known key needs no suggestion";
    EXPECT_TRUE(base::didYouMean(QStringLiteral("greeting"), kKeys).isEmpty());
}

TEST(KeySuggestion, TheAnswerValidatorSuggestsAtAnyDepth)
{
    const QJsonObject answer = QJsonDocument::fromJson(R"({"assistant": {"firstMessage": "Hi",
        "llm_config": {"provider": "openai", "modle": "gpt-4o"}}, "maxDurationSeconds": 60})")
                                   .object();
    const contract::AnswerValidation validation = contract::AnswerValidator::instance().validate(answer);
    QStringList messages;
    for (const contract::Finding &warning : validation.warnings)
        messages << warning.path + QLatin1Char(' ') + warning.message;
    const auto has = [&](const QString &text) {
        return std::any_of(messages.cbegin(), messages.cend(), [&](const QString &m) { return m.contains(text); });
    };
    EXPECT_TRUE(has(QStringLiteral("$.assistant.firstMessage Unknown key \"firstMessage\": the platform ignores it. "
                                   "Did you mean \"first_message\"?")))
        << messages.join(u'\n').toStdString();
    EXPECT_TRUE(has(QStringLiteral("$.assistant.llm_config.modle Unknown key \"modle\": the platform ignores it. Did "
                                   "you mean \"model\"?")))
        << messages.join(u'\n').toStdString();
    EXPECT_TRUE(has(QStringLiteral("Did you mean \"max_duration_seconds\"?"))) << messages.join(u'\n').toStdString();
}

TEST(KeySuggestion, WorkspaceFilesSuggestTooAndAnswersEqualToTheDefaultSaySoFirst)
{
    QList<base::LoadError> errors;
    base::parsing::rejectUnknownKeys(QJsonObject {{QStringLiteral("delayMs"), 3}}, QStringLiteral("$"),
                                     {QStringLiteral("delay_ms"), QStringLiteral("status")}, errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.first().message.endsWith(QStringLiteral("Did you mean \"delay_ms\"?")))
        << errors.first().message.toStdString();

    const QJsonObject defaults = contract::builtinDefaultAssistant();
    contract::OutcomeInput input;
    input.defaultAssistant = defaults;
    input.exchange.body =
        QJsonDocument(QJsonObject {{QStringLiteral("assistant"),
                                    QJsonObject {{QStringLiteral("first_message"), defaults.value(u"first_message")}}}})
            .toJson();
    const contract::CallOutcome same = contract::computeOutcome(input);
    EXPECT_EQ(same.reason, contract::Reason::Override);
    EXPECT_TRUE(same.overridesNothing);
    EXPECT_TRUE(same.explanation.contains(QStringLiteral("every one equals the default")))
        << same.explanation.toStdString();
    // The CLI's headline line says it too.
    EXPECT_TRUE(contract::outcomeToText(same).startsWith(
        QStringLiteral("Outcome:   ANSWERED, with overrides, all equal to the default (override)")))
        << contract::outcomeToText(same).toStdString();
    input.exchange.body = R"({"assistant": {"first_message": "Something else"}})";
    EXPECT_FALSE(contract::computeOutcome(input).overridesNothing);
    EXPECT_TRUE(contract::outcomeToText(contract::computeOutcome(input))
                    .startsWith(QStringLiteral("Outcome:   ANSWERED, with overrides (override)")));
}

} // namespace
