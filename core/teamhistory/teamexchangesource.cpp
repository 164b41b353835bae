// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamexchangesource.h"

#include "teamrow.h"

#include "history/exchangerecordcodec.h"
#include "history/historydatabase.h"

#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

#include <limits>

namespace dockside::teamhistory {

using history::ExchangeSummary;
using history::HistoryFilter;

namespace {

// Escapes LIKE's wildcards so a caller prefix matches literally and the text_pattern_ops index serves the range.
QString likePrefix(const QString &prefix)
{
    QString pattern;
    pattern.reserve(prefix.size() + 2);
    for (const QChar c : prefix) {
        if (c == u'\\' || c == u'%' || c == u'_')
            pattern += QChar(u'\\');
        pattern += c;
    }
    return pattern + QChar(u'%');
}

struct Where {
    QStringList conditions;
    QVariantList values;

    QString text() const
    {
        return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
};

Where whereOf(const HistoryFilter &filter)
{
    Where where;
    if (!filter.idRanges.isEmpty()) {
        QStringList ranges;
        for (const history::IdRange &range : filter.idRanges) {
            ranges << QStringLiteral("id BETWEEN ? AND ?");
            where.values << range.first << range.last;
        }
        where.conditions << QStringLiteral("(") + ranges.join(QStringLiteral(" OR ")) + QStringLiteral(")");
    }
    if (!filter.eventTypes.isEmpty()) {
        QStringList placeholders;
        for (const QString &eventType : filter.eventTypes) {
            placeholders << QStringLiteral("coalesce(CAST(? AS text), '')"); // a null QString binds as NULL: ''
            where.values << eventType;
        }
        where.conditions << QStringLiteral("event_type IN (") + placeholders.join(QChar(u',')) + QStringLiteral(")");
    }
    if (filter.direction) {
        where.conditions << QStringLiteral("direction = ?");
        where.values << (*filter.direction == history::Direction::Outbound ? 1 : 0);
    }
    if (!filter.caller.isEmpty()) {
        where.conditions << QStringLiteral("caller LIKE ?");
        where.values << likePrefix(filter.caller);
    }
    if (filter.status) {
        where.conditions << QStringLiteral("status = ?");
        where.values << *filter.status;
    }
    if (!filter.callId.isEmpty()) {
        where.conditions << QStringLiteral("call_id = ?");
        where.values << filter.callId;
    } else if (filter.inCallsOnly) {
        where.conditions << QStringLiteral("call_id <> ''");
    }
    if (!filter.outcomeReason.isEmpty()) {
        where.conditions << QStringLiteral("outcome_reason = ?");
        where.values << filter.outcomeReason;
    }
    if (filter.fromUs) {
        where.conditions << QStringLiteral("received_at >= ?");
        where.values << *filter.fromUs;
    }
    if (filter.toUs) {
        where.conditions << QStringLiteral("received_at < ?");
        where.values << *filter.toUs;
    }
    // Words without a letter or digit add no condition, as in the SQLite history.
    if (const QString query = teamSearchQuery(filter.text); !query.isEmpty()) {
        where.conditions << QStringLiteral("search @@ to_tsquery('simple', ?)");
        where.values << query;
    }
    return where;
}

const QString kSummaryColumns =
    QStringLiteral("id, direction, received_at, method, path, event_type, caller, status, latency_us, signature_status,"
                   " outcome_disposition, outcome_reason, error, request_size, response_size, relay, call_id");

// PostgreSQL's SQLSTATE for a statement cancelled on request.
const QString kQueryCanceled = QStringLiteral("57014");

} // namespace

TeamExchangeSource::TeamExchangeSource()
    : m_connection(QStringLiteral("read"))
{
}

TeamExchangeSource::~TeamExchangeSource()
{
    close();
}

bool TeamExchangeSource::open(const TeamDatabase &database, const QString &password, QString *errorMessage)
{
    close();
    if (!connect(database, password, errorMessage))
        return false;
    m_database = database;
    m_password = password;
    return true;
}

void TeamExchangeSource::close()
{
    disconnect();
    m_database.reset();
    m_password.clear();
}

bool TeamExchangeSource::connect(const TeamDatabase &database, const QString &password, QString *errorMessage)
{
    if (!m_connection.open(database, password, false, errorMessage))
        return false;
    if (PGconn *connection = m_connection.handle()) {
        const QMutexLocker locker(&m_cancelMutex);
        m_cancel = PQgetCancel(connection);
    }
    return true;
}

void TeamExchangeSource::disconnect()
{
    endSnapshot();
    {
        const QMutexLocker locker(&m_cancelMutex);
        if (m_cancel)
            PQfreeCancel(std::exchange(m_cancel, nullptr));
    }
    m_connection.close();
}

// A connection the server dropped (restart, network, an administrator) costs one failed request: this opens it again.
bool TeamExchangeSource::connected()
{
    m_lastError.clear();
    m_interrupted = false;
    if (!m_database) {
        m_lastError = QStringLiteral("The team history is not open.");
        return false;
    }
    if (!m_connection.isBroken())
        return true;
    disconnect();
    QString message;
    if (!connect(*m_database, m_password, &message)) {
        m_lastError =
            QStringLiteral("The connection to the team history was lost and could not be made again: %1").arg(message);
        return false;
    }
    return true;
}

void TeamExchangeSource::interrupt()
{
    const QMutexLocker locker(&m_cancelMutex);
    if (!m_cancel)
        return;
    char reason[256];
    PQcancel(m_cancel, reason, sizeof reason); // a cancel that arrives between statements does nothing
}

bool TeamExchangeSource::run(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    QString message;
    if (m_connection.run(query, statement, values, &message))
        return true;
    m_interrupted = query.lastError().nativeErrorCode() == kQueryCanceled;
    m_lastError = m_interrupted ? QStringLiteral("The query was interrupted.") : message;
    if (m_connection.isBroken()) {
        m_inSnapshot = false;
        m_lastError = QStringLiteral("The connection to the team history was lost (%1); the next request connects "
                                     "again.")
                          .arg(message);
    }
    return false;
}

qint64 TeamExchangeSource::count(const HistoryFilter &filter)
{
    if (!connected())
        return -1;
    const Where where = whereOf(filter);
    QSqlQuery query(m_connection.database());
    if (!run(query, QStringLiteral("SELECT count(*) FROM dockside_exchanges") + where.text(), where.values) ||
        !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<ExchangeSummary> TeamExchangeSource::page(const HistoryFilter &filter, qint64 offset, int limit,
                                                Qt::SortOrder order)
{
    return summaries(filter, std::nullopt, offset, limit, order);
}

QList<ExchangeSummary> TeamExchangeSource::pageAfter(const HistoryFilter &filter, qint64 afterId, qint64 skip,
                                                     int limit, Qt::SortOrder order)
{
    return summaries(filter, afterId, skip, limit, order);
}

QList<ExchangeSummary> TeamExchangeSource::summaries(const HistoryFilter &filter, std::optional<qint64> afterId,
                                                     qint64 offset, int limit, Qt::SortOrder order)
{
    Where where = whereOf(filter);
    const bool ascending = order == Qt::AscendingOrder;
    if (afterId) {
        where.conditions << (ascending ? QStringLiteral("id > ?") : QStringLiteral("id < ?"));
        where.values << *afterId;
    }
    QString statement = QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM dockside_exchanges") +
        where.text() + (ascending ? QStringLiteral(" ORDER BY id") : QStringLiteral(" ORDER BY id DESC")) +
        QStringLiteral(" LIMIT ? OFFSET ?");
    where.values << limit << offset;
    QList<ExchangeSummary> rows;
    if (!connected())
        return rows;
    QSqlQuery query(m_connection.database());
    if (!run(query, statement, where.values))
        return rows;
    while (query.next())
        rows.append(history::detail::summaryFromRow(query));
    return rows;
}

qint64 TeamExchangeSource::maxId()
{
    if (!connected())
        return -1;
    QSqlQuery query(m_connection.database());
    if (!run(query, QStringLiteral("SELECT coalesce(max(id), 0) FROM dockside_exchanges"), {}) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

std::optional<history::ExchangeRecord> TeamExchangeSource::load(qint64 id)
{
    if (!connected())
        return std::nullopt;
    QSqlQuery query(m_connection.database());
    if (!run(query, QStringLiteral("SELECT record FROM dockside_exchanges WHERE id = ?"), {id}))
        return std::nullopt;
    if (!query.next())
        return std::nullopt;
    std::optional<history::ExchangeRecord> record = history::decodeRecord(query.value(0).toByteArray());
    if (!record) {
        m_lastError = QStringLiteral("Exchange %1 in the team history was written in a form this Dockside cannot read; "
                                     "update Dockside.")
                          .arg(id);
        return std::nullopt;
    }
    record->id = id;
    return record;
}

bool TeamExchangeSource::beginSnapshot()
{
    if (m_inSnapshot)
        return true;
    if (!connected())
        return false;
    QSqlQuery query(m_connection.database());
    // REPEATABLE READ takes its snapshot at the first statement, so read now.
    if (!run(query, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"), {}))
        return false;
    if (!run(query, QStringLiteral("SELECT 1"), {})) {
        rollback();
        return false;
    }
    m_inSnapshot = true;
    return true;
}

void TeamExchangeSource::endSnapshot()
{
    if (std::exchange(m_inSnapshot, false))
        rollback(); // a read-only transaction has nothing to lose
}

void TeamExchangeSource::rollback()
{
    if (m_connection.isOpen())
        QSqlQuery(m_connection.database()).exec(QStringLiteral("ROLLBACK"));
}

} // namespace dockside::teamhistory
