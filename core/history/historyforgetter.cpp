// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyforgetter.h"

#include "historyconnection.h"
#include "historydatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace dockside::history {

namespace {

// The exchanges of the caller and of every call it made (a call's later events may not carry the number).
const QString kForgotten =
    QStringLiteral("caller = ? OR (call_id > '' AND call_id IN (SELECT call_id FROM exchanges WHERE caller = ?"
                   " AND call_id > ''))");

} // namespace

HistoryForgetter::HistoryForgetter(HistoryConnection &connection)
    : m_connection(connection)
{
}

QString HistoryForgetter::normalizedNumber(const QString &number)
{
    QString normalized;
    for (const QChar c : number.trimmed()) {
        if (c.isSpace() || c == QChar(u'-') || c == QChar(u'.') || c == QChar(u'(') || c == QChar(u')'))
            continue;
        normalized += c;
    }
    return normalized;
}

std::optional<ForgetResult> HistoryForgetter::forgetCaller(const QString &number, QString *errorMessage)
{
    const QString caller = normalizedNumber(number);
    if (caller.isEmpty()) {
        *errorMessage = QStringLiteral("No caller number was given. Give the number as the history shows it, such as "
                                       "+31612345678.");
        return std::nullopt;
    }
    if (!m_connection.begin(errorMessage))
        return std::nullopt;
    ForgetResult result;
    QSqlQuery query(m_connection.database());
    const auto run = [&](const QString &statement) {
        query.prepare(statement);
        query.addBindValue(caller); // the number twice: the caller's own rows and the calls it made
        query.addBindValue(caller);
        if (query.exec())
            return true;
        *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
        return false;
    };
    // The ids first, into a table of this connection's own: a DELETE whose condition reads the table it deletes
    // from would stop matching a call's other rows once its first row is gone.
    bool ok = m_connection.execDirect("CREATE TEMP TABLE IF NOT EXISTS forgotten_ids (id INTEGER PRIMARY KEY)",
                                      errorMessage) &&
        m_connection.execDirect("DELETE FROM temp.forgotten_ids", errorMessage) &&
        run(QStringLiteral("INSERT INTO temp.forgotten_ids (id) SELECT id FROM exchanges WHERE ") + kForgotten);
    query.finish();
    if (ok) {
        ok = query.exec(QStringLiteral("SELECT count(*), count(DISTINCT nullif(call_id, '')) FROM exchanges WHERE id IN"
                                       " (SELECT id FROM temp.forgotten_ids)"));
        if (ok && query.next()) {
            result.exchanges = query.value(0).toLongLong();
            result.calls = query.value(1).toLongLong();
        } else {
            *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
        }
        query.finish();
    }
    // Details first: their delete trigger takes the bodies out of the search index.
    ok = ok &&
        m_connection.execDirect("DELETE FROM exchange_details WHERE exchange_id IN (SELECT id FROM temp.forgotten_ids)",
                                errorMessage) &&
        m_connection.execDirect("DELETE FROM exchanges WHERE id IN (SELECT id FROM temp.forgotten_ids)",
                                errorMessage) &&
        m_connection.execDirect("DELETE FROM temp.forgotten_ids", errorMessage);
    if (ok)
        ok = m_connection.commit(errorMessage);
    if (!ok) {
        m_connection.rollback();
        return std::nullopt;
    }
    return result;
}

bool HistoryForgetter::scrub(QString *errorMessage)
{
    // A removed row leaves its words in the index's old segments until they are merged; 'optimize' merges them all.
    if (!m_connection.execDirect("INSERT INTO exchange_search(exchange_search) VALUES ('optimize')", errorMessage) ||
        !m_connection.execDirect("VACUUM", errorMessage))
        return false;
    // The log still holds the pages as they were before; TRUNCATE copies what is current and cuts it to nothing.
    int logFrames = 0;
    int copiedFrames = 0;
    const int result = sqlite3_wal_checkpoint_v2(m_connection.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames,
                                                 &copiedFrames);
    if (result != SQLITE_OK) {
        *errorMessage = QStringLiteral("The write-ahead log could not be emptied while another program reads the "
                                       "history (%1); the forgotten exchanges leave it at the next checkpoint, when "
                                       "that program closes the history.")
                            .arg(m_connection.sqliteError(result));
        return false;
    }
    return true;
}

} // namespace dockside::history
