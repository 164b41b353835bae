// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::http {

// libhttp_parser's version as loaded now, "major.minor.patch".
QString httpParserLibraryVersion();

} // namespace dockside::http
