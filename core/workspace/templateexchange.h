// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "responsetemplate.h"
#include "workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::workspace {

inline constexpr int kTemplateExchangeVersion = 1;

// {"dockside_templates": 1, "templates": [...]}: templates on their own, to pass between workspaces.
QByteArray exportTemplates(const QList<ResponseTemplate> &templates);

struct TemplateImport {
    QList<ResponseTemplate> templates; // the good ones, in file order
    QList<base::LoadError> errors; // with JSON path, line and column
};

// Accepts what exportTemplates writes, a single template object, or an array of templates.
TemplateImport importTemplates(const QByteArray &json);

struct TemplateMerge {
    struct Rename {
        QString from;
        QString to;
    };
    QStringList added; // the ids as added, renamed ones included
    QList<Rename> renamed;
    QStringList unchanged; // already in the workspace, under its id or the id an earlier import gave it
};

// Appends the templates; an id the workspace already uses gets the first free suffix ("reject" -> "reject-2").
// A template the workspace already holds, under its id or a renamed one, is skipped, so importing twice is harmless.
TemplateMerge mergeTemplates(Workspace &workspace, const QList<ResponseTemplate> &imported);

} // namespace dockside::workspace
