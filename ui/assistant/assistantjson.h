// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace dockside::ui {

// The edits the assistant forms (the Default Assistant page, the template form) make to an assistant's JSON.

// Sets key to value, or removes it: a form leaves out what the user left empty.
void setOrRemove(QJsonObject &object, const QString &key, const QJsonValue &value, bool remove);

// The index of the first system message of llm_config.messages, -1 when there is none.
qsizetype systemMessageIndex(const QJsonArray &messages);

// Writes prompt as the first system message (its other keys and the other messages stay); an empty prompt removes
// that message.
void setSystemPrompt(QJsonArray &messages, const QString &prompt);

} // namespace dockside::ui
