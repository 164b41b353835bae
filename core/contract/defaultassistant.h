#pragma once

#include "finding.h"

#include <QByteArray>
#include <QJsonObject>

namespace dockside::contract {

// The assistant the platform uses when the webhook does not override it; answers merge onto this.
// Keys: first_message, llm_config, max_duration_seconds, webhook_events, analysis_plan.
QJsonObject builtinDefaultAssistant();

// Checks a user-supplied default assistant; violations name their JSON path.
Findings validateDefaultAssistant(const QJsonObject &assistant);

} // namespace dockside::contract
