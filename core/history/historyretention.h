// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "historyoptions.h"

#include <QString>
#include <QVariant>

namespace dockside::history {

class HistoryConnection;

// Removes the exchanges past the row limit or older than the age limit, in one transaction per run.
class HistoryRetention final {
public:
    // Automatic retention runs after this many new rows, so its cost is spread thinly over the appends.
    static constexpr qint64 kInterval = 1000;

    explicit HistoryRetention(HistoryConnection &connection);
    Q_DISABLE_COPY_MOVE(HistoryRetention)
    ~HistoryRetention() = default;

    void setOptions(const HistoryOptions &options) { m_options = options; }
    bool hasLimits() const { return m_options.maxRows > 0 || m_options.maxAgeDays > 0; }

    void addRows(qint64 rows) { m_rowsSinceRun += rows; }
    bool isDue() const { return m_rowsSinceRun >= kInterval; }
    void reset() { m_rowsSinceRun = 0; }

    /*! The rows removed, -1 on a database error (rolled back). Restarts the count towards the next automatic run. */
    qint64 apply(QString *errorMessage);

private:
    // -1 on a database error; the caller owns the transaction.
    qint64 removeRows(const QString &exchangeCondition, const QVariant &value, QString *errorMessage);

    HistoryConnection &m_connection;
    HistoryOptions m_options;
    qint64 m_rowsSinceRun = 0;
};

} // namespace dockside::history
