#pragma once

#include "finding.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace dockside::contract {

// The assistant the platform uses when the webhook does not override it; answers merge onto this.
// Keys: first_message, llm_config, max_duration_seconds, webhook_events, analysis_plan.
QJsonObject builtinDefaultAssistant();

// The LLM providers the SDK names (CONTRACT.md §3), in its order; the answer schema accepts exactly these.
QStringList knownLlmProviders();

// Checks a user-supplied default assistant; violations name their JSON path.
Findings validateDefaultAssistant(const QJsonObject &assistant);

} // namespace dockside::contract
