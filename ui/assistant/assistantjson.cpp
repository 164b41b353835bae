// SPDX-License-Identifier: GPL-3.0-or-later

#include "assistantjson.h"

namespace dockside::ui {

namespace {
const QString kRole = QStringLiteral("role");
const QString kContent = QStringLiteral("content");
} // namespace

void setOrRemove(QJsonObject &object, const QString &key, const QJsonValue &value, bool remove)
{
    if (remove)
        object.remove(key);
    else
        object.insert(key, value);
}

qsizetype systemMessageIndex(const QJsonArray &messages)
{
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages.at(i).toObject().value(kRole).toString() == QLatin1String("system"))
            return i;
    }
    return -1;
}

void setSystemPrompt(QJsonArray &messages, const QString &prompt)
{
    const qsizetype system = systemMessageIndex(messages);
    if (system >= 0 && prompt.isEmpty()) {
        messages.removeAt(system);
    } else if (system >= 0) {
        QJsonObject message = messages.at(system).toObject();
        message.insert(kContent, prompt);
        messages.replace(system, message);
    } else if (!prompt.isEmpty()) {
        messages.prepend(QJsonObject {{kRole, QStringLiteral("system")}, {kContent, prompt}});
    }
}

} // namespace dockside::ui
