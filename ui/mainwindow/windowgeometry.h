// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QRect>
#include <QSize>

namespace dockside::ui {

// The size the window is designed for; a first start never opens it larger, nor larger than the screen.
inline constexpr QSize kPreferredWindowSize(1500, 960);
// The smallest size every page is laid out for: a 1280x720 screen's window (its 90%) with room for a panel.
inline constexpr QSize kMinimumWindowSize(960, 600);

// Where a first start puts the window on a screen with this available geometry: the preferred size or 90% of
// the screen, whichever is smaller (never below the minimum unless the screen itself is smaller), centred.
QRect firstStartGeometry(const QRect &available);

// A remembered geometry brought onto this screen (a laptop after a large monitor): larger than the screen, it
// takes the first-start size; partly off it, it moves onto it; one that fits stays as it is.
QRect clampedGeometry(const QRect &geometry, const QRect &available);

} // namespace dockside::ui
