// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

namespace dockside::history {

class HistoryConnection;

struct ForgetResult {
    qint64 exchanges = 0; // removed
    qint64 calls = 0; // distinct calls they belonged to
};

// Erasure of one caller (GDPR): removes every exchange with the number, and every exchange of the calls it made, from
// the tables and the search index, then rewrites the file so none of their bytes stay in it or in its journal.
class HistoryForgetter final {
public:
    explicit HistoryForgetter(HistoryConnection &connection);
    Q_DISABLE_COPY_MOVE(HistoryForgetter)
    ~HistoryForgetter() = default;

    /*! The number as stored: spaces, dashes, dots and brackets taken out ("+31 6 1234-5678" is "+31612345678"). */
    static QString normalizedNumber(const QString &number);

    /*! One transaction; nullopt on a database error (then nothing was removed). */
    std::optional<ForgetResult> forgetCaller(const QString &number, QString *errorMessage);
    /*! Merges the search index (dropping the removed entries), VACUUMs and empties the write-ahead log. */
    bool scrub(QString *errorMessage);

private:
    HistoryConnection &m_connection;
};

} // namespace dockside::history
