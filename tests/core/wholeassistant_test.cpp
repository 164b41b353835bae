// SPDX-License-Identifier: GPL-3.0-or-later

// CONTRACT.md §3a, key by key: each setting of the whole assistant right, with the wrong type, out of range, and
// under the wrong provider; the answer that switches a German caller to German recognition and voice.
#include "contract/answervalidator.h"
#include "contract/assistantsettings.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using namespace dockside::contract;

enum class Expect { Clean, Violation, Warning };

struct AssistantCase {
    const char *name;
    const char *assistant; // the answer's "assistant" object
    Expect expect;
    const char *path = ""; // where the finding is, for Violation and Warning
    const char *says = ""; // a part of the warning's text
};

void PrintTo(const AssistantCase &testCase, std::ostream *out)
{
    *out << testCase.name;
}

QJsonObject parsed(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << json;
    return document.object();
}

std::string describe(const Findings &findings)
{
    std::string text;
    for (const Finding &finding : findings)
        text += QString(finding.path + QStringLiteral(": ") + finding.message + QLatin1Char('\n')).toStdString();
    return text;
}

class WholeAssistantKey : public testing::TestWithParam<AssistantCase> { };

TEST_P(WholeAssistantKey, IsJudgedAsTheContractSays)
{
    const AssistantCase &testCase = GetParam();
    const QJsonObject answer {{QStringLiteral("assistant"), parsed(testCase.assistant)}};
    const AnswerValidation result = AnswerValidator::instance().validate(answer, builtinDefaultAssistant());
    const std::string all = describe(result.violations + result.warnings);
    switch (testCase.expect) {
    case Expect::Clean:
        EXPECT_TRUE(result.violations.isEmpty() && result.warnings.isEmpty()) << all;
        break;
    case Expect::Violation:
        ASSERT_FALSE(result.violations.isEmpty()) << all;
        EXPECT_EQ(result.violations.first().path, QLatin1String(testCase.path)) << all;
        break;
    case Expect::Warning: {
        EXPECT_TRUE(result.violations.isEmpty()) << all;
        const bool found = std::any_of(result.warnings.cbegin(), result.warnings.cend(), [&](const Finding &warning) {
            return warning.path == QLatin1String(testCase.path) &&
                warning.message.contains(QLatin1String(testCase.says));
        });
        EXPECT_TRUE(found) << all;
        break;
    }
    }
}

