// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::history {

// The versions of the libraries the history runs on, as loaded now (the system's, not the headers' at build time).
QString sqliteLibraryVersion();
QString zlibLibraryVersion();

} // namespace dockside::history
