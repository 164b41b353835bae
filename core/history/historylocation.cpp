// SPDX-License-Identifier: GPL-3.0-or-later

#include "historylocation.h"

#include <QDir>
#include <QStandardPaths>

namespace dockside::history {

QString defaultHistoryPath()
{
    const QString directory =
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1String("/dockside");
    QDir().mkpath(directory);
    return directory + QLatin1String("/history.sqlite");
}

} // namespace dockside::history
