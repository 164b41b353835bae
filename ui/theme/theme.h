// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

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

} // namespace dockside::ui