const AssistantCase kCases[] = {
    // Each key, right.
    {"greeting", R"({"first_message": "Hallo"})", Expect::Clean},
    {"greetingNull", R"({"first_message": null})", Expect::Clean},
    {"innerDuration", R"({"max_duration_seconds": 300})", Expect::Clean},
    {"innerDurationNull", R"({"max_duration_seconds": null})", Expect::Clean},
    {"businessName", R"({"business_name": "Zeiss"})", Expect::Clean},
    {"silence", R"({"autonomous_silence_handling": true, "silence_timeout_seconds": 12.5})", Expect::Clean},
    {"voicemail", R"({"voicemail_detection": true, "voicemail_message": "Bitte rufen Sie zurück."})", Expect::Clean},
    {"voicemailNull", R"({"voicemail_detection": null})", Expect::Clean},
    {"gdpr", R"({"gdpr_mode": false})", Expect::Clean},
    {"sttDeepgram", R"({"stt_config": {"provider": "deepgram", "model": "nova-3", "language": "de",
                        "keyterms": ["Rechnung"]}})",
     Expect::Clean},
    {"sttElevenLabs", R"({"stt_config": {"provider": "elevenlabs", "model": "scribe_v1", "tag_audio_events": true,
                          "include_timestamps": false, "sample_rate": 8000}})",
     Expect::Clean},
    {"sttGladia", R"({"stt_config": {"provider": "gladia", "languages": ["de", "nl"], "code_switching": true,
                      "region": "eu-west", "endpointing": 0.3, "custom_vocabulary": ["Sovereign"],
                      "translation_enabled": true, "translation_target_languages": ["en"]}})",
     Expect::Clean},
    {"sttMistral", R"({"stt_config": {"provider": "mistral", "model": "voxtral-mini"}})", Expect::Clean},
    {"llmRealtimeVoice", R"({"llm_config": {"provider": "xai_realtime", "model": "grok-4", "voice": "eve",
                             "temperature": 0.7}})",
     Expect::Clean},
    {"llmTools", R"({"llm_config": {"tools": [{"type": "function", "function": {"name": "check_order",
                     "description": "Looks up an order", "parameters": {"type": "object",
                     "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}},
                     "server": {"url": "https://tools.example.com/orders", "secret": "s3cret"}, "async": false}]}})",
     Expect::Clean},
    {"ttsElevenLabs", R"({"tts_config": {"provider": "elevenlabs", "voice_id": "abc", "model": "eleven_multilingual_v2",
                          "stability": 0, "similarity_boost": 1, "style": 0.3, "use_speaker_boost": true,
                          "speed": 2}})",
     Expect::Clean},
    {"ttsInworld", R"({"tts_config": {"provider": "inworld", "voice_id": "Hanna", "language": "de", "speed": 0.5}})",
     Expect::Warning, "$.assistant.tts_config.model", "(kept from the default assistant)"},
    {"analysisTemplate", R"({"analysis_plan": {"structured_data_plan": {"enabled": true, "template_id": "t-1"}}})",
     Expect::Clean},

    // Wrong type.
    {"greetingNumber", R"({"first_message": 5})", Expect::Violation, "$.assistant.first_message"},
    {"businessNameBool", R"({"business_name": true})", Expect::Violation, "$.assistant.business_name"},
    {"silenceString", R"({"autonomous_silence_handling": "yes"})", Expect::Violation,
     "$.assistant.autonomous_silence_handling"},
    {"silenceTimeoutString", R"({"autonomous_silence_handling": true, "silence_timeout_seconds": "10"})",
     Expect::Violation, "$.assistant.silence_timeout_seconds"},
    {"voicemailString", R"({"voicemail_detection": "true"})", Expect::Violation, "$.assistant.voicemail_detection"},
    {"gdprNumber", R"({"gdpr_mode": 1})", Expect::Violation, "$.assistant.gdpr_mode"},
    {"sttString", R"({"stt_config": "deepgram"})", Expect::Violation, "$.assistant.stt_config"},
    {"keytermsString", R"({"stt_config": {"keyterms": "Rechnung"}})", Expect::Violation,
     "$.assistant.stt_config.keyterms"},
    {"keytermNumber", R"({"stt_config": {"keyterms": [1]}})", Expect::Violation, "$.assistant.stt_config.keyterms[0]"},
    {"sampleRate", R"({"stt_config": {"provider": "elevenlabs", "sample_rate": 44100}})", Expect::Violation,
     "$.assistant.stt_config.sample_rate"},
    {"region", R"({"stt_config": {"provider": "gladia", "region": "ap-south"}})", Expect::Violation,
     "$.assistant.stt_config.region"},
    {"speedString", R"({"tts_config": {"speed": "fast"}})", Expect::Violation, "$.assistant.tts_config.speed"},
    {"temperatureString", R"({"llm_config": {"temperature": "hot"}})", Expect::Violation,
     "$.assistant.llm_config.temperature"},
    {"toolsObject", R"({"llm_config": {"tools": {"name": "x"}}})", Expect::Violation, "$.assistant.llm_config.tools"},
    {"toolWithoutFunction", R"({"llm_config": {"tools": [{"type": "function"}]}})", Expect::Violation,
     "$.assistant.llm_config.tools[0]"},
    {"toolType", R"({"llm_config": {"tools": [{"type": "webhook", "function": {"name": "x"}}]}})", Expect::Violation,
     "$.assistant.llm_config.tools[0].type"},
    {"toolName", R"({"llm_config": {"tools": [{"type": "function", "function": {"name": "check order"}}]}})",
     Expect::Violation, "$.assistant.llm_config.tools[0].function.name"},
    {"toolServer", R"({"llm_config": {"tools": [{"type": "function", "function": {"name": "x"},
                       "server": {"url": "ftp://tools"}}]}})",
     Expect::Violation, "$.assistant.llm_config.tools[0].server.url"},

    // Out of range.
    {"speedHigh", R"({"tts_config": {"speed": 3}})", Expect::Violation, "$.assistant.tts_config.speed"},
    {"speedLow", R"({"tts_config": {"speed": 0.4}})", Expect::Violation, "$.assistant.tts_config.speed"},
    {"stability", R"({"tts_config": {"stability": 1.5}})", Expect::Violation, "$.assistant.tts_config.stability"},
    {"similarity", R"({"tts_config": {"similarity_boost": -0.1}})", Expect::Violation,
     "$.assistant.tts_config.similarity_boost"},
    {"style", R"({"tts_config": {"style": 2}})", Expect::Violation, "$.assistant.tts_config.style"},
    {"temperatureHigh", R"({"llm_config": {"temperature": 2.5}})", Expect::Violation,
     "$.assistant.llm_config.temperature"},
    {"silenceTimeoutZero", R"({"silence_timeout_seconds": 0})", Expect::Violation,
     "$.assistant.silence_timeout_seconds"},
    {"innerDurationZero", R"({"max_duration_seconds": 0})", Expect::Violation, "$.assistant.max_duration_seconds"},
    {"endpointing", R"({"stt_config": {"provider": "gladia", "endpointing": -1}})", Expect::Violation,
     "$.assistant.stt_config.endpointing"},

    // Providers.
    {"sttProvider", R"({"stt_config": {"provider": "whisper"}})", Expect::Violation, "$.assistant.stt_config.provider"},
    {"ttsProvider", R"({"tts_config": {"provider": "azure"}})", Expect::Violation, "$.assistant.tts_config.provider"},
    {"realtimeVoiceName", R"({"llm_config": {"provider": "xai_realtime", "voice": "bob"}})", Expect::Violation,
     "$.assistant.llm_config.voice"},
    {"voiceUnderOpenAi", R"({"llm_config": {"voice": "ara"}})", Expect::Warning, "$.assistant.llm_config.voice",
     "xAI Realtime only: OpenAI ignores it"},
    {"styleUnderInworld", R"({"tts_config": {"provider": "inworld", "voice_id": "Hanna", "style": 0.2}})",
     Expect::Warning, "$.assistant.tts_config.style", "ElevenLabs only: Inworld ignores it."},
    {"keptFromDefault", R"({"tts_config": {"provider": "inworld", "voice_id": "Hanna"}})", Expect::Warning,
     "$.assistant.tts_config.stability", "(kept from the default assistant)"},
    {"languageUnderElevenLabs", R"({"tts_config": {"language": "de"}})", Expect::Warning,
     "$.assistant.tts_config.language", "Inworld only: ElevenLabs ignores it."},
    {"gladiaKeyUnderDeepgram", R"({"stt_config": {"code_switching": true}})", Expect::Warning,
     "$.assistant.stt_config.code_switching", "Gladia only: Deepgram ignores it."},
    {"elevenLabsKeyUnderGladia", R"({"stt_config": {"provider": "gladia", "sample_rate": 8000}})", Expect::Warning,
     "$.assistant.stt_config.sample_rate", "ElevenLabs only: Gladia ignores it."},
    {"staleProvider", R"({"llm_config": {"provider": "google", "model": "gemini-2.0-flash"}})", Expect::Warning,
     "$.assistant.llm_config.provider", "not in the current SDK (v1.0.1)"},

    // Keys a call cannot set, unknown keys, and settings that need another.
    {"webhookUrl", R"({"webhook_url": "https://evil.example.com"})", Expect::Warning, "$.assistant.webhook_url",
     "cannot be changed per call"},
    {"assistantName", R"({"name": "Other"})", Expect::Warning, "$.assistant.name", "cannot be changed per call"},
    {"unknownSttKey", R"({"stt_config": {"punctuate": true}})", Expect::Warning, "$.assistant.stt_config.punctuate",
     "Unknown key"},
    {"unknownLlmKey", R"({"llm_config": {"temprature": 0.2}})", Expect::Warning, "$.assistant.llm_config.temprature",
     "Unknown key"},
    {"voicemailMessageWithoutDetection", R"({"voicemail_detection": false, "voicemail_message": "Hi"})",
     Expect::Warning, "$.assistant.voicemail_message", "never left"},
    {"silenceTimeoutWithoutHandling", R"({"autonomous_silence_handling": false, "silence_timeout_seconds": 5})",
     Expect::Warning, "$.assistant.silence_timeout_seconds", "has no effect"},
    {"twoPlans", R"({"analysis_plan": {"structured_data_plan": {"enabled": true, "template_id": "t-1",
                     "schema": {"type": "object"}}}})",
     Expect::Warning, "$.assistant.analysis_plan.structured_data_plan.template_id", "not documented"},
};

