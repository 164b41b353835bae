// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::history {

class HistoryConnection;

// Empties the history's tables and search index in one transaction, then compacts the file.
class HistoryClearer final {
public:
    explicit HistoryClearer(HistoryConnection &connection);
    Q_DISABLE_COPY_MOVE(HistoryClearer)
    ~HistoryClearer() = default;

    /*! The exchanges removed, -1 on a database error (then nothing was removed). */
    qint64 removeAll(QString *errorMessage);
    /*! VACUUM: milliseconds on an emptied file, and the space goes back to the disk. */
    bool compact(QString *errorMessage);

private:
    // -1 on a database error; the caller owns the transaction.
    qint64 removeEverything(QString *errorMessage);
    bool onlySearchTriggerOnExchanges(bool *only, QString *errorMessage);

    HistoryConnection &m_connection;
};

} // namespace dockside::history
