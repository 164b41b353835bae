// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QString>

namespace dockside::history {

class HistoryConnection;

// How far each spool file has been copied into SQLite (the spool_progress table), committed with the rows it counts.
class SpoolProgress final {
public:
    explicit SpoolProgress(HistoryConnection &connection);
    Q_DISABLE_COPY_MOVE(SpoolProgress)
    ~SpoolProgress() = default;

    /*! Imported bytes by spool file name. */
    QHash<QString, qint64> load();
    /*! Inside the import's transaction. */
    bool record(const QString &spool, qint64 endOffset, QString *errorMessage);
    void forget(const QString &spool);

private:
    HistoryConnection &m_connection;
};

} // namespace dockside::history