INSTANTIATE_TEST_SUITE_P(Contract3a, WholeAssistantKey, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<AssistantCase> &caseInfo) { return caseInfo.param.name; });

QStringList schemaEnum(const QStringList &path)
{
    QJsonObject node = AnswerValidator::schemaDocument();
    for (const QString &key : path)
        node = node.value(QStringLiteral("properties")).toObject().value(key).toObject();
    QStringList values;
    for (const QJsonValue &value : node.value(QStringLiteral("enum")).toArray())
        values.append(value.toString());
    return values;
}

TEST(WholeAssistant, TheSchemaAndTheVocabularyNameTheSameProviders)
{
    const auto at = [](const char *config, const char *key) {
        return schemaEnum({QStringLiteral("assistant"), QString::fromLatin1(config), QString::fromLatin1(key)});
    };
    QStringList llm = knownLlmProviders() + staleLlmProviders();
    QStringList schemaLlm = at("llm_config", "provider");
    std::sort(llm.begin(), llm.end());
    std::sort(schemaLlm.begin(), schemaLlm.end());
    EXPECT_EQ(schemaLlm, llm);
    EXPECT_EQ(at("stt_config", "provider"), knownSttProviders());
    EXPECT_EQ(at("tts_config", "provider"), knownTtsProviders());
    EXPECT_EQ(at("llm_config", "voice"), xaiRealtimeVoices());
    EXPECT_FALSE(knownLlmProviders().contains(QStringLiteral("google")));
}

