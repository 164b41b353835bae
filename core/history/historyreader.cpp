// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyreader.h"

#include "exchangerecordcodec.h"
#include "exchangeredactor.h"
#include "historydatabase.h"

#include <QDir>
#include <QIODevice>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

#include <sqlite3.h>

namespace dockside::history {

namespace {

// Escapes GLOB's wildcards so a caller prefix matches literally and the caller index still serves the range.
QString globPrefix(const QString &prefix)
{
    QString pattern;
    pattern.reserve(prefix.size() + 4);
    for (const QChar c : prefix) {
        const bool wildcard = c == u'*' || c == u'?' || c == u'[';
        if (wildcard)
            pattern += QChar(u'[');
        pattern += c;
        if (wildcard)
            pattern += QChar(u']');
    }
    return pattern + QChar(u'*');
}

// Exclusive id bounds, applied to whichever column carries the id in a query part.
struct IdBounds {
    std::optional<qint64> above;
    std::optional<qint64> below;
};

IdBounds narrowed(IdBounds bounds, const QList<IdRange> &ranges)
{
    if (ranges.isEmpty())
        return bounds;
    qint64 lowest = std::numeric_limits<qint64>::max();
    qint64 highest = std::numeric_limits<qint64>::min();
    for (const IdRange &range : ranges) {
        lowest = std::min(lowest, range.first);
        highest = std::max(highest, range.last);
    }
    if (lowest > std::numeric_limits<qint64>::min())
        bounds.above = std::max(bounds.above.value_or(lowest - 1), lowest - 1);
    if (highest < std::numeric_limits<qint64>::max())
        bounds.below = std::min(bounds.below.value_or(highest + 1), highest + 1);
    return bounds;
}

void addBounds(const QString &column, const IdBounds &bounds, QStringList &conditions, QVariantList &values)
{
    if (bounds.above) {
        conditions << column + QStringLiteral(" > ?");
        values << *bounds.above;
    }
    if (bounds.below) {
        conditions << column + QStringLiteral(" < ?");
        values << *bounds.below;
    }
}

// Every field but the text, on the exchanges table aliased e. A single id range is left to the bounds, which hold
// exactly it: SQLite seeks on one lower and one upper rowid bound, and a second one can make it scan instead.
void addFieldConditions(const HistoryFilter &filter, QStringList &conditions, QVariantList &values)
{
    // One call's exchanges are a handful found by the call index; a unary + keeps SQLite from choosing a column's
    // own index instead (the direction index would scan every exchange of that direction).
    const QString column = filter.callId.isEmpty() ? QStringLiteral("e.") : QStringLiteral("+e.");
    if (filter.idRanges.size() > 1) {
        QStringList ranges;
        for (const IdRange &range : filter.idRanges) {
            ranges << QStringLiteral("e.id BETWEEN ? AND ?");
            values << range.first << range.last;
        }
        conditions << QStringLiteral("(") + ranges.join(QStringLiteral(" OR ")) + QStringLiteral(")");
    }
    if (!filter.eventTypes.isEmpty()) {
        QStringList placeholders;
        for (const QString &eventType : filter.eventTypes) {
            placeholders << QStringLiteral("coalesce(?, '')"); // a null QString binds as NULL; it means ''
            values << eventType;
        }
        conditions << column + QStringLiteral("event_type IN (") + placeholders.join(QChar(u',')) + QStringLiteral(")");
    }
    if (filter.direction) {
        conditions << column + QStringLiteral("direction = ?");
        values << (*filter.direction == Direction::Outbound ? 1 : 0);
    }
    if (!filter.caller.isEmpty()) {
        conditions << column + QStringLiteral("caller GLOB ?");
        values << globPrefix(filter.caller);
    }
    if (filter.status) {
        conditions << column + QStringLiteral("status = ?");
        values << *filter.status;
    }
    if (!filter.callId.isEmpty()) {
        conditions << QStringLiteral("e.call_id = ?");
        values << filter.callId;
    } else if (filter.inCallsOnly) {
        conditions << QStringLiteral("+e.call_id > ''"); // walked in id order, never by the call index
    }
    if (!filter.outcomeReason.isEmpty()) {
        conditions << column + QStringLiteral("outcome_reason = ?");
        values << filter.outcomeReason;
    }
    if (filter.fromUs) {
        conditions << QStringLiteral("e.received_at >= ?");
        values << *filter.fromUs;
    }
    if (filter.toUs) {
        conditions << QStringLiteral("e.received_at < ?");
        values << *filter.toUs;
    }
}

// A stretch of the matching rows that one statement reads in id order. A text search has two: the rows in the
// full-text index, read in id order from the index itself so a page stops once it has its rows, and the newer rows
// not indexed yet (indexing runs in batches), searched in their bodies directly.
struct QueryPart {
    QString from; // exchanges as e, joined as the part needs
    QString countFrom; // a cheaper FROM for counting when no condition needs the exchanges table
    QString idColumn;
    QString where;
    QVariantList values;
};

QString whereOf(const QStringList &conditions)
{
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

// The parts in the given order of ids; indexedUpTo is search_progress.indexed_up_to, read once so both text parts
// split the ids at the same place however far indexing runs meanwhile.
QList<QueryPart> queryParts(const HistoryFilter &filter, IdBounds bounds, Qt::SortOrder order, qint64 indexedUpTo)
{
    bounds = narrowed(bounds, filter.idRanges);
    QStringList fieldConditions;
    QVariantList fieldValues;
    addFieldConditions(filter, fieldConditions, fieldValues);
    const QString match = ftsQuery(filter.text);
    if (match.isEmpty()) {
        QueryPart part;
        part.from = QStringLiteral("exchanges e");
        part.countFrom = part.from;
        part.idColumn = QStringLiteral("e.id");
        QStringList conditions;
        addBounds(part.idColumn, bounds, conditions, part.values);
        part.where = whereOf(conditions + fieldConditions);
        part.values += fieldValues;
        return {part};
    }

    QueryPart indexed;
    indexed.from = QStringLiteral("exchange_search s CROSS JOIN exchanges e ON e.id = s.rowid");
    indexed.countFrom = fieldConditions.isEmpty() ? QStringLiteral("exchange_search s") : indexed.from;
    indexed.idColumn = QStringLiteral("s.rowid");
    QStringList conditions {QStringLiteral("s.exchange_search MATCH ?")};
    indexed.values << match;
    IdBounds indexedBounds = bounds;
    indexedBounds.below = std::min(bounds.below.value_or(indexedUpTo + 1), indexedUpTo + 1);
    addBounds(indexed.idColumn, indexedBounds, conditions, indexed.values);
    indexed.where = whereOf(conditions + fieldConditions);
    indexed.values += fieldValues;

    QueryPart tail;
    tail.from = QStringLiteral("exchanges e JOIN exchange_details t ON t.exchange_id = e.id");
    tail.countFrom = tail.from;
    tail.idColumn = QStringLiteral("e.id");
    conditions.clear();
    IdBounds tailBounds = bounds;
    tailBounds.above = std::max(bounds.above.value_or(indexedUpTo), indexedUpTo);
    addBounds(tail.idColumn, tailBounds, conditions, tail.values);
    for (const QString &token : searchTokens(filter.text)) {
        conditions << QStringLiteral("((t.request_is_text AND instr(lower(CAST(t.request_body AS TEXT)), ?) > 0) OR"
                                     " (t.response_is_text AND instr(lower(CAST(t.response_body AS TEXT)), ?) > 0))");
        tail.values << token << token;
    }
    tail.where = whereOf(conditions + fieldConditions);
    tail.values += fieldValues;
    return order == Qt::AscendingOrder ? QList<QueryPart> {indexed, tail} : QList<QueryPart> {tail, indexed};
}

const QString kSummaryColumns = QStringLiteral(
    "e.id, e.direction, e.received_at, e.method, e.path, e.event_type, e.caller, e.status, e.latency_us,"
    " e.signature_status, e.outcome_disposition, e.outcome_reason, e.error, e.request_size, e.response_size, e.relay,"
    " e.call_id");

const QString kRecordColumns = QStringLiteral(
    "e.id, e.direction, e.received_at, e.method, e.event_type, e.caller, e.status, e.latency_us, e.signature_status,"
    " e.outcome_disposition, e.outcome_reason, e.error, d.url, d.target, d.http_version, d.peer_address, d.peer_port,"
    " d.header_bytes, d.call_id, d.called_number, d.signed_string, d.template_id, d.rule_id, d.spoken_first,"
    " d.request_headers, d.request_body, d.response_headers, d.response_body, d.connect_us, d.first_byte_us,"
    " d.signature_diagnosis_code, d.signature_diagnosis, d.forwarded, d.clock_note");

std::optional<ExchangeRecord> recordFromRow(const QSqlQuery &query)
{
    ExchangeRecord record;
    base::CapturedRequest &request = record.request;
    int column = 0;
    record.id = query.value(column++).toLongLong();
    record.direction = detail::directionFromColumn(query.value(column++));
    request.receivedAtUs = query.value(column++).toLongLong();
    request.method = query.value(column++).toString().toLatin1();
    record.eventType = query.value(column++).toString();
    record.callerNumber = query.value(column++).toString();
    record.responseStatus = query.value(column++).toInt();
    record.latencyUs = query.value(column++).toLongLong();
    record.signatureStatus = query.value(column++).toString();
    record.outcomeDisposition = query.value(column++).toString();
    record.outcomeReason = query.value(column++).toString();
    record.error = query.value(column++).toString();
    record.url = query.value(column++).toString();
    request.target = query.value(column++).toByteArray();
    request.httpVersion = query.value(column++).toByteArray();
    request.peerAddress = query.value(column++).toString();
    request.peerPort = static_cast<quint16>(query.value(column++).toUInt());
    request.headerBytes = query.value(column++).toLongLong();
    record.callId = query.value(column++).toString();
    record.calledNumber = query.value(column++).toString();
    record.signedString = query.value(column++).toByteArray();
    record.templateId = query.value(column++).toString();
    record.ruleId = query.value(column++).toString();
    record.spokenFirst = query.value(column++).toString();
    const auto requestHeaders = detail::decodeHeaders(query.value(column++).toByteArray());
    request.body = query.value(column++).toByteArray();
    const auto responseHeaders = detail::decodeHeaders(query.value(column++).toByteArray());
    record.responseBody = query.value(column++).toByteArray();
    const QVariant connectUs = query.value(column++);
    const QVariant firstByteUs = query.value(column++);
    record.signatureDiagnosisCode = query.value(column++).toString();
    record.signatureDiagnosis = query.value(column++).toString();
    if (!connectUs.isNull())
        record.connectUs = connectUs.toLongLong();
    if (!firstByteUs.isNull())
        record.firstByteUs = firstByteUs.toLongLong();
    if (const QVariant forwarded = query.value(column++); !forwarded.isNull()) {
        record.forwarded = decodeForwardedLeg(forwarded.toByteArray());
        if (!record.forwarded)
            return std::nullopt;
    }
    record.clockNote = query.value(column++).toString();
    if (!requestHeaders || !responseHeaders)
        return std::nullopt;
    request.headers = *requestHeaders;
    record.responseHeaders = *responseHeaders;
    return record;
}

bool isInterruption(const QSqlError &error)
{
    return error.isValid() && (error.nativeErrorCode().toInt() & 0xff) == SQLITE_INTERRUPT;
}

} // namespace

HistoryReader::~HistoryReader()
{
    close();
}

bool HistoryReader::open(const QString &databasePath, QString *errorMessage)
{
    close();
    if (!detail::checkDatabasePath(databasePath, false, errorMessage))
        return false;
    m_path = databasePath;
    m_connectionName = detail::uniqueConnectionName(u"reader");
    m_database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_database.setDatabaseName(databasePath);
    m_database.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    QString message;
    if (!m_database.open())
        message = detail::describeSqlError(m_database.lastError(), databasePath);
    if (message.isEmpty()) {
        QSqlQuery query(m_database);
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
            message = detail::describeSqlError(query.lastError(), databasePath);
        else if (const int version = query.value(0).toInt(); version > 0 && version < detail::kSchemaVersion)
            message = QStringLiteral("The history %1 was written by an older Dockside (schema %2, this version reads "
                                     "%3). Open it once in Dockside or with `dockside-cli serve`, which upgrade it.")
                          .arg(QDir::toNativeSeparators(databasePath))
                          .arg(version)
                          .arg(detail::kSchemaVersion);
        else if (version != detail::kSchemaVersion)
            message = QStringLiteral("The file %1 is not a Dockside history database this version can read (schema %2, "
                                     "expected %3).")
                          .arg(QDir::toNativeSeparators(databasePath))
                          .arg(version)
                          .arg(detail::kSchemaVersion);
    }
    if (!message.isEmpty()) {
        close();
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    const QVariant handle = m_database.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        const QMutexLocker locker(&m_handleMutex);
        m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    }
    return true;
}

void HistoryReader::close()
{
    if (m_connectionName.isEmpty())
        return;
    endSnapshot();
    {
        const QMutexLocker locker(&m_handleMutex);
        m_sqlite = nullptr;
    }
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

void HistoryReader::interrupt()
{
    const QMutexLocker locker(&m_handleMutex);
    if (m_sqlite)
        sqlite3_interrupt(m_sqlite);
}

bool HistoryReader::inTransaction()
{
    const QMutexLocker locker(&m_handleMutex);
    return m_sqlite && sqlite3_get_autocommit(m_sqlite) == 0;
}

void HistoryReader::rollback()
{
    // An interrupt meant for a statement that just finished can catch the ROLLBACK instead; the next one runs.
    for (int attempt = 0; attempt < 3 && inTransaction(); ++attempt)
        QSqlQuery(m_database).exec(QStringLiteral("ROLLBACK"));
}

bool HistoryReader::beginSnapshot()
{
    if (m_inSnapshot)
        return true;
    rollback();
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("BEGIN"), {}))
        return false;
    // A deferred transaction takes its read snapshot at the first read, so read now.
    query.finish();
    const bool read = run(query, QStringLiteral("SELECT 1 FROM exchanges LIMIT 1"), {});
    if (read)
        query.next();
    if (!read || !finished(query)) {
        query.finish();
        rollback();
        return false;
    }
    query.finish();
    m_inSnapshot = true;
    return true;
}

void HistoryReader::endSnapshot()
{
    if (!m_inSnapshot)
        return;
    m_inSnapshot = false;
    // A read transaction has nothing to lose: its end only lets the reader see newer commits.
    rollback();
}

bool HistoryReader::finished(const QSqlQuery &query)
{
    if (!query.lastError().isValid())
        return true;
    m_interrupted = isInterruption(query.lastError());
    m_lastError = m_interrupted ? QStringLiteral("The query was interrupted.")
                                : detail::describeSqlError(query.lastError(), m_path);
    return false;
}

bool HistoryReader::checkFilter(const HistoryFilter &filter)
{
    if (filter.idRanges.size() <= HistoryFilter::kMaxIdRanges)
        return true;
    m_interrupted = false;
    m_lastError = QStringLiteral("%1 separate groups of exchanges were asked for; at most %2 fit in one query. Select "
                                 "fewer separate groups, or export everything that matches the filter.")
                      .arg(filter.idRanges.size())
                      .arg(HistoryFilter::kMaxIdRanges);
    return false;
}

bool HistoryReader::run(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    m_lastError.clear();
    m_interrupted = false;
    if (!m_database.isOpen()) {
        m_lastError = QStringLiteral("The history is not open.");
        return false;
    }
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return finished(query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return finished(query);
    return true;
}

bool HistoryReader::readIndexedUpTo(const HistoryFilter &filter, qint64 *indexedUpTo)
{
    *indexedUpTo = 0;
    if (ftsQuery(filter.text).isEmpty())
        return true;
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT indexed_up_to FROM search_progress"), {}))
        return false;
    if (!query.next()) {
        if (finished(query))
            m_lastError = QStringLiteral("The search index of %1 has no progress record; the file is damaged.")
                              .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    *indexedUpTo = query.value(0).toLongLong();
    return true;
}

qint64 HistoryReader::count(const HistoryFilter &filter)
{
    qint64 indexedUpTo = 0;
    if (!checkFilter(filter) || !readIndexedUpTo(filter, &indexedUpTo))
        return -1;
    qint64 total = 0;
    const QList<QueryPart> parts = queryParts(filter, {}, Qt::DescendingOrder, indexedUpTo);
    for (const QueryPart &part : parts) {
        QSqlQuery query(m_database);
        if (!run(query, QStringLiteral("SELECT count(*) FROM ") + part.countFrom + part.where, part.values))
            return -1;
        if (!query.next()) {
            if (finished(query))
                m_lastError = QStringLiteral("The history gave no count.");
            return -1;
        }
        total += query.value(0).toLongLong();
    }
    return total;
}

qint64 HistoryReader::maxId()
{
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT coalesce(max(id), 0) FROM exchanges"), {}))
        return -1;
    if (!query.next()) {
        if (finished(query))
            m_lastError = QStringLiteral("The history gave no newest id.");
        return -1;
    }
    return query.value(0).toLongLong();
}

QList<ExchangeSummary> HistoryReader::page(const HistoryFilter &filter, qint64 offset, int limit, Qt::SortOrder order)
{
    return summaries(filter, std::nullopt, offset, limit, order);
}

QList<ExchangeSummary> HistoryReader::pageAfter(const HistoryFilter &filter, qint64 afterId, qint64 skip, int limit,
                                                Qt::SortOrder order)
{
    return summaries(filter, afterId, skip, limit, order);
}

QList<ExchangeSummary> HistoryReader::summaries(const HistoryFilter &filter, std::optional<qint64> afterId, qint64 skip,
                                                int limit, Qt::SortOrder order)
{
    QList<ExchangeSummary> result;
    qint64 indexedUpTo = 0;
    if (limit <= 0 || !checkFilter(filter) || !readIndexedUpTo(filter, &indexedUpTo))
        return result;
    IdBounds bounds;
    if (afterId && order == Qt::AscendingOrder)
        bounds.above = *afterId;
    else if (afterId)
        bounds.below = *afterId;
    const QString direction = order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    skip = std::max<qint64>(skip, 0);
    const QList<QueryPart> parts = queryParts(filter, bounds, order, indexedUpTo);
    for (const QueryPart &part : parts) {
        const qsizetype wanted = limit - result.size();
        if (wanted <= 0)
            break;
        QSqlQuery query(m_database);
        QVariantList values = part.values;
        values << wanted << skip;
        if (!run(query,
                 QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM ") + part.from + part.where +
                     QStringLiteral(" ORDER BY ") + part.idColumn + direction + QStringLiteral(" LIMIT ? OFFSET ?"),
                 values))
            return {};
        const qsizetype before = result.size();
        while (query.next())
            result.append(detail::summaryFromRow(query));
        if (!finished(query))
            return {};
        if (result.size() > before || skip == 0 || &part == &parts.constLast()) {
            skip = 0;
            continue;
        }
        // Nothing of this part was left after the skip: the rest of the skip applies to the next part.
        QSqlQuery counter(m_database);
        if (!run(counter, QStringLiteral("SELECT count(*) FROM ") + part.countFrom + part.where, part.values) ||
            !counter.next()) {
            if (m_lastError.isEmpty() && finished(counter))
                m_lastError = QStringLiteral("The history gave no count.");
            return {};
        }
        skip = std::max<qint64>(skip - counter.value(0).toLongLong(), 0);
    }
    return result;
}

std::optional<ExchangeRecord> HistoryReader::load(qint64 id)
{
    QSqlQuery query(m_database);
    if (!run(query,
             QStringLiteral("SELECT ") + kRecordColumns +
                 QStringLiteral(" FROM exchanges e JOIN exchange_details d ON d.exchange_id = e.id WHERE e.id = ?"),
             {id}))
        return std::nullopt;
    if (!query.next()) {
        if (finished(query))
            m_lastError = QStringLiteral("Exchange %1 is not in the history (any more).").arg(id);
        return std::nullopt;
    }
    auto record = recordFromRow(query);
    if (!record)
        m_lastError = QStringLiteral("The headers of exchange %1 in %2 are damaged.").arg(id).arg(m_path);
    return record;
}

std::optional<QList<ExchangeRecord>> HistoryReader::loadAfter(qint64 afterId, int limit)
{
    QSqlQuery query(m_database);
    if (!run(query,
             QStringLiteral("SELECT ") + kRecordColumns +
                 QStringLiteral(" FROM exchanges e JOIN exchange_details d ON d.exchange_id = e.id WHERE e.id > ?"
                                " ORDER BY e.id LIMIT ?"),
             {afterId, limit}))
        return std::nullopt;
    QList<ExchangeRecord> records;
    while (query.next()) {
        std::optional<ExchangeRecord> record = recordFromRow(query);
        if (!record) {
            m_lastError = QStringLiteral("The headers of exchange %1 in %2 are damaged.")
                              .arg(query.value(0).toLongLong())
                              .arg(m_path);
            return std::nullopt;
        }
        records.append(std::move(*record));
    }
    if (!finished(query))
        return std::nullopt;
    return records;
}

bool HistoryReader::exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format,
                                  QString *errorMessage, const ExportProgress &progress, ExchangeRedactor *redactor)
{
    ExchangeExportWriter writer(device, format, progress, redactor);
    qint64 indexedUpTo = 0;
    if (!checkFilter(filter) || !readIndexedUpTo(filter, &indexedUpTo)) {
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }
    if (!writer.begin(errorMessage))
        return false;
    for (const QueryPart &part : queryParts(filter, {}, Qt::AscendingOrder, indexedUpTo)) {
        QSqlQuery query(m_database);
        if (!run(query,
                 QStringLiteral("SELECT ") + kRecordColumns + QStringLiteral(" FROM ") + part.from +
                     QStringLiteral(" JOIN exchange_details d ON d.exchange_id = e.id") + part.where +
                     QStringLiteral(" ORDER BY ") + part.idColumn + QStringLiteral(" ASC"),
                 part.values)) {
            if (errorMessage)
                *errorMessage = m_lastError;
            return false;
        }
        while (query.next()) {
            std::optional<ExchangeRecord> record = recordFromRow(query);
            if (!record) {
                if (errorMessage)
                    *errorMessage =
                        QStringLiteral("The headers of exchange %1 in %2 are damaged; the export stopped there.")
                            .arg(query.value(0).toLongLong())
                            .arg(m_path);
                return false;
            }
            if (!writer.write(std::move(*record), errorMessage))
                return false;
        }
        if (!finished(query)) {
            if (errorMessage)
                *errorMessage = m_lastError;
            return false;
        }
    }
    return writer.end(errorMessage);
}

} // namespace dockside::history
