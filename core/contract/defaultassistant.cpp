// SPDX-License-Identifier: GPL-3.0-or-later

#include "defaultassistant.h"

#include "answervalidator.h"
#include "base/parsing.h"
#include "callevent.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <stdexcept>

namespace dockside::contract {

QJsonObject builtinDefaultAssistant()
{
    QFile file(QStringLiteral(":/dockside/assistants/default-assistant.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::logic_error("the built-in default assistant is missing from the resources");
    return QJsonDocument::fromJson(file.readAll()).object();
}

Findings validateDefaultAssistant(const QJsonObject &assistant)
{
    // The overridable part has the same shape as an answer's "assistant", so the answer schema checks it.
    QJsonObject overridable = assistant;
    overridable.remove(QStringLiteral("max_duration_seconds"));
    // The assistant's own identity and webhook belong in a default; only an answer may not set them.
    for (const QString &key : nonOverridableAssistantKeys())
        overridable.remove(key);
    QJsonObject asAnswer {{QStringLiteral("assistant"), overridable}};
    if (assistant.contains(QStringLiteral("max_duration_seconds")))
        asAnswer.insert(QStringLiteral("max_duration_seconds"),
                        assistant.value(QStringLiteral("max_duration_seconds")));

    Findings findings;
    const AnswerValidation validation = AnswerValidator::instance().validate(asAnswer);
    for (Finding finding : validation.violations + validation.warnings) {
        finding.path.replace(QLatin1String("$.assistant"), QLatin1String("$"));
        findings.append(finding);
    }

    const QJsonValue events = assistant.value(QStringLiteral("webhook_events"));
    if (!events.isUndefined()) {
        if (!events.isArray()) {
            findings.append(
                {Severity::Error, QStringLiteral("$.webhook_events"),
                 QStringLiteral("Expected an array of event names; got %1.").arg(base::parsing::describe(events)),
                 Source::Sdk});
        } else {
            const QJsonArray names = events.toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (!eventTypeFromName(names.at(i).toString()))
                    findings.append({Severity::Error, base::parsing::index(QStringLiteral("$.webhook_events"), i),
                                     QStringLiteral("Expected one of assistant-request, status-update, tool-calls, "
                                                    "end-of-call-report; got %1.")
                                         .arg(base::parsing::describe(names.at(i))),
                                     Source::Sdk});
            }
        }
    }
    return findings;
}

} // namespace dockside::contract
