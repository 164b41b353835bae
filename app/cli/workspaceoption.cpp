// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspaceoption.h"

namespace dockside::cli {

QCommandLineOption workspaceOption()
{
    return QCommandLineOption({QStringLiteral("w"), QStringLiteral("workspace")},
                              QStringLiteral("Workspace file (default: the built-in sample workspace)."),
                              QStringLiteral("FILE"));
}

std::optional<workspace::Workspace> loadWorkspaceOption(const QCommandLineParser &parser, Streams streams)
{
    if (!parser.isSet(QStringLiteral("workspace")))
        return workspace::builtinSampleWorkspace();
    const QString fileName = parser.value(QStringLiteral("workspace"));
    const workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
    for (const base::LoadError &error : load.errors)
        streams.err << base::formatLoadError(fileName, error) << '\n';
    if (load.workspace && load.wasMigrated())
        streams.err << fileName << ": " << workspace::migrationNotice(load) << '\n';
    return load.workspace;
}

bool requireWorkspaceFile(const QCommandLineParser &parser, const QString &commandName, Streams streams)
{
    if (parser.isSet(QStringLiteral("workspace")))
        return true;
    streams.err << "dockside-cli " << commandName
                << ": --workspace FILE is required; the built-in sample workspace cannot be written. Start from a "
                   "copy of resources/workspaces/sample.dockside.json if you have no workspace file yet.\n";
    return false;
}

} // namespace dockside::cli
