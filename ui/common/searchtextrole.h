// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <Qt>

namespace dockside::ui {

// Every searchable list answers this role on column 0 with all the text a search can find in the row.
inline constexpr int SearchTextRole = Qt::UserRole + 0x100;

} // namespace dockside::ui
