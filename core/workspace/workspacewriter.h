// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QString>

namespace dockside::workspace {

// The workspace file at the current version, keys in the sample's order. A default assistant equal to the
// built-in one is left out, so the file follows the built-in one as Dockside updates it.
QByteArray serializeWorkspace(const Workspace &workspace);

bool saveWorkspaceFile(const Workspace &workspace, const QString &fileName, QString *error);

} // namespace dockside::workspace
