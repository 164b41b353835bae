// SPDX-License-Identifier: GPL-3.0-or-later

#include "assistanttools.h"

#include "samplejson.h"

#include <QJsonArray>

namespace dockside::composer {

QList<AssistantTool> assistantTools(const QJsonObject &assistant)
{
    QList<AssistantTool> tools;
    const QJsonArray configured =
        assistant.value(QStringLiteral("llm_config")).toObject().value(QStringLiteral("tools")).toArray();
    for (const QJsonValue &value : configured) {
        const QJsonObject tool = value.toObject();
        if (tool.value(QStringLiteral("type")).toString(QStringLiteral("function")) != QLatin1String("function"))
            continue;
        const QJsonObject function = tool.value(QStringLiteral("function")).toObject();
        const QString name = function.value(QStringLiteral("name")).toString().trimmed();
        if (name.isEmpty())
            continue;
        AssistantTool assistantTool;
        assistantTool.call.functionName = name;
        assistantTool.call.arguments = sampleArgumentsFor(function.value(QStringLiteral("parameters")).toObject());
        assistantTool.serverUrl =
            tool.value(QStringLiteral("server")).toObject().value(QStringLiteral("url")).toString().trimmed();
        tools.append(assistantTool);
    }
    return tools;
}

} // namespace dockside::composer
