// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::secrets {

// The QtKeychain version Dockside was built against: the library has no run-time query, and its header's
// QTKEYCHAIN_VERSION still says 0.1.0, so this is the version CMake's package reported.
QString keychainLibraryVersion();

} // namespace dockside::secrets
