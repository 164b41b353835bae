#include "historyreader.h"

#include "exchangejson.h"
#include "historydatabase.h"

#include <QDir>
#include <QIODevice>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace dockside::history {

namespace {

struct WhereClause {
    QString sql;
    QVariantList values;
};

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

WhereClause whereClause(const HistoryFilter &filter)
{
    QStringList conditions;
    WhereClause clause;
    if (const QString match = ftsQuery(filter.text); !match.isEmpty()) {
        // The newest rows may not be indexed yet (indexing runs in batches); they are searched directly.
        QStringList tail;
        for (const QString &token : searchTokens(filter.text)) {
            tail << QStringLiteral("((t.request_is_text AND instr(lower(CAST(t.request_body AS TEXT)), ?) > 0) OR"
                                   " (t.response_is_text AND instr(lower(CAST(t.response_body AS TEXT)), ?) > 0))");
            clause.values << token << token;
        }
        const QString tailSearch =
            QStringLiteral("e.id IN (SELECT t.exchange_id FROM exchange_details t WHERE t.exchange_id >"
                           " (SELECT indexed_up_to FROM search_progress) AND ") +
            tail.join(QStringLiteral(" AND ")) + QStringLiteral(")");
        conditions << QStringLiteral("(") + tailSearch +
                QStringLiteral(" OR e.id IN (SELECT rowid FROM exchange_search WHERE exchange_search MATCH ?))");
        clause.values << match;
    }
    if (!filter.eventTypes.isEmpty()) {
        QStringList placeholders;
        for (const QString &eventType : filter.eventTypes) {
            placeholders << QStringLiteral("coalesce(?, '')"); // a null QString binds as NULL; it means ''
            clause.values << eventType;
        }
        conditions << QStringLiteral("e.event_type IN (") + placeholders.join(QChar(u',')) + QStringLiteral(")");
    }
    if (filter.direction) {
        conditions << QStringLiteral("e.direction = ?");
        clause.values << (*filter.direction == Direction::Outbound ? 1 : 0);
    }
    if (!filter.caller.isEmpty()) {
        conditions << QStringLiteral("e.caller GLOB ?");
        clause.values << globPrefix(filter.caller);
    }
    if (filter.status) {
        conditions << QStringLiteral("e.status = ?");
        clause.values << *filter.status;
    }
    if (!filter.outcomeReason.isEmpty()) {
        conditions << QStringLiteral("e.outcome_reason = ?");
        clause.values << filter.outcomeReason;
    }
    if (filter.fromUs) {
        conditions << QStringLiteral("e.received_at >= ?");
        clause.values << *filter.fromUs;
    }
    if (filter.toUs) {
        conditions << QStringLiteral("e.received_at < ?");
        clause.values << *filter.toUs;
    }
    if (!conditions.isEmpty())
        clause.sql = QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    return clause;
}

const QString kSummaryColumns = QStringLiteral(
    "e.id, e.direction, e.received_at, e.method, e.path, e.event_type, e.caller, e.status, e.latency_us,"
    " e.signature_status, e.outcome_disposition, e.outcome_reason, e.error, e.request_size, e.response_size");

const QString kRecordColumns = QStringLiteral(
    "e.id, e.direction, e.received_at, e.method, e.event_type, e.caller, e.status, e.latency_us, e.signature_status,"
    " e.outcome_disposition, e.outcome_reason, e.error, d.url, d.target, d.http_version, d.peer_address, d.peer_port,"
    " d.header_bytes, d.call_id, d.called_number, d.signed_string, d.template_id, d.rule_id, d.spoken_first,"
    " d.request_headers, d.request_body, d.response_headers, d.response_body"
    " FROM exchanges e JOIN exchange_details d ON d.exchange_id = e.id");

Direction directionFromColumn(const QVariant &value)
{
    return value.toInt() == 1 ? Direction::Outbound : Direction::Inbound;
}

ExchangeSummary summaryFromRow(const QSqlQuery &query)
{
    ExchangeSummary summary;
    int column = 0;
    summary.id = query.value(column++).toLongLong();
    summary.direction = directionFromColumn(query.value(column++));
    summary.receivedAtUs = query.value(column++).toLongLong();
    summary.method = query.value(column++).toString();
    summary.path = query.value(column++).toString();
    summary.eventType = query.value(column++).toString();
    summary.callerNumber = query.value(column++).toString();
    summary.responseStatus = query.value(column++).toInt();
    summary.latencyUs = query.value(column++).toLongLong();
    summary.signatureStatus = query.value(column++).toString();
    summary.outcomeDisposition = query.value(column++).toString();
    summary.outcomeReason = query.value(column++).toString();
    summary.error = query.value(column++).toString();
    summary.requestBodySize = query.value(column++).toLongLong();
    summary.responseBodySize = query.value(column++).toLongLong();
    return summary;
}

std::optional<ExchangeRecord> recordFromRow(const QSqlQuery &query)
{
    ExchangeRecord record;
    mock::CapturedRequest &request = record.request;
    int column = 0;
    record.id = query.value(column++).toLongLong();
    record.direction = directionFromColumn(query.value(column++));
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
    if (!requestHeaders || !responseHeaders)
        return std::nullopt;
    request.headers = *requestHeaders;
    record.responseHeaders = *responseHeaders;
    return record;
}

bool writeAll(QIODevice *device, const QByteArray &bytes, QString *errorMessage)
{
    if (device->write(bytes) == bytes.size())
        return true;
    if (errorMessage)
        *errorMessage = QStringLiteral("The export could not be written: %1").arg(device->errorString());
    return false;
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
        else if (query.value(0).toInt() != detail::kSchemaVersion)
            message = QStringLiteral("The file %1 is not a Dockside history database this version can read (schema %2, "
                                     "expected %3).")
                          .arg(QDir::toNativeSeparators(databasePath))
                          .arg(query.value(0).toInt())
                          .arg(detail::kSchemaVersion);
    }
    if (!message.isEmpty()) {
        close();
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    return true;
}

void HistoryReader::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool HistoryReader::run(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    m_lastError.clear();
    if (!m_database.isOpen()) {
        m_lastError = QStringLiteral("The history is not open.");
        return false;
    }
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        m_lastError = detail::describeSqlError(query.lastError(), m_path);
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = detail::describeSqlError(query.lastError(), m_path);
        return false;
    }
    return true;
}

