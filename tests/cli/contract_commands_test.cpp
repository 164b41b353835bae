// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

namespace {

// The HMAC of the known vector in shared/ENGINEERING.md, computed once with openssl.
const QByteArray kKnownVectorSignature =
    QByteArrayLiteral("sha256=b7875b4bd3cc6c5c1a4453189b5fa746880c17cb42258530a7355906dbc5ec1d");

QProcessEnvironment secretEnvironment(const QString &secret,
                                      const QString &variable = QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"))
{
    QProcessEnvironment environment;
    environment.insert(variable, secret);
    return environment;
}

QJsonObject outcomeJson(const QStringList &arguments)
{
    const CliResult result = runCli(QStringList {QStringLiteral("outcome"), QStringLiteral("--json")} + arguments);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    return QJsonDocument::fromJson(result.out).object();
}

struct SeedAnswer {
    const char *file;
    const char *disposition;
    const char *reason;
};

class SeedAnswerOutcome : public ::testing::TestWithParam<SeedAnswer> { };

} // namespace

TEST_P(SeedAnswerOutcome, IsValidAndHasTheExpectedOutcome)
{
    const QString file = testData(QStringLiteral("answers/") + QLatin1String(GetParam().file));
    const CliResult validation = runCli({QStringLiteral("validate"), file});
    EXPECT_EQ(validation.exitCode, 0) << validation.out.toStdString();
    EXPECT_TRUE(validation.out.contains(": valid (0 violation(s)")) << validation.out.toStdString();

    const QJsonObject outcome = outcomeJson({file});
    EXPECT_EQ(outcome.value(QStringLiteral("disposition")).toString(), QLatin1String(GetParam().disposition));
    EXPECT_EQ(outcome.value(QStringLiteral("reason")).toString(), QLatin1String(GetParam().reason));
}

INSTANTIATE_TEST_SUITE_P(SeedExamples, SeedAnswerOutcome,
                         ::testing::Values(SeedAnswer {"default.json", "answered", "default"},
                                           SeedAnswer {"personalize-greeting.json", "answered", "override"},
                                           SeedAnswer {"override-llm.json", "answered", "override"},
                                           SeedAnswer {"duration-limit.json", "answered", "override"},
                                           SeedAnswer {"reject.json", "rejected", "rejected"},
                                           SeedAnswer {"call-analysis.json", "answered", "override"},
                                           SeedAnswer {"crm-welcome-back.json", "answered", "override"}),
                         [](const auto &paramInfo) {
                             std::string name = paramInfo.param.file;
                             name = name.substr(0, name.find('.'));
                             std::erase(name, '-');
                             return name;
                         });

TEST(CliOutcome, GreetingIsWhatTheCallerHears)
{
    const QJsonObject outcome = outcomeJson({testData(QStringLiteral("answers/personalize-greeting.json"))});
    EXPECT_EQ(outcome.value(QStringLiteral("spoken_first")).toString(),
              QStringLiteral("Hello John, great to hear from you! How can I help?"));
}

// CONTRACT.md §3a: the answer that switches a German caller to German recognition and voice, which Dockside once
// called "Unknown key" three times.
TEST(CliOutcome, TheWholeAssistantNamesRecognitionLanguageAndVoice)
{
    const QString file = testData(QStringLiteral("whole-assistant/german-caller.json"));
    const CliResult text = runCli({QStringLiteral("outcome"), file});
    EXPECT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(QByteArrayLiteral("Listens:   Deepgram nova-3, German (de)")))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QByteArrayLiteral("Voice:     ElevenLabs voice abc"))) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QByteArrayLiteral("Voicemail: detected"))) << text.out.toStdString();
    EXPECT_FALSE(text.out.contains(QByteArrayLiteral("Unknown key"))) << text.out.toStdString();

    const QJsonObject experience = outcomeJson({file}).value(QStringLiteral("caller_experience")).toObject();
    EXPECT_EQ(experience.value(QStringLiteral("recognition")).toObject().value(QStringLiteral("language")).toString(),
              QStringLiteral("de"));
    EXPECT_EQ(experience.value(QStringLiteral("voice")).toObject().value(QStringLiteral("voice_id")).toString(),
              QStringLiteral("abc"));

    const CliResult validation = runCli({QStringLiteral("validate"), file});
    EXPECT_EQ(validation.exitCode, 0) << validation.out.toStdString();
    EXPECT_FALSE(validation.out.contains(QByteArrayLiteral("Unknown key"))) << validation.out.toStdString();
}

TEST(CliOutcome, RejectionSpeaksTheErrorMessage)
{
    const CliResult result = runCli({QStringLiteral("outcome"), testData(QStringLiteral("answers/reject.json"))});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains("REJECTED")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("Sorry, we are currently closed.")) << result.out.toStdString();
}

