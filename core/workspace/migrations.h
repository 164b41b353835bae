// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include <QJsonObject>
#include <QList>

namespace dockside::workspace {

// One step of the workspace format: takes a document of version N and returns it in version N + 1, with
// "version" set. What it cannot convert it reports with the JSON path in the version-N document.
using Migration = QJsonObject (*)(const QJsonObject &document, QList<base::LoadError> &errors);

// Version 0 is the format before "version" existed: a template kept its answer in
// "response": {"status", "headers": {"Name": "value", ...}, "body"} and its delay in "delay" (seconds).
QJsonObject migrateVersion0To1(const QJsonObject &document, QList<base::LoadError> &errors);

// The steps in order: step n turns version n into version n + 1, so there are kCurrentWorkspaceVersion of them.
QList<Migration> workspaceMigrations();

// Runs every step from fromVersion up to the current version; stops at the first step that reports an error.
QJsonObject migrateWorkspace(QJsonObject document, int fromVersion, QList<base::LoadError> &errors);

} // namespace dockside::workspace
