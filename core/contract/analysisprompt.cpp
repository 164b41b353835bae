// SPDX-License-Identifier: GPL-3.0-or-later

#include "analysisprompt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace dockside::contract {

AnalysisContext sampleAnalysisContext()
{
    return {QStringLiteral("assistant: Hello, thank you for calling HMS Sovereign. How can I help you today?\n"
                           "user: Hi, I would like to book an appointment for next Tuesday morning.\n"
                           "assistant: Of course. Would ten o'clock suit you?\n"
                           "user: Yes, perfect. Thanks, that was quick!\n"
                           "assistant: You're booked for Tuesday at ten. Goodbye!"),
            QStringLiteral("customer-ended-call")};
}

QList<PromptMessage> renderAnalysisPrompt(const QJsonObject &structuredDataPlan, const AnalysisContext &context)
{
    const QString schemaText =
        QString::fromUtf8(QJsonDocument(structuredDataPlan.value(QStringLiteral("schema")).toObject())
                              .toJson(QJsonDocument::Indented))
            .trimmed();
    QList<PromptMessage> rendered;
    const QJsonArray messages = structuredDataPlan.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &entry : messages) {
        const QJsonObject message = entry.toObject();
        const QString content = message.value(QStringLiteral("content")).toString();
        // One pass, so a transcript that happens to contain "{{schema}}" is not expanded again.
        static const QRegularExpression placeholder(QStringLiteral("\\{\\{(schema|transcript|ended_reason)\\}\\}"));
        QString output;
        qsizetype copiedUpTo = 0;
        for (auto it = placeholder.globalMatch(content); it.hasNext();) {
            const auto match = it.next();
            output += QStringView(content).mid(copiedUpTo, match.capturedStart() - copiedUpTo);
            const QStringView name = match.capturedView(1);
            if (name == QLatin1String("schema"))
                output += schemaText;
            else if (name == QLatin1String("transcript"))
                output += context.transcript;
            else
                output += context.endedReason;
            copiedUpTo = match.capturedEnd();
        }
        output += QStringView(content).mid(copiedUpTo);
        rendered.append({message.value(QStringLiteral("role")).toString(), output});
    }
    return rendered;
}

} // namespace dockside::contract
