// SPDX-License-Identifier: GPL-3.0-or-later

#include "historylocation.h"

#include "base/privatefile.h"

#include <QDir>
#include <QStandardPaths>

namespace dockside::history {

QString defaultHistoryPath()
{
    const QString directory =
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1String("/dockside");
    // Owner-only: the folder holds the history, its journal and spools (callers' numbers and transcripts).
    base::ensureOwnerOnlyFolder(directory, nullptr);
    return directory + QLatin1String("/history.sqlite");
}

} // namespace dockside::history
