// SPDX-License-Identifier: GPL-3.0-or-later

#include "templateimport.h"

#include <QCoreApplication>

namespace dockside::ui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("dockside::ui::TemplateImport", text, nullptr, n);
}

} // namespace

int TemplateImportPlan::conflictCount() const
{
    return static_cast<int>(
        std::count_if(items.cbegin(), items.cend(), [](const TemplateImportItem &item) { return item.conflicting; }));
}

void TemplateImportPlan::setConflictChoice(ImportChoice choice)
{
    for (TemplateImportItem &item : items) {
        if (item.conflicting)
            item.choice = choice;
    }
}

TemplateImportPlan planTemplateImport(const workspace::Workspace &workspace, const workspace::TemplateImport &import)
{
    TemplateImportPlan plan;
    plan.errors = import.errors;
    for (const workspace::ResponseTemplate &responseTemplate : import.templates) {
        TemplateImportItem item {responseTemplate, ImportChoice::Add, false};
        // The core decides what counts as already there (also under a name an earlier import gave it).
        workspace::Workspace scratch;
        scratch.templates = workspace.templates;
        const workspace::TemplateMerge merge = workspace::mergeTemplates(scratch, {responseTemplate});
        if (!merge.unchanged.isEmpty())
            item.choice = ImportChoice::AlreadyThere;
        else if (workspace.findTemplate(responseTemplate.id) != nullptr)
            item = {responseTemplate, ImportChoice::KeepBoth, true};
        plan.items.append(item);
    }
    return plan;
}

TemplateImportResult applyTemplateImport(const workspace::Workspace &workspace, const TemplateImportPlan &plan)
{
    TemplateImportResult result;
    workspace::Workspace target;
    target.templates = workspace.templates;
    QList<workspace::ResponseTemplate> toMerge;
    for (const TemplateImportItem &item : plan.items) {
        switch (item.choice) {
        case ImportChoice::Add:
        case ImportChoice::KeepBoth:
            toMerge.append(item.responseTemplate);
            break;
        case ImportChoice::Replace: {
            auto existing = std::find_if(target.templates.begin(), target.templates.end(),
                                         [&item](const auto &t) { return t.id == item.responseTemplate.id; });
            if (existing == target.templates.end()) {
                toMerge.append(item.responseTemplate);
                break;
            }
            *existing = item.responseTemplate;
            result.replaced.append(item.responseTemplate.id);
            break;
        }
        case ImportChoice::AlreadyThere:
        case ImportChoice::Skip:
            result.skipped.append(item.responseTemplate.id);
            break;
        }
    }
    const workspace::TemplateMerge merge = workspace::mergeTemplates(target, toMerge);
    result.added = merge.added;
    result.skipped += merge.unchanged;
    for (const workspace::TemplateMerge::Rename &rename : merge.renamed)
        result.renamedFrom.append(rename.from + QStringLiteral(" → ") + rename.to);
    result.templates = target.templates;
    return result;
}

QString TemplateImportResult::summary() const
{
    QStringList parts;
    if (!added.isEmpty())
        parts.append(tr("added %n", static_cast<int>(added.size())));
    if (!renamedFrom.isEmpty())
        parts.append(tr("renamed %1").arg(renamedFrom.join(QStringLiteral(", "))));
    if (!replaced.isEmpty())
        parts.append(tr("replaced %1").arg(replaced.join(QStringLiteral(", "))));
    if (!skipped.isEmpty())
        parts.append(tr("skipped %n", static_cast<int>(skipped.size())));
    if (parts.isEmpty())
        return tr("Nothing imported.");
    return tr("Templates imported: %1.").arg(parts.join(QStringLiteral("; ")));
}

QString importChoiceName(ImportChoice choice)
{
    switch (choice) {
    case ImportChoice::Add:
        return tr("Add");
    case ImportChoice::AlreadyThere:
        return tr("Already in the workspace");
    case ImportChoice::Replace:
        return tr("Replace the existing one");
    case ImportChoice::KeepBoth:
        return tr("Keep both (import under a new id)");
    case ImportChoice::Skip:
        return tr("Skip");
    }
    return {};
}

} // namespace dockside::ui
