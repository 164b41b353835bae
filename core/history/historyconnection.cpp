// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyconnection.h"

#include "exchangerecordcodec.h"

#include "historydatabase.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include <algorithm>

#include <sqlite3.h>

namespace dockside::history {

namespace {

// The binders hand SQLite the spool record's own bytes (SQLITE_STATIC): they outlive the statement's step, and every
// insert binds every column again, so no binding outlives its bytes into a later step.
void bindText(sqlite3_stmt *statement, int column, QByteArrayView utf8)
{
    // The columns are NOT NULL: a null text is stored empty, as it always was.
    sqlite3_bind_text(statement, column, utf8.isNull() ? "" : utf8.data(), static_cast<int>(utf8.size()),
                      SQLITE_STATIC);
}

void bindBlob(sqlite3_stmt *statement, int column, QByteArrayView bytes)
{
    if (bytes.isNull())
        sqlite3_bind_null(statement, column);
    else
        sqlite3_bind_blob(statement, column, bytes.isEmpty() ? "" : bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_STATIC);
}

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char byte) { return static_cast<unsigned char>(byte) < 0x80; });
}

void bindOptional(sqlite3_stmt *statement, int column, const std::optional<qint64> &value)
{
    if (value)
        sqlite3_bind_int64(statement, column, *value);
    else
        sqlite3_bind_null(statement, column);
}

} // namespace

HistoryConnection::~HistoryConnection()
{
    close();
}

bool HistoryConnection::open(const QString &databasePath, QString *errorMessage)
{
    close();
    m_path = databasePath;
    m_openNotice.clear();
    if (!detail::checkDatabasePath(databasePath, true, errorMessage) ||
        !detail::secureDatabaseFiles(databasePath, &m_openNotice, errorMessage))
        return false;
    m_connectionName = detail::uniqueConnectionName(u"writer");
    m_database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_database.setDatabaseName(databasePath);
    m_database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_database.open()) {
        if (errorMessage)
            *errorMessage = detail::describeSqlError(m_database.lastError(), databasePath);
        close();
        return false;
    }
    if (!detail::prepareSchema(m_database, databasePath, errorMessage) || !prepareStatements(errorMessage)) {
        close();
        return false;
    }
    return true;
}

void HistoryConnection::close()
{
    if (m_connectionName.isEmpty())
        return;
    sqlite3_finalize(m_insertExchange);
    sqlite3_finalize(m_insertDetails);
    m_insertExchange = nullptr;
    m_insertDetails = nullptr;
    m_sqlite = nullptr;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool HistoryConnection::begin(QString *errorMessage)
{
    return detail::begin(m_database, m_path, errorMessage);
}

bool HistoryConnection::commit(QString *errorMessage)
{
    return detail::commit(m_database, m_path, errorMessage);
}

void HistoryConnection::rollback()
{
    detail::rollback(m_database);
}

bool HistoryConnection::prepareStatements(QString *errorMessage)
{
    const QVariant handle = m_database.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    if (m_sqlite == nullptr) {
        if (errorMessage)
            *errorMessage =
                QStringLiteral("Qt's SQLite driver gave no database handle; the history cannot be written.");
        return false;
    }
    const char *const exchangeSql =
        "INSERT INTO exchanges (direction, received_at, method, path, event_type, caller, status, latency_us,"
        " signature_status, outcome_disposition, outcome_reason, error, request_size, response_size, relay, call_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const char *const detailsSql =
        "INSERT INTO exchange_details (exchange_id, url, target, http_version, peer_address, peer_port,"
        " header_bytes, call_id, called_number, signed_string, template_id, rule_id, spoken_first,"
        " request_headers, request_body, request_is_text, response_headers, response_body, response_is_text,"
        " connect_us, first_byte_us, signature_diagnosis_code, signature_diagnosis, forwarded, clock_note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (sqlite3_prepare_v2(m_sqlite, exchangeSql, -1, &m_insertExchange, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(m_sqlite, detailsSql, -1, &m_insertDetails, nullptr) != SQLITE_OK) {
        if (errorMessage)
            *errorMessage = sqliteError(sqlite3_errcode(m_sqlite));
        return false;
    }
    return true;
}

QString HistoryConnection::sqliteError(int code) const
{
    const QSqlError error(QStringLiteral("SQLite"), QString::fromUtf8(sqlite3_errmsg(m_sqlite)),
                          QSqlError::StatementError, QString::number(code));
    return detail::describeSqlError(error, m_path);
}

