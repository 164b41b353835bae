# SPDX-License-Identifier: GPL-3.0-or-later

set(core_folders low high)
set(core_reachable_low low)
set(core_reachable_high high low)