qint64 HistoryReader::count(const HistoryFilter &filter)
{
    const WhereClause where = whereClause(filter);
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT count(*) FROM exchanges e") + where.sql, where.values) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<ExchangeSummary> HistoryReader::page(const HistoryFilter &filter, qint64 offset, int limit, Qt::SortOrder order)
{
    QList<ExchangeSummary> summaries;
    if (limit <= 0)
        return summaries;
    WhereClause where = whereClause(filter);
    where.values << limit << std::max<qint64>(offset, 0);
    QSqlQuery query(m_database);
    const QString direction = order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    if (!run(query,
             QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM exchanges e") + where.sql +
                 QStringLiteral(" ORDER BY e.id") + direction + QStringLiteral(" LIMIT ? OFFSET ?"),
             where.values))
        return summaries;
    summaries.reserve(std::min(limit, 1000));
    while (query.next())
        summaries.append(summaryFromRow(query));
    return summaries;
}

std::optional<ExchangeRecord> HistoryReader::load(qint64 id)
{
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT ") + kRecordColumns + QStringLiteral(" WHERE e.id = ?"), {id}))
        return std::nullopt;
    if (!query.next())
        return std::nullopt;
    auto record = recordFromRow(query);
    if (!record)
        m_lastError = QStringLiteral("The headers of exchange %1 in %2 are damaged.").arg(id).arg(m_path);
    return record;
}

bool HistoryReader::exportJson(const HistoryFilter &filter, QIODevice *device, QString *errorMessage)
{
    return exportRecords(filter, device, ExportFormat::Json, errorMessage);
}

bool HistoryReader::exportHar(const HistoryFilter &filter, QIODevice *device, QString *errorMessage)
{
    return exportRecords(filter, device, ExportFormat::Har, errorMessage);
}

bool HistoryReader::exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format,
                                  QString *errorMessage)
{
    if (!device || !device->isWritable()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The export target is not open for writing.");
        return false;
    }
    const WhereClause where = whereClause(filter);
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT ") + kRecordColumns + where.sql + QStringLiteral(" ORDER BY e.id ASC"),
             where.values)) {
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }

    QByteArray opening;
    if (format == ExportFormat::Har) {
        const QByteArray creator = QJsonDocument(harCreator()).toJson(QJsonDocument::Compact);
        opening = QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":") + creator +
            QByteArrayLiteral(",\"entries\":[\n");
    } else {
        opening = QByteArrayLiteral("{\"format\":\"dockside-history\",\"version\":1,\"exchanges\":[\n");
    }
    if (!writeAll(device, opening, errorMessage))
        return false;
    bool first = true;
    while (query.next()) {
        const auto record = recordFromRow(query);
        if (!record) {
            if (errorMessage)
                *errorMessage =
                    QStringLiteral("The headers of exchange %1 in %2 are damaged; the export stopped there.")
                        .arg(query.value(0).toLongLong())
                        .arg(m_path);
            return false;
        }
        const QJsonObject object = format == ExportFormat::Har ? exchangeToHarEntry(*record) : exchangeToJson(*record);
        QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
        if (!first)
            line.prepend(",\n");
        first = false;
        if (!writeAll(device, line, errorMessage))
            return false;
    }
    if (query.lastError().isValid()) {
        if (errorMessage)
            *errorMessage = detail::describeSqlError(query.lastError(), m_path);
        return false;
    }
    return writeAll(device, format == ExportFormat::Har ? QByteArrayLiteral("\n]}}\n") : QByteArrayLiteral("\n]}\n"),
                    errorMessage);
}

} // namespace dockside::history
