// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include <QStringList>

namespace dockside::cli {

/*! Runs one dockside-cli command line (arguments start with the program name, like argv) and returns its exit
    code; everything the command prints goes to streams, so a test runs a command in memory. */
int runCli(const QStringList &arguments, Streams streams);

} // namespace dockside::cli
