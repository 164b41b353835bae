// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QList>
#include <QSet>
#include <QString>

struct pg_conn;

namespace dockside::teamhistory {

// Writes one batch of a machine's exchanges into the team database as one transaction, through libpq itself: the
// record goes as binary bytea (Qt's driver would spell every byte as two hex digits inside the statement's text), and
// each batch size is parsed once per connection (a prepared statement) instead of once per batch.
class TeamBatchWriter final {
public:
    explicit TeamBatchWriter(pg_conn *connection);

    /*! Inserts the records (ON CONFLICT DO NOTHING: a batch copied twice adds nothing), moves the origin's progress to
        upTo and notifies listeners, all or nothing; *newestId is the highest id inserted (0: none). */
    bool write(const QString &origin, const QList<history::ExchangeRecord> &records, qint64 upTo, qint64 *newestId,
               QString *errorMessage);

private:
    // A statement without parameters; its rows, if any, are not read.
    bool exec(const char *statement, QString *errorMessage);
    bool prepare(int rows, QString *errorMessage);

    pg_conn *m_connection;
    QSet<int> m_prepared; // the row counts with a prepared statement on this connection
};

} // namespace dockside::teamhistory
