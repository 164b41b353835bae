// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::base {

// Dockside's licence as an SPDX identifier; the full text is LICENSE at the top of the source tree.
inline constexpr auto kLicenceSpdx = "GPL-3.0-or-later";

// The home page the Debian package and the AppStream metainfo name (DOCKSIDE_HOMEPAGE in cmake/Packaging.cmake).
QString projectUrl();

// What `--version` prints after the name and version: the licence, the freedom to share and the lack of warranty.
QString licenceNotice();

} // namespace dockside::base
