// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace/workspace.h"

#include <QString>

// The seven answers of the platform's page as a workspace: a fixed fixture, unlike the evolving sample.
dockside::workspace::Workspace seedAnswersWorkspace();
QString seedAnswersWorkspacePath();
