// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace/templateexchange.h"
#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::ui {

// What happens to one imported template.
enum class ImportChoice {
    Add, // a new id
    AlreadyThere, // the workspace holds the same template: nothing to do
    Replace, // the id is taken by a different template: overwrite it
    KeepBoth, // the id is taken: add this one under the first free suffix ("reject-2")
    Skip,
};

struct TemplateImportItem {
    workspace::ResponseTemplate responseTemplate;
    ImportChoice choice = ImportChoice::Add;
    bool conflicting = false; // the workspace uses the id for a different template
};

struct TemplateImportPlan {
    QList<TemplateImportItem> items;
    QList<base::LoadError> errors; // templates in the file that are left out, with line and column

    int conflictCount() const;
    void setConflictChoice(ImportChoice choice);
};

// Conflicts (an id the workspace uses for a different template) start as KeepBoth, so nothing is lost by default.
TemplateImportPlan planTemplateImport(const workspace::Workspace &workspace, const workspace::TemplateImport &import);

struct TemplateImportResult {
    QList<workspace::ResponseTemplate> templates; // the workspace's templates after the import
    QStringList added; // ids as added, renamed ones included
    QStringList replaced;
    QStringList skipped; // skipped by choice or because the workspace holds them already
    QStringList renamedFrom; // for each renamed template: "reject → reject-2"

    QString summary() const;
};

TemplateImportResult applyTemplateImport(const workspace::Workspace &workspace, const TemplateImportPlan &plan);

QString importChoiceName(ImportChoice choice);

} // namespace dockside::ui
