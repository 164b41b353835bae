// SPDX-License-Identifier: GPL-3.0-or-later

#include "searchindexer.h"

#include "historyconnection.h"
#include "historydatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>

namespace dockside::history {

SearchIndexer::SearchIndexer(HistoryConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

SearchIndexer::~SearchIndexer() = default;

void SearchIndexer::countPending()
{
    QSqlQuery pending(m_connection.database());
    if (pending.exec(QStringLiteral("SELECT count(*) FROM exchange_details WHERE exchange_id >"
                                    " (SELECT indexed_up_to FROM search_progress)")) &&
        pending.next())
        m_unindexedRows = pending.value(0).toLongLong();
}

void SearchIndexer::schedule()
{
    if (m_unindexedRows <= 0)
        return;
    if (m_unindexedRows >= kMaxBacklogRows) {
        indexPending(kChunkRows);
        if (m_unindexedRows <= 0)
            return;
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (indexPending(kChunkRows) && m_unindexedRows > 0)
                m_timer->start(0); // the next chunk after any appends that queued meanwhile
        });
    }
    m_timer->start(kIdleMs);
}

void SearchIndexer::catchUp()
{
    while (m_unindexedRows > 0 && indexPending(kChunkRows)) { }
    delete m_timer;
    m_timer = nullptr;
}

bool SearchIndexer::indexPending(qint64 maxRows)
{
    if (!m_connection.isOpen())
        return false;
    QSqlDatabase &database = m_connection.database();
    const QString &path = m_connection.path();
    QString errorMessage;
    if (!m_connection.begin(&errorMessage)) {
        Q_EMIT failed(errorMessage);
        return false;
    }
    QSqlQuery range(database);
    range.prepare(QStringLiteral("SELECT (SELECT indexed_up_to FROM search_progress), max(exchange_id), count(*) FROM"
                                 " (SELECT exchange_id FROM exchange_details WHERE exchange_id >"
                                 " (SELECT indexed_up_to FROM search_progress) ORDER BY exchange_id LIMIT ?)"));
    range.addBindValue(maxRows);
    bool ok = range.exec() && range.next();
    const qint64 from = ok ? range.value(0).toLongLong() : 0;
    const qint64 to = ok ? range.value(1).toLongLong() : 0;
    const qint64 rows = ok ? range.value(2).toLongLong() : 0;
    if (ok && rows > 0) {
        QSqlQuery index(database);
        index.prepare(
            QStringLiteral("INSERT INTO exchange_search(rowid, request_body, response_body) SELECT exchange_id,"
                           " CASE WHEN request_is_text THEN CAST(request_body AS TEXT) END,"
                           " CASE WHEN response_is_text THEN CAST(response_body AS TEXT) END"
                           " FROM exchange_details WHERE exchange_id > ? AND exchange_id <= ? ORDER BY exchange_id"));
        index.addBindValue(from);
        index.addBindValue(to);
        QSqlQuery progress(database);
        progress.prepare(QStringLiteral("UPDATE search_progress SET indexed_up_to = ?"));
        progress.addBindValue(to);
        ok = index.exec() && progress.exec();
        if (!ok)
            errorMessage =
                detail::describeSqlError(index.lastError().isValid() ? index.lastError() : progress.lastError(), path);
    } else if (!ok) {
        errorMessage = detail::describeSqlError(range.lastError(), path);
    }
    if (ok)
        ok = m_connection.commit(&errorMessage);
    if (!ok) {
        m_connection.rollback();
        Q_EMIT failed(errorMessage);
        return false;
    }
    m_unindexedRows = rows < maxRows ? 0 : std::max<qint64>(m_unindexedRows - rows, 1);
    return true;
}

} // namespace dockside::history
