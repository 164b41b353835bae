// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyconnection.h"

#include "exchangerecordcodec.h"

#include "historydatabase.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include <sqlite3.h>

namespace dockside::history {

namespace {

QByteArray pathOf(const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

// Binders for the raw statements; SQLITE_TRANSIENT copies, so temporaries may go right after the call.
void bindText(sqlite3_stmt *statement, int column, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(statement, column, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void bindBlob(sqlite3_stmt *statement, int column, const QByteArray &bytes)
{
    if (bytes.isNull())
        sqlite3_bind_null(statement, column);
    else
        sqlite3_bind_blob(statement, column, bytes.isEmpty() ? "" : bytes.constData(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT);
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
    const base::CapturedRequest &request = record.request;
    sqlite3_stmt *exchange = m_insertExchange;
    int column = 1;
    sqlite3_bind_int(exchange, column++, record.direction == Direction::Outbound ? 1 : 0);
    sqlite3_bind_int64(exchange, column++, request.receivedAtUs);
    bindText(exchange, column++, QString::fromLatin1(request.method));
    bindText(exchange, column++, QString::fromUtf8(pathOf(request.target)));
    bindText(exchange, column++, record.eventType);
    bindText(exchange, column++, record.callerNumber);
    sqlite3_bind_int(exchange, column++, record.responseStatus);
    sqlite3_bind_int64(exchange, column++, record.latencyUs);
    bindText(exchange, column++, record.signatureStatus);
    bindText(exchange, column++, record.outcomeDisposition);
    bindText(exchange, column++, record.outcomeReason);
    bindText(exchange, column++, record.error);
    sqlite3_bind_int64(exchange, column++, request.body.size());
    sqlite3_bind_int64(exchange, column++, record.responseBody.size());
    sqlite3_bind_int(exchange, column++, static_cast<int>(relayMarkOf(record)));
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
    bindBlob(details, column++, request.target);
    bindBlob(details, column++, request.httpVersion);
    bindText(details, column++, request.peerAddress);
    sqlite3_bind_int(details, column++, request.peerPort);
    sqlite3_bind_int64(details, column++, request.headerBytes);
    bindText(details, column++, record.callId);
    bindText(details, column++, record.calledNumber);
    bindBlob(details, column++, record.signedString);
    bindText(details, column++, record.templateId);
    bindText(details, column++, record.ruleId);
    bindText(details, column++, record.spokenFirst);
    bindBlob(details, column++, detail::encodeHeaders(request.headers));
    bindBlob(details, column++, request.body);
    sqlite3_bind_int(details, column++, detail::isText(request.body) ? 1 : 0);
    bindBlob(details, column++, detail::encodeHeaders(record.responseHeaders));
    bindBlob(details, column++, record.responseBody);
    sqlite3_bind_int(details, column++, detail::isText(record.responseBody) ? 1 : 0);
    bindOptional(details, column++, record.connectUs);
    bindOptional(details, column++, record.firstByteUs);
    bindText(details, column++, record.signatureDiagnosisCode);
    bindText(details, column++, record.signatureDiagnosis);
    if (record.forwarded)
        bindBlob(details, column++, encodeForwardedLeg(*record.forwarded));
    else
        sqlite3_bind_null(details, column++);
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
