// SPDX-License-Identifier: GPL-3.0-or-later

#include "spoolprogress.h"

#include "historyconnection.h"
#include "historydatabase.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dockside::history {

SpoolProgress::SpoolProgress(HistoryConnection &connection)
    : m_connection(connection)
{
}

QHash<QString, qint64> SpoolProgress::load()
{
    QHash<QString, qint64> imported;
    QSqlQuery query(m_connection.database());
    if (query.exec(QStringLiteral("SELECT spool, imported_bytes FROM spool_progress"))) {
        while (query.next())
            imported.insert(query.value(0).toString(), query.value(1).toLongLong());
    }
    return imported;
}

bool SpoolProgress::record(const QString &spool, qint64 endOffset, QString *errorMessage)
{
    QSqlQuery query(m_connection.database());
    query.prepare(QStringLiteral("INSERT INTO spool_progress (spool, imported_bytes) VALUES (?, ?)"
                                 " ON CONFLICT (spool) DO UPDATE SET imported_bytes = excluded.imported_bytes"));
    query.addBindValue(spool);
    query.addBindValue(endOffset);
    if (query.exec())
        return true;
    *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
    return false;
}

void SpoolProgress::forget(const QString &spool)
{
    QSqlQuery query(m_connection.database());
    query.prepare(QStringLiteral("DELETE FROM spool_progress WHERE spool = ?"));
    query.addBindValue(spool);
    query.exec();
}

} // namespace dockside::history
