// SPDX-License-Identifier: GPL-3.0-or-later

#include "assistantsettings.h"

#include "base/parsing.h"

#include <QHash>
#include <QLocale>

namespace dockside::contract {

QStringList knownLlmProviders()
{
    return {QStringLiteral("openai"), QStringLiteral("xai"), QStringLiteral("xai_realtime"), QStringLiteral("mistral")};
}

QStringList commonLlmModels()
{
    return {QStringLiteral("gpt-4o"),
            QStringLiteral("gpt-4o-mini"),
            QStringLiteral("gpt-4.1"),
            QStringLiteral("gpt-4.1-mini"),
            QStringLiteral("grok-3"),
            QStringLiteral("grok-3-mini"),
            QStringLiteral("mistral-large-latest"),
            QStringLiteral("mistral-small-latest")};
}

QStringList staleLlmProviders()
{
    return {QStringLiteral("google"), QStringLiteral("google_realtime"), QStringLiteral("openai_live")};
}

QStringList knownSttProviders()
{
    return {QStringLiteral("deepgram"), QStringLiteral("elevenlabs"), QStringLiteral("gladia"),
            QStringLiteral("mistral")};
}

QStringList knownTtsProviders()
{
    return {QStringLiteral("elevenlabs"), QStringLiteral("inworld")};
}

QStringList xaiRealtimeVoices()
{
    return {QStringLiteral("ara"), QStringLiteral("rex"), QStringLiteral("sal"), QStringLiteral("eve"),
            QStringLiteral("leo")};
}

QStringList nonOverridableAssistantKeys()
{
    return {QStringLiteral("id"),
            QStringLiteral("name"),
            QStringLiteral("is_active"),
            QStringLiteral("notification_email"),
            QStringLiteral("webhook_url"),
            QStringLiteral("webhook_secret"),
            QStringLiteral("webhook_events"),
            QStringLiteral("created_at"),
            QStringLiteral("updated_at")};
}

QList<ProviderOnlyKey> providerOnlyKeys()
{
    const auto stt = QStringLiteral("stt_config");
    const auto tts = QStringLiteral("tts_config");
    const auto elevenLabs = QStringLiteral("elevenlabs");
    const auto gladia = QStringLiteral("gladia");
    QList<ProviderOnlyKey> keys;
    for (const char *key : {"tag_audio_events", "include_timestamps", "sample_rate"})
        keys.append({stt, QString::fromLatin1(key), elevenLabs});
    for (const char *key : {"languages", "code_switching", "region", "endpointing", "custom_vocabulary",
                            "translation_enabled", "translation_target_languages"})
        keys.append({stt, QString::fromLatin1(key), gladia});
    keys.append({QStringLiteral("llm_config"), QStringLiteral("voice"), QStringLiteral("xai_realtime")});
    for (const char *key : {"model", "stability", "similarity_boost", "style", "use_speaker_boost"})
        keys.append({tts, QString::fromLatin1(key), elevenLabs});
    keys.append({tts, QStringLiteral("language"), QStringLiteral("inworld")});
    return keys;
}

QString providerDisplayName(const QString &provider)
{
    static const QHash<QString, QString> names {
        {QStringLiteral("openai"), QStringLiteral("OpenAI")},
        {QStringLiteral("xai"), QStringLiteral("xAI")},
        {QStringLiteral("xai_realtime"), QStringLiteral("xAI Realtime")},
        {QStringLiteral("mistral"), QStringLiteral("Mistral")},
        {QStringLiteral("google"), QStringLiteral("Google")},
        {QStringLiteral("google_realtime"), QStringLiteral("Google Realtime")},
        {QStringLiteral("openai_live"), QStringLiteral("OpenAI Live")},
        {QStringLiteral("deepgram"), QStringLiteral("Deepgram")},
        {QStringLiteral("elevenlabs"), QStringLiteral("ElevenLabs")},
        {QStringLiteral("gladia"), QStringLiteral("Gladia")},
        {QStringLiteral("inworld"), QStringLiteral("Inworld")},
    };
    return names.value(provider, provider);
}

QString languageDisplayName(const QString &code)
{
    const QLocale locale(code);
    if (code.isEmpty() || locale.language() == QLocale::C || locale.language() == QLocale::AnyLanguage)
        return code;
    return QStringLiteral("%1 (%2)").arg(QLocale::languageToString(locale.language()), code);
}

Findings assistantSettingWarnings(const QJsonObject &overrides, const QJsonObject &defaultAssistant,
                                  const QString &pathPrefix)
{
    Findings warnings;
    const QList<ProviderOnlyKey> onlyKeys = providerOnlyKeys();
    for (const char *configName : {"stt_config", "llm_config", "tts_config"}) {
        const QString config = QString::fromLatin1(configName);
        if (!overrides.value(config).isObject())
            continue;
        const QJsonObject override = overrides.value(config).toObject();
        const QJsonObject fallback = defaultAssistant.value(config).toObject();
        const QString configPath = base::parsing::child(pathPrefix, config);
        const QJsonValue ownProvider = override.value(QStringLiteral("provider"));
        const QString provider =
            (ownProvider.isString() ? ownProvider : fallback.value(QStringLiteral("provider"))).toString();
        const bool providerChanged =
            ownProvider.isString() && ownProvider != fallback.value(QStringLiteral("provider"));
        if (provider.isEmpty())
            continue;

        for (const ProviderOnlyKey &onlyKey : onlyKeys) {
            if (onlyKey.config != config || onlyKey.provider == provider)
                continue;
            const bool ownKey = override.contains(onlyKey.key);
            const bool keptKey = !ownKey && providerChanged && fallback.contains(onlyKey.key);
            if (!ownKey && !keptKey)
                continue;
            warnings.append({Severity::Warning, base::parsing::child(configPath, onlyKey.key),
                             QStringLiteral("\"%1\" is read by %2 only: %3 ignores it%4.")
                                 .arg(onlyKey.key, providerDisplayName(onlyKey.provider), providerDisplayName(provider),
                                      keptKey ? QStringLiteral(" (kept from the default assistant)") : QString()),
                             Source::Sdk});
        }
        if (config == QLatin1String("llm_config") && staleLlmProviders().contains(ownProvider.toString()))
            warnings.append({Severity::Warning, base::parsing::child(configPath, QStringLiteral("provider")),
                             QStringLiteral("\"%1\" is not in the current SDK (v1.0.1), which lists %2: the platform "
                                            "may refuse it.")
                                 .arg(ownProvider.toString(), knownLlmProviders().join(QStringLiteral(", "))),
                             Source::Sdk});
    }
    return warnings;
}

} // namespace dockside::contract