// The issue's own example: before §3a each of the three keys was "Unknown key: the platform ignores it".
const char kGermanCaller[] = R"({"assistant":{"stt_config":{"provider":"deepgram","model":"nova-3","language":"de"},
    "tts_config":{"provider":"elevenlabs","voice_id":"abc"},"voicemail_detection":true}})";

TEST(WholeAssistant, TheGermanCallerAnswerHasNoUnknownKeys)
{
    const AnswerValidation result =
        AnswerValidator::instance().validate(parsed(kGermanCaller), builtinDefaultAssistant());
    EXPECT_TRUE(result.isValid()) << describe(result.violations);
    EXPECT_TRUE(result.warnings.isEmpty()) << describe(result.warnings);
}

TEST(WholeAssistant, TheOutcomeNamesGermanRecognitionAndTheVoice)
{
    OutcomeInput input;
    input.defaultAssistant = builtinDefaultAssistant();
    input.exchange.body = kGermanCaller;
    input.exchange.latencyMs = 120;
    const CallOutcome outcome = computeOutcome(input);
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_EQ(outcome.assistant.sttLanguage, QStringLiteral("de"));
    EXPECT_EQ(outcome.assistant.ttsProvider, QStringLiteral("elevenlabs"));
    EXPECT_EQ(outcome.assistant.voiceId, QStringLiteral("abc"));
    const QString text = outcomeToText(outcome);
    EXPECT_TRUE(text.contains(QStringLiteral("Listens:   Deepgram nova-3, German (de)"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Voice:     ElevenLabs voice abc"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Voicemail: detected"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Unknown key"))) << text.toStdString();
    const QJsonObject json = outcomeToJson(outcome);
    const QJsonObject experience = json.value(QStringLiteral("caller_experience")).toObject();
    EXPECT_EQ(experience.value(QStringLiteral("recognition")).toObject().value(QStringLiteral("language")),
              QJsonValue(QStringLiteral("de")));
    EXPECT_EQ(experience.value(QStringLiteral("voice")).toObject().value(QStringLiteral("voice_id")),
              QJsonValue(QStringLiteral("abc")));
    // The diff shows every setting the answer changed.
    QStringList changed;
    for (const JsonChange &change : outcome.changes)
        changed.append(change.path);
    EXPECT_TRUE(changed.contains(QStringLiteral("$.stt_config.language")))
        << changed.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(changed.contains(QStringLiteral("$.tts_config.voice_id")))
        << changed.join(QLatin1Char(' ')).toStdString();
}

TEST(WholeAssistant, KeysACallCannotSetStayOutOfTheEffectiveAssistant)
{
    OutcomeInput input;
    input.defaultAssistant = builtinDefaultAssistant();
    input.exchange.body = R"({"assistant":{"first_message":"Hi","webhook_url":"https://elsewhere.example.com"}})";
    const CallOutcome outcome = computeOutcome(input);
    EXPECT_EQ(outcome.reason, Reason::Override);
    EXPECT_FALSE(outcome.effectiveAssistant.contains(QStringLiteral("webhook_url")));
    EXPECT_EQ(outcome.spokenFirst, QStringLiteral("Hi"));
}

TEST(WholeAssistant, TheOutcomeNamesTheToolsTheCallerCanUse)
{
    OutcomeInput input;
    input.defaultAssistant = builtinDefaultAssistant();
    input.exchange.body = R"({"assistant":{"llm_config":{"tools":[{"type":"function","function":{"name":"check_order",
        "parameters":{"type":"object","properties":{"order_id":{"type":"string"}}}}}]}}})";
    const CallOutcome outcome = computeOutcome(input);
    ASSERT_EQ(outcome.assistant.tools.size(), 1);
    EXPECT_EQ(toolsText(outcome.assistant), QStringLiteral("check_order(order_id)"));
    EXPECT_EQ(outcome.effectiveAssistant.value(QStringLiteral("llm_config")).toObject().value(QStringLiteral("model")),
              QJsonValue(QStringLiteral("gpt-4o-mini")));
}

