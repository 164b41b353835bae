// SPDX-License-Identifier: GPL-3.0-or-later

#include "httpparserversion.h"

#include <http_parser.h>

namespace dockside::http {

QString httpParserLibraryVersion()
{
    // Packed as documented in http_parser.h: major in bits 16-23, minor in 8-15, patch in 0-7.
    const unsigned long version = http_parser_version();
    return QStringLiteral("%1.%2.%3").arg((version >> 16) & 255).arg((version >> 8) & 255).arg(version & 255);
}

} // namespace dockside::http
