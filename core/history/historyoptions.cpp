// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyoptions.h"

#include <QLocale>

namespace dockside::history {

QString retentionText(qint64 maxRows, int maxAgeDays)
{
    const QLocale locale(QLocale::English, QLocale::UnitedStates); // "500,000" whatever the user's locale
    const QString rows = maxRows == 1 ? QStringLiteral("at most 1 exchange")
                                      : QStringLiteral("at most %1 exchanges").arg(locale.toString(maxRows));
    const QString days = maxAgeDays == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(maxAgeDays);
    if (maxRows > 0 && maxAgeDays > 0)
        return days + QStringLiteral(", ") + rows;
    if (maxAgeDays > 0)
        return days + QStringLiteral(", any number of exchanges");
    if (maxRows > 0)
        return QStringLiteral("without an age limit, ") + rows;
    return QStringLiteral("everything, without limit");
}

} // namespace dockside::history
