// SPDX-License-Identifier: GPL-3.0-or-later

#include "spoolrecovery.h"

#include "historyspool.h"
#include "spoolprogress.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dockside::history {

SpoolRecovery::SpoolRecovery(QString databasePath, SpoolProgress &progress)
    : m_databasePath(std::move(databasePath))
    , m_progress(progress)
{
}

QList<RecoveredSpool> SpoolRecovery::adoptOrphans()
{
    const QDir folder = QFileInfo(m_databasePath).absoluteDir();
    const QHash<QString, qint64> imported = m_progress.load();
    QStringList names = folder.entryList({HistorySpool::filePrefix(m_databasePath) + QLatin1Char('*')}, QDir::Files);
    // Oldest first within one owner: "-2" before "-10".
    std::sort(names.begin(), names.end(), [](const QString &left, const QString &right) {
        return left.size() != right.size() ? left.size() < right.size() : left < right;
    });
    QList<RecoveredSpool> recovered;
    for (const QString &name : std::as_const(names)) {
        const QString path = folder.filePath(name);
        const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
        if (descriptor < 0)
            continue;
        if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
            ::close(descriptor); // a live store writes it, and its own writer copies it
            continue;
        }
        const off_t size = ::lseek(descriptor, 0, SEEK_END);
        recovered.append(
            {std::make_shared<SpoolFile>(path, descriptor), std::min<qint64>(imported.value(name, 0), size), size});
    }
    // Progress rows whose files are gone (deleted after their last copy) are dropped.
    for (auto it = imported.cbegin(); it != imported.cend(); ++it) {
        if (!folder.exists(it.key()))
            m_progress.forget(it.key());
    }
    return recovered;
}

} // namespace dockside::history
