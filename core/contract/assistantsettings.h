// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "finding.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::contract {

// The whole assistant's vocabulary (CONTRACT.md §3a, the SDK v1.0.1 `Assistant`): providers, voices, the keys only
// one provider reads and the keys a call cannot override. The answer schema holds the same lists for validation;
// a test keeps the two equal.

// LLM providers the current SDK (v1.0.1) lists, in its order.
QStringList knownLlmProviders();
// Model names commonly used with the known providers, offered as suggestions only: the SDK does not list models
// and the platform decides which it accepts [assumed].
QStringList commonLlmModels();
// LLM providers earlier SDKs listed and v1.0.1 dropped: accepted with a warning.
QStringList staleLlmProviders();
QStringList knownSttProviders();
QStringList knownTtsProviders();
// The voices xAI Realtime offers through llm_config.voice.
QStringList xaiRealtimeVoices();
// Keys of the assistant itself that an assistant-request answer cannot change [assumed].
QStringList nonOverridableAssistantKeys();

// A key that only one provider of its config reads ("tts_config.style" is ElevenLabs only).
struct ProviderOnlyKey {
    QString config; // "stt_config", "llm_config", "tts_config"
    QString key;
    QString provider;
};
QList<ProviderOnlyKey> providerOnlyKeys();

// "ElevenLabs" for "elevenlabs", "xAI Realtime" for "xai_realtime"; unknown names come back unchanged.
QString providerDisplayName(const QString &provider);
// "German (de)" for "de", "Dutch (nl)" for "nl"; a code Qt does not know comes back unchanged.
QString languageDisplayName(const QString &code);

// Warnings about the provider-only keys and stale providers in `overrides` (an answer's "assistant", or a whole
// default assistant), judged by the provider the call will use: the override's own, else the default's. When the
// override changes a provider, keys kept from the default that the new provider does not read are named too.
// Paths start at `pathPrefix` ("$.assistant").
Findings assistantSettingWarnings(const QJsonObject &overrides, const QJsonObject &defaultAssistant,
                                  const QString &pathPrefix);

} // namespace dockside::contract
