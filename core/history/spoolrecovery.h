// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>

#include <memory>

namespace dockside::history {

class SpoolFile;
class SpoolProgress;

// A spool a killed process left behind, locked by this process now and to be copied from importedOffset on.
struct RecoveredSpool {
    std::shared_ptr<SpoolFile> file;
    qint64 importedOffset = 0;
    qint64 size = 0;
};

// Finds the spools of a history that no live process holds (their writer was killed) and takes them over.
class SpoolRecovery final {
public:
    SpoolRecovery(QString databasePath, SpoolProgress &progress);
    Q_DISABLE_COPY_MOVE(SpoolRecovery)
    ~SpoolRecovery() = default;

    /*! Oldest first; also drops the progress rows of files that are gone. */
    QList<RecoveredSpool> adoptOrphans();

private:
    QString m_databasePath;
    SpoolProgress &m_progress;
};

} // namespace dockside::history
