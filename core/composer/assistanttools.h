// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/callevent.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace dockside::composer {

// One function tool of an assistant's llm_config.tools (SDK v1.0.1: {type: "function", function: {name,
// description?, parameters?}, server?: {url, secret?}, async?}), as a tool call with sample arguments.
struct AssistantTool {
    contract::ToolCall call; // the id stays empty: each event gets a fresh one
    QString serverUrl; // the tool's own server.url, empty when it names none
};

// The assistant's function tools in their order; tools of another type or without a name are left out.
QList<AssistantTool> assistantTools(const QJsonObject &assistant);

} // namespace dockside::composer
