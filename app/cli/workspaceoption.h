// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include "workspace/workspace.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace dockside::cli {

// --workspace FILE; without it the built-in sample workspace.
QCommandLineOption workspaceOption();

// Loads the workspace the options name; prints every load error with its path and line.
std::optional<workspace::Workspace> loadWorkspaceOption(const QCommandLineParser &parser, Streams streams);

// For commands that change a workspace: --workspace is required, since the built-in sample cannot be written.
// Prints why and returns false when it is missing.
bool requireWorkspaceFile(const QCommandLineParser &parser, const QString &commandName, Streams streams);

} // namespace dockside::cli
