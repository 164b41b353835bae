// SPDX-License-Identifier: GPL-3.0-or-later

#include "fixtures.h"

#include <stdexcept>

QString seedAnswersWorkspacePath()
{
    return QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/workspaces/seed-answers.dockside.json");
}

dockside::workspace::Workspace seedAnswersWorkspace()
{
    const auto load = dockside::workspace::loadWorkspaceFile(seedAnswersWorkspacePath());
    if (!load.workspace)
        throw std::runtime_error("tests/data/workspaces/seed-answers.dockside.json does not load");
    return *load.workspace;
}
