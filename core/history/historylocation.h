// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::history {

// The history file the GUI uses too, so `dockside-cli history` sees what the window recorded.
// Creates the folder when it is missing.
QString defaultHistoryPath();

} // namespace dockside::history
