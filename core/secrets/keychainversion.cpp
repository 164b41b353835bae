// SPDX-License-Identifier: GPL-3.0-or-later

#include "keychainversion.h"

namespace dockside::secrets {

QString keychainLibraryVersion()
{
    return QStringLiteral(DOCKSIDE_QTKEYCHAIN_VERSION);
}

} // namespace dockside::secrets
