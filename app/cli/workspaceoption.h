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

} // namespace dockside::cli
