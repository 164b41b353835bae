// SPDX-License-Identifier: GPL-3.0-or-later

#include "windowgeometry.h"

#include <algorithm>
#include <utility>

namespace dockside::ui {

namespace {

constexpr int kScreenPercent = 90;

int fit(int preferred, int minimum, int available)
{
    const int share = available * kScreenPercent / 100;
    return std::min(available, std::max(std::min(preferred, share), minimum));
}

} // namespace

QRect firstStartGeometry(const QRect &available)
{
    if (!available.isValid())
        return QRect(QPoint(0, 0), kPreferredWindowSize);
    const QSize size(fit(kPreferredWindowSize.width(), kMinimumWindowSize.width(), available.width()),
                     fit(kPreferredWindowSize.height(), kMinimumWindowSize.height(), available.height()));
    return {available.left() + (available.width() - size.width()) / 2,
            available.top() + (available.height() - size.height()) / 2, size.width(), size.height()};
}

QRect clampedGeometry(const QRect &geometry, const QRect &available)
{
    if (!available.isValid() || available.contains(geometry))
        return geometry;
    // Too large: the size a first start picks there, which leaves room for the frame, centred on that axis.
    // Partly off the screen: moved onto it along that axis.
    const QRect firstStart = firstStartGeometry(available);
    const auto place = [](int start, int length, int firstStartStart, int firstStartLength, int availableStart,
                          int availableLength) {
        if (length > availableLength)
            return std::pair(firstStartStart, firstStartLength);
        return std::pair(std::clamp(start, availableStart, availableStart + availableLength - length), length);
    };
    const auto [left, width] = place(geometry.left(), geometry.width(), firstStart.left(), firstStart.width(),
                                     available.left(), available.width());
    const auto [top, height] = place(geometry.top(), geometry.height(), firstStart.top(), firstStart.height(),
                                     available.top(), available.height());
    return {left, top, width, height};
}

} // namespace dockside::ui
