// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyretention.h"

#include "historyconnection.h"
#include "historydatabase.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace dockside::history {

namespace {

constexpr qint64 kMicrosecondsPerDay = qint64(86400) * 1000 * 1000;

} // namespace

HistoryRetention::HistoryRetention(HistoryConnection &connection)
    : m_connection(connection)
{
}

qint64 HistoryRetention::apply(QString *errorMessage)
{
    m_rowsSinceRun = 0;
    if (!hasLimits())
        return 0;
    qint64 removed = 0;
    bool ok = m_connection.begin(errorMessage);
    if (ok && m_options.maxAgeDays > 0) {
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() * 1000 - m_options.maxAgeDays * kMicrosecondsPerDay;
        const qint64 rows = removeRows(QStringLiteral("received_at < ?"), cutoff, errorMessage);
        ok = rows >= 0;
        removed += std::max<qint64>(rows, 0);
    }
    if (ok && m_options.maxRows > 0) {
        QSqlQuery newestRemoved(m_connection.database());
        newestRemoved.prepare(QStringLiteral("SELECT id FROM exchanges ORDER BY id DESC LIMIT 1 OFFSET ?"));
        newestRemoved.addBindValue(m_options.maxRows);
        if (!newestRemoved.exec()) {
            *errorMessage = detail::describeSqlError(newestRemoved.lastError(), m_connection.path());
            ok = false;
        } else if (newestRemoved.next()) {
            const qint64 cutoffId = newestRemoved.value(0).toLongLong();
            newestRemoved.finish();
            const qint64 rows = removeRows(QStringLiteral("id <= ?"), cutoffId, errorMessage);
            ok = rows >= 0;
            removed += std::max<qint64>(rows, 0);
        }
    }
    if (ok)
        ok = m_connection.commit(errorMessage);
    if (!ok) {
        m_connection.rollback();
        return -1;
    }
    return removed;
}

qint64 HistoryRetention::removeRows(const QString &exchangeCondition, const QVariant &value, QString *errorMessage)
{
    QSqlQuery query(m_connection.database());
    // Details first: its delete trigger removes the bodies from the search index.
    query.prepare(QStringLiteral("DELETE FROM exchange_details WHERE exchange_id IN (SELECT id FROM exchanges WHERE ") +
                  exchangeCondition + QStringLiteral(")"));
    query.addBindValue(value);
    if (!query.exec()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
        return -1;
    }
    query.prepare(QStringLiteral("DELETE FROM exchanges WHERE ") + exchangeCondition);
    query.addBindValue(value);
    if (!query.exec()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_connection.path());
        return -1;
    }
    return query.numRowsAffected();
}

} // namespace dockside::history