TEST(CliOutcome, MessagesOnlyLlmConfigKeepsTheDefaultProviderAndModel)
{
    const QJsonObject outcome =
        outcomeJson({testData(QStringLiteral("answers/crm-welcome-back.json")), QStringLiteral("--assistant"),
                     testData(QStringLiteral("assistants/custom-default.json"))});
    const QJsonObject llm =
        outcome.value(QStringLiteral("effective_assistant")).toObject().value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("provider")).toString(), QStringLiteral("mistral"));
    EXPECT_EQ(llm.value(QStringLiteral("model")).toString(), QStringLiteral("mistral-large"));
    EXPECT_TRUE(llm.value(QStringLiteral("messages"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .startsWith(QStringLiteral("You are speaking with John Smith")));
    EXPECT_EQ(outcome.value(QStringLiteral("max_duration_seconds")).toInt(), 900);
}

TEST(CliOutcome, DurationLimitReplacesTheDefault)
{
    const QJsonObject outcome = outcomeJson({testData(QStringLiteral("answers/duration-limit.json"))});
    EXPECT_EQ(outcome.value(QStringLiteral("max_duration_seconds")).toInt(), 300);
}

TEST(CliOutcome, AnalysisPromptIsRenderedWithTheSchemaAndASampleTranscript)
{
    const QJsonObject outcome = outcomeJson({testData(QStringLiteral("answers/call-analysis.json"))});
    EXPECT_TRUE(outcome.value(QStringLiteral("analysis_enabled")).toBool());
    const QJsonArray prompt = outcome.value(QStringLiteral("analysis_prompt")).toArray();
    ASSERT_EQ(prompt.size(), 2);
    const QString system = prompt.at(0).toObject().value(QStringLiteral("content")).toString();
    EXPECT_TRUE(system.contains(QStringLiteral("\"appointment_booked\""))) << system.toStdString();
    EXPECT_FALSE(system.contains(QStringLiteral("{{schema}}")));
    const QString user = prompt.at(1).toObject().value(QStringLiteral("content")).toString();
    EXPECT_TRUE(user.startsWith(QStringLiteral("Transcript: assistant: "))) << user.toStdString();
}

TEST(CliOutcome, LatencyAgainstTheDeadline)
{
    const QString file = testData(QStringLiteral("answers/personalize-greeting.json"));
    EXPECT_EQ(outcomeJson({file, QStringLiteral("--latency-ms"), QStringLiteral("4900")})
                  .value(QStringLiteral("reason"))
                  .toString(),
              QStringLiteral("override"));
    const QJsonObject late = outcomeJson({file, QStringLiteral("--latency-ms"), QStringLiteral("5100")});
    EXPECT_EQ(late.value(QStringLiteral("reason")).toString(), QStringLiteral("timeout"));
    EXPECT_EQ(late.value(QStringLiteral("spoken_first")).toString(),
              QStringLiteral("Goedendag, u spreekt met HMS Sovereign. Waarmee kan ik u helpen?"));
    EXPECT_EQ(outcomeJson({file, QStringLiteral("--latency-ms"), QStringLiteral("5100"),
                           QStringLiteral("--deadline-ms"), QStringLiteral("6000")})
                  .value(QStringLiteral("reason"))
                  .toString(),
              QStringLiteral("override"));
}

TEST(CliOutcome, EachBrokenAnswerHasItsOwnReason)
{
    const auto reasonOf = [](const QStringList &arguments) {
        return outcomeJson(arguments).value(QStringLiteral("reason")).toString();
    };
    const QString good = testData(QStringLiteral("answers/default.json"));
    EXPECT_EQ(reasonOf({good, QStringLiteral("--status"), QStringLiteral("500")}), QStringLiteral("http_status"));
    EXPECT_EQ(reasonOf({good, QStringLiteral("--unreachable"), QStringLiteral("connection refused")}),
              QStringLiteral("unreachable"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/empty.json"))}), QStringLiteral("empty_body"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/html-body.html"))}), QStringLiteral("invalid_json"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/truncated.json"))}), QStringLiteral("invalid_json"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/array.json"))}), QStringLiteral("invalid_json"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/duration-as-string.json"))}),
              QStringLiteral("invalid_response"));
    EXPECT_EQ(reasonOf({testData(QStringLiteral("bad-answers/blank-error.json"))}), QStringLiteral("invalid_response"));
}

TEST(CliOutcome, ErrorWithAssistantIsRejectedWithAWarning)
{
    const QJsonObject outcome = outcomeJson({testData(QStringLiteral("bad-answers/error-with-assistant.json"))});
    EXPECT_EQ(outcome.value(QStringLiteral("disposition")).toString(), QStringLiteral("rejected"));
    const QJsonArray warnings = outcome.value(QStringLiteral("warnings")).toArray();
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings.at(0).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("$.assistant"));
}

TEST(CliOutcome, InvalidDefaultAssistantIsAnInputError)
{
    const CliResult result =
        runCli({QStringLiteral("outcome"), testData(QStringLiteral("answers/default.json")),
                QStringLiteral("--assistant"), testData(QStringLiteral("bad-answers/truncated.json"))});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("truncated.json:1:")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("not valid JSON"));
}

