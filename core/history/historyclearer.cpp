// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyclearer.h"

#include "historyconnection.h"
#include "historydatabase.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace dockside::history {

HistoryClearer::HistoryClearer(HistoryConnection &connection)
    : m_connection(connection)
{
}

qint64 HistoryClearer::removeAll(QString *errorMessage)
{
    // Debian builds SQLite with secure delete, which overwrites every freed page: the whole file written once more.
    // FAST skips that; the VACUUM after the clear leaves none of the removed bodies in the file anyway.
    QSqlQuery secureDelete(m_connection.database());
    const int previousSecureDelete = secureDelete.exec(QStringLiteral("PRAGMA secure_delete")) && secureDelete.next()
        ? secureDelete.value(0).toInt()
        : 1;
    secureDelete.finish();
    qint64 removed = -1;
    bool ok = m_connection.execDirect("PRAGMA secure_delete = FAST", errorMessage) && m_connection.begin(errorMessage);
    if (ok) {
        removed = removeEverything(errorMessage);
        ok = removed >= 0;
    }
    // Ids are never reused (AUTOINCREMENT), so every later row lies past this mark and is indexed as it comes.
    if (ok)
        ok = m_connection.execDirect("UPDATE search_progress SET indexed_up_to = max(indexed_up_to,"
                                     " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'exchanges'), 0))",
                                     errorMessage);
    if (ok)
        ok = m_connection.commit(errorMessage);
    if (!ok)
        m_connection.rollback();
    QString restoreError;
    m_connection.execDirect(
        QByteArray("PRAGMA secure_delete = " + QByteArray::number(previousSecureDelete)).constData(), &restoreError);
    return ok ? removed : -1;
}

bool HistoryClearer::compact(QString *errorMessage)
{
    // A VACUUM of a full history would copy all of it, so only a clear runs one.
    if (!m_connection.execDirect("VACUUM", errorMessage))
        return false;
    sqlite3_wal_checkpoint_v2(m_connection.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return true;
}

bool HistoryClearer::onlySearchTriggerOnExchanges(bool *only, QString *errorMessage)
{
    QSqlQuery query(m_connection.database());
    if (!query.exec(
            QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
                           " ('exchanges', 'exchange_details') AND name <> 'exchange_details_search_delete'")) ||
        !query.next()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
        return false;
    }
    *only = query.value(0).toLongLong() == 0;
    return true;
}

qint64 HistoryClearer::removeEverything(QString *errorMessage)
{
    bool fast = false;
    if (!onlySearchTriggerOnExchanges(&fast, errorMessage))
        return -1;
    sqlite3 *handle = m_connection.handle();
    if (!fast) {
        // Triggers this code does not know: each runs per row as the schema intends; slower, but nothing goes stale.
        if (!m_connection.execDirect("DELETE FROM exchange_details", errorMessage) ||
            !m_connection.execDirect("DELETE FROM exchanges", errorMessage))
            return -1;
        return sqlite3_changes64(handle);
    }
    // The search index empties in one command. With triggers off SQLite truncates both tables instead of deleting a
    // million rows one by one, each reading its bodies for a search trigger that has nothing left to remove.
    if (!m_connection.execDirect("INSERT INTO exchange_search(exchange_search) VALUES ('delete-all')", errorMessage))
        return -1;
    int enabled = 0;
    sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &enabled);
    const bool ok = m_connection.execDirect("DELETE FROM exchange_details", errorMessage) &&
        m_connection.execDirect("DELETE FROM exchanges", errorMessage);
    const qint64 removed = ok ? sqlite3_changes64(handle) : -1;
    sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &enabled);
    return removed;
}

} // namespace dockside::history