TEST(WholeAssistant, TheBuiltInDefaultIsADutchNumbersAssistant)
{
    const AssistantSummary summary = summarizeAssistant(builtinDefaultAssistant());
    EXPECT_EQ(summary.sttProvider, QStringLiteral("deepgram"));
    EXPECT_EQ(summary.sttLanguage, QStringLiteral("nl"));
    EXPECT_EQ(summary.ttsProvider, QStringLiteral("elevenlabs"));
    EXPECT_FALSE(summary.voiceId.isEmpty());
    EXPECT_EQ(summary.llmProvider, QStringLiteral("openai"));
    EXPECT_EQ(recognitionText(summary), QStringLiteral("Deepgram nova-3, Dutch (nl)"));
    EXPECT_TRUE(validateDefaultAssistant(builtinDefaultAssistant()).isEmpty());
}

TEST(WholeAssistant, ADefaultAssistantMayHoldItsOwnIdentity)
{
    QJsonObject assistant = builtinDefaultAssistant();
    assistant.insert(QStringLiteral("id"), QStringLiteral("5d1f0c9e-1111-4a5b-9c3d-123456789abc"));
    assistant.insert(QStringLiteral("webhook_url"), QStringLiteral("https://hooks.example.com"));
    EXPECT_TRUE(validateDefaultAssistant(assistant).isEmpty());
}

} // namespace