bool HistoryConnection::execDirect(const char *statement, QString *errorMessage)
{
    const int result = sqlite3_exec(m_sqlite, statement, nullptr, nullptr, nullptr);
    if (result == SQLITE_OK)
        return true;
    *errorMessage = sqliteError(sqlite3_extended_errcode(m_sqlite));
    return false;
}

bool HistoryConnection::insert(const ExchangeRecord &record, qint64 *id, QString *errorMessage)
{
    // The spool's form is the one the columns are bound from, so both ways in store the same bytes.
    const QByteArray encoded = encodeRecord(record);
    const std::optional<SpooledRecordView> view = viewRecord(encoded);
    return view && insert(*view, id, errorMessage);
}

bool HistoryConnection::insert(const SpooledRecordView &record, qint64 *id, QString *errorMessage)
{
    // The method column holds the method's Latin-1 as UTF-8 and the path the target's UTF-8 made valid: in practice
    // the bytes themselves, converted only when they are not.
    QByteArray convertedMethod;
    QByteArrayView method = record.method;
    if (!isAscii(method)) {
        convertedMethod = QString::fromLatin1(method).toUtf8();
        method = convertedMethod;
    }
    QByteArrayView path = record.target;
    if (const qsizetype question = path.indexOf('?'); question >= 0)
        path = path.first(question);
    QByteArray convertedPath;
    if (!path.isValidUtf8()) {
        convertedPath = QString::fromUtf8(path).toUtf8();
        path = convertedPath;
    }

    sqlite3_stmt *exchange = m_insertExchange;
    int column = 1;
    sqlite3_bind_int(exchange, column++, record.direction == Direction::Outbound ? 1 : 0);
    sqlite3_bind_int64(exchange, column++, record.receivedAtUs);
    bindText(exchange, column++, method);
    bindText(exchange, column++, path);
    bindText(exchange, column++, record.eventType);
    bindText(exchange, column++, record.callerNumber);
    sqlite3_bind_int(exchange, column++, record.responseStatus);
    sqlite3_bind_int64(exchange, column++, record.latencyUs);
    bindText(exchange, column++, record.signatureStatus);
    bindText(exchange, column++, record.outcomeDisposition);
    bindText(exchange, column++, record.outcomeReason);
    bindText(exchange, column++, record.error);
    sqlite3_bind_int64(exchange, column++, record.requestBody.size());
    sqlite3_bind_int64(exchange, column++, record.responseBody.size());
    sqlite3_bind_int(exchange, column++, static_cast<int>(record.relayMark));
    bindText(exchange, column++, record.callId);
    const int exchangeResult = sqlite3_step(exchange);
    sqlite3_reset(exchange);
    if (exchangeResult != SQLITE_DONE) {
        *errorMessage = sqliteError(exchangeResult);
        return false;
    }
    *id = sqlite3_last_insert_rowid(m_sqlite);

    sqlite3_stmt *details = m_insertDetails;
    column = 1;
    sqlite3_bind_int64(details, column++, *id);
    bindText(details, column++, record.url);
    bindBlob(details, column++, record.target);
    bindBlob(details, column++, record.httpVersion);
    bindText(details, column++, record.peerAddress);
    sqlite3_bind_int(details, column++, record.peerPort);
    sqlite3_bind_int64(details, column++, record.headerBytes);
    bindText(details, column++, record.callId);
    bindText(details, column++, record.calledNumber);
    bindBlob(details, column++, record.signedString);
    bindText(details, column++, record.templateId);
    bindText(details, column++, record.ruleId);
    bindText(details, column++, record.spokenFirst);
    bindBlob(details, column++, record.requestHeaders);
    bindBlob(details, column++, record.requestBody);
    sqlite3_bind_int(details, column++, detail::isText(record.requestBody) ? 1 : 0);
    bindBlob(details, column++, record.responseHeaders);
    bindBlob(details, column++, record.responseBody);
    sqlite3_bind_int(details, column++, detail::isText(record.responseBody) ? 1 : 0);
    bindOptional(details, column++, record.connectUs);
    bindOptional(details, column++, record.firstByteUs);
    bindText(details, column++, record.signatureDiagnosisCode);
    bindText(details, column++, record.signatureDiagnosis);
    bindBlob(details, column++, record.forwarded);
    bindText(details, column++, record.clockNote);
    const int detailsResult = sqlite3_step(details);
    sqlite3_reset(details);
    if (detailsResult != SQLITE_DONE) {
        *errorMessage = sqliteError(detailsResult);
        return false;
    }
    return true;
}

} // namespace dockside::history
