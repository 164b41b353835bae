// SPDX-License-Identifier: GPL-3.0-or-later

#include "historylibraries.h"

#include <sqlite3.h>
#include <zlib.h>

namespace dockside::history {

QString sqliteLibraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString zlibLibraryVersion()
{
    return QString::fromLatin1(zlibVersion());
}

} // namespace dockside::history
