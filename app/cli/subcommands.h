// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include <QList>

namespace dockside::cli {

// Runs "GROUP SUB [arguments]"; each sub-command is a Command named "GROUP SUB", so parseCommandLine prints
// "Usage: dockside-cli templates export ..." and its errors name the full command.
int runSubcommand(const Command &group, const QList<const Command *> &subcommands, const QStringList &arguments,
                  Streams streams);

} // namespace dockside::cli
