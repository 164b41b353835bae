// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "editor/jsonproblemmodel.h"

#include "workspace/workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::ui {

struct TemplateValidation {
    std::optional<workspace::ResponseTemplate> responseTemplate; // set when there is no error
    QList<JsonProblem> problems; // errors and warnings, each with its line and column when it has a place
};

// Reads one template as the workspace file holds it (templateToJson's shape) through the core's parser, and checks
// it against the rest of the workspace: the id must stay unique, and renaming it must not leave rules without
// their template (a warning). originalId is the id the template has in the workspace; empty for a new one.
TemplateValidation validateTemplateText(const QByteArray &utf8Text, const workspace::Workspace &workspace,
                                        const QString &originalId);

// The template as the editor shows it: the workspace file's key order, two-space indent.
QString templateText(const workspace::ResponseTemplate &responseTemplate);

} // namespace dockside::ui