TEST(CliValidate, ReportsEachViolationWithItsPath)
{
    const CliResult result =
        runCli({QStringLiteral("validate"), testData(QStringLiteral("bad-answers/duration-as-string.json"))});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.contains("error  $.max_duration_seconds: Expected a positive whole number of seconds; got "
                                    "the string \"300\"."))
        << result.out.toStdString();
}

TEST(CliValidate, JsonOutputListsViolations)
{
    const CliResult result = runCli({QStringLiteral("validate"), QStringLiteral("--json"),
                                     testData(QStringLiteral("bad-answers/duration-as-string.json"))});
    EXPECT_EQ(result.exitCode, 1);
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    EXPECT_FALSE(json.value(QStringLiteral("valid")).toBool(true));
    EXPECT_EQ(
        json.value(QStringLiteral("violations")).toArray().at(0).toObject().value(QStringLiteral("path")).toString(),
        QStringLiteral("$.max_duration_seconds"));
}

TEST(CliValidate, BrokenJsonGivesOneLineWithThePosition)
{
    const CliResult result =
        runCli({QStringLiteral("validate"), testData(QStringLiteral("bad-answers/truncated.json"))});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.count('\n'), 1) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("truncated.json:1:")) << result.err.toStdString();
}

TEST(CliSign, MatchesTheKnownVector)
{
    const CliResult result = runCli({QStringLiteral("sign"), testData(QStringLiteral("signing/body.json")),
                                     QStringLiteral("--timestamp"), QStringLiteral("1700000000")},
                                    secretEnvironment(QStringLiteral("whsec_test_secret_12345")));
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("X-Webhook-Timestamp: 1700000000\n"));
    EXPECT_TRUE(result.out.contains(QByteArray("X-Webhook-Signature: " + kKnownVectorSignature + "\n")))
        << result.out.toStdString();
}

TEST(CliSign, ReadsTheSecretFromTheNamedVariable)
{
    const CliResult result =
        runCli({QStringLiteral("sign"), testData(QStringLiteral("signing/body.json")), QStringLiteral("--timestamp"),
                QStringLiteral("1700000000"), QStringLiteral("--secret-env"), QStringLiteral("MY_HOOK_SECRET")},
               secretEnvironment(QStringLiteral("whsec_test_secret_12345"), QStringLiteral("MY_HOOK_SECRET")));
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(kKnownVectorSignature));
}

TEST(CliSign, WithoutASecretSaysWhichVariableToSet)
{
    const CliResult result = runCli({QStringLiteral("sign"), testData(QStringLiteral("signing/body.json"))});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("DOCKSIDE_WEBHOOK_SECRET")) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty());
}

TEST(CliVerify, KnownVectorIsValid)
{
    const CliResult result =
        runCli({QStringLiteral("verify"), testData(QStringLiteral("signing/body.json")), QStringLiteral("--timestamp"),
                QStringLiteral("1700000000"), QStringLiteral("--signature"), QString::fromLatin1(kKnownVectorSignature),
                QStringLiteral("--now"), QStringLiteral("1700000100")},
               secretEnvironment(QStringLiteral("whsec_test_secret_12345")));
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString();
    EXPECT_TRUE(result.out.startsWith("valid (valid)"));
    EXPECT_TRUE(result.out.contains("Signed string: 1700000000.{\"test\":true}"));
}

TEST(CliVerify, EachFailureIsNamed)
{
    const auto verify = [](const QString &secret, const QString &now, bool withSignature) {
        QStringList arguments {QStringLiteral("verify"),      testData(QStringLiteral("signing/body.json")),
                               QStringLiteral("--timestamp"), QStringLiteral("1700000000"),
                               QStringLiteral("--now"),       now};
        if (withSignature)
            arguments << QStringLiteral("--signature") << QString::fromLatin1(kKnownVectorSignature);
        return runCli(arguments, secretEnvironment(secret));
    };
    const CliResult wrongSecret = verify(QStringLiteral("whsec_other"), QStringLiteral("1700000000"), true);
    EXPECT_EQ(wrongSecret.exitCode, 1);
    EXPECT_TRUE(wrongSecret.out.startsWith("INVALID (mismatch)")) << wrongSecret.out.toStdString();

    const CliResult stale = verify(QStringLiteral("whsec_test_secret_12345"), QStringLiteral("1700000301"), true);
    EXPECT_EQ(stale.exitCode, 1);
    EXPECT_TRUE(stale.out.startsWith("INVALID (stale_timestamp)")) << stale.out.toStdString();

    const CliResult missing = verify(QStringLiteral("whsec_test_secret_12345"), QStringLiteral("1700000000"), false);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(missing.out.startsWith("INVALID (missing_signature)")) << missing.out.toStdString();
}
