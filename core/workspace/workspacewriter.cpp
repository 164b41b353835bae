// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspacewriter.h"

#include "workspaceshapes.h"

#include "base/atomicfile.h"

#include "contract/defaultassistant.h"

#include <QJsonArray>

namespace dockside::workspace {

QByteArray serializeWorkspace(const Workspace &workspace)
{
    QJsonArray templates;
    for (const ResponseTemplate &responseTemplate : workspace.templates)
        templates.append(templateToJson(responseTemplate));
    QJsonObject root {
        {QStringLiteral("version"), kCurrentWorkspaceVersion},
        {QStringLiteral("name"), workspace.name},
        {QStringLiteral("templates"), templates},
        {QStringLiteral("rules"), workspace.rules.toJson()},
        {QStringLiteral("contacts"), workspace.contacts.toJson()},
        {QStringLiteral("scenarios"), composer::scenariosToJson(workspace.scenarios)},
    };
    if (!workspace.fallbackTemplateId.isEmpty())
        root.insert(QStringLiteral("fallback_template"), workspace.fallbackTemplateId);
    if (workspace.defaultForward)
        root.insert(QStringLiteral("default_forward"), workspace.defaultForward->toJson());
    if (!workspace.clock.isReal() || workspace.allowClockHeader) {
        QJsonObject clock;
        if (workspace.clock.mode == base::MockClock::Mode::Pinned)
            clock.insert(QStringLiteral("pinned"), base::clockInstantText(workspace.clock.pinned));
        else if (workspace.clock.mode == base::MockClock::Mode::Offset)
            clock.insert(QStringLiteral("offset_seconds"), workspace.clock.offsetSeconds);
        if (workspace.allowClockHeader)
            clock.insert(QStringLiteral("allow_header"), true);
        root.insert(QStringLiteral("clock"), clock);
    }
    if (workspace.defaultAssistant != contract::builtinDefaultAssistant())
        root.insert(QStringLiteral("default_assistant"), workspace.defaultAssistant);
    // The workspace's shape, with the scenarios' own added: orderedjson.cpp knows no scenarios.
    static const base::JsonShape shape = [] {
        base::JsonShape withScenarios = workspaceShape();
        withScenarios.children.append({QLatin1StringView("scenarios"), &composer::scenarioShape()});
        return withScenarios;
    }();
    return base::toOrderedJson(root, shape);
}

bool saveWorkspaceFile(const Workspace &workspace, const QString &fileName, QString *error)
{
    return base::writeFileAtomically(fileName, serializeWorkspace(workspace), error, base::FileAccess::OwnerOnly);
}

} // namespace dockside::workspace
