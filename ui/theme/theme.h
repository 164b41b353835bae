// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace dockside::ui {

enum class Theme { System, Light, Dark };

QString themeName(Theme theme);
Theme themeFromName(const QString &name);

// Whether the desktop asks for dark colours: the platform palette, GTK_THEME, or GNOME's color-scheme.
bool systemPrefersDark();
// Fusion with a light or dark palette; System follows systemPrefersDark().
void applyTheme(Theme theme);
// True when the application's current palette is dark, for widgets that pick their own accent colours.
bool isDarkPalette();
// The palette applyTheme() installs for Light or Dark (System: whichever the desktop asks for).
QPalette themePalette(Theme theme);

// WCAG 2.x relative luminance (0 black .. 1 white) and contrast ratio (1 .. 21) of two opaque colours.
double relativeLuminance(const QColor &colour);
double contrastRatio(const QColor &a, const QColor &b);
// WCAG AA: 4.5:1 for normal text, 3:1 for large text (18 pt, or 14 pt bold) and for graphics.
inline constexpr double kContrastText = 4.5;
inline constexpr double kContrastLarge = 3.0;
// Red for error text on the palette's window, base and alternate base, with AA contrast on each.
QColor errorTextColor(const QPalette &palette);

} // namespace dockside::ui
