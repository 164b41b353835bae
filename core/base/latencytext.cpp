// SPDX-License-Identifier: GPL-3.0-or-later

#include "latencytext.h"

namespace dockside::base {

QString millisecondsText(qint64 microseconds)
{
    const double milliseconds = static_cast<double>(microseconds) / 1000.0;
    if (microseconds < 1'000)
        return QString::number(milliseconds, 'f', 2);
    if (microseconds < 10'000)
        return QString::number(milliseconds, 'f', 1);
    return QString::number(microseconds / 1000);
}

QString roundedMilliseconds(qint64 microseconds)
{
    return QString::number(static_cast<double>(microseconds) / 1000.0, 'f', microseconds < 10'000 ? 1 : 0) +
        QLatin1String(" ms");
}

QString oneDecimalMilliseconds(qint64 microseconds)
{
    return QString::number(static_cast<double>(microseconds) / 1000.0, 'f', 1) + QLatin1String(" ms");
}

} // namespace dockside::base
