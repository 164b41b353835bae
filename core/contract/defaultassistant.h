// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "assistantsettings.h"
#include "finding.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace dockside::contract {

// The assistant the platform uses when the webhook does not override it; answers merge onto this.
// The whole assistant of CONTRACT.md §3a: a Dutch number's assistant (Deepgram, an ElevenLabs voice, OpenAI).
QJsonObject builtinDefaultAssistant();

// Checks a user-supplied default assistant; violations name their JSON path.
Findings validateDefaultAssistant(const QJsonObject &assistant);

} // namespace dockside::contract
