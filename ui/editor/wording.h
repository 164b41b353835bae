// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::ui {

// "1 error", "3 errors": Dockside ships no translation files, so tr()'s %n plurals would read "error(s)".
inline QString counted(qsizetype count, const QString &singular, const QString &plural)
{
    return QString::number(count) + QLatin1Char(' ') + (count == 1 ? singular : plural);
}

} // namespace dockside::ui
