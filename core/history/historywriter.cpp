#include "historywriter.h"

#include "historydatabase.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <algorithm>

#include <sqlite3.h>
#include <utility>

namespace dockside::history {

namespace {

// Bounds one transaction so the first answers of a long burst do not wait for the whole burst.
constexpr qsizetype kMaxBatch = 1000;
// Automatic retention runs after this many new rows, so its cost is spread thinly over the appends.
constexpr qint64 kRetentionInterval = 1000;
// Search indexing runs in chunks once appends pause for kIndexIdleMs, so FTS5 writes few, large segments and a
// burst of requests never waits for it; past kMaxIndexBacklogRows it runs between commits regardless.
constexpr qint64 kIndexChunkRows = 2000;
constexpr int kIndexIdleMs = 100;
constexpr qint64 kMaxIndexBacklogRows = 500000;
constexpr qint64 kMicrosecondsPerDay = qint64(86400) * 1000 * 1000;

QByteArray pathOf(const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

} // namespace

HistoryWriter::HistoryWriter(QObject *parent)
    : QObject(parent)
{
}

HistoryWriter::~HistoryWriter()
{
    closeDatabase();
}

bool HistoryWriter::open(const HistoryOptions &options, QString *errorMessage)
{
    m_options = options;
    if (!detail::checkDatabasePath(options.databasePath, true, errorMessage))
        return false;
    m_connectionName = detail::uniqueConnectionName(u"writer");
    m_database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_database.setDatabaseName(options.databasePath);
    m_database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_database.open()) {
        if (errorMessage)
            *errorMessage = detail::describeSqlError(m_database.lastError(), options.databasePath);
        closeDatabase();
        return false;
    }
    if (!detail::prepareSchema(m_database, options.databasePath, errorMessage) || !prepareStatements(errorMessage)) {
        closeDatabase();
        return false;
    }
    runRetention(false);
    // Rows a killed process committed but never indexed are indexed now.
    QSqlQuery pending(m_database);
    if (pending.exec(QStringLiteral("SELECT count(*) FROM exchange_details WHERE exchange_id >"
                                    " (SELECT indexed_up_to FROM search_progress)")) &&
        pending.next())
        m_unindexedRows = pending.value(0).toLongLong();
    return true;
}

void HistoryWriter::scheduleIndexing()
{
    if (m_unindexedRows <= 0)
        return;
    // Past the backlog limit indexing cannot wait for a quiet moment: searches scan the unindexed tail.
    if (m_unindexedRows >= kMaxIndexBacklogRows) {
        indexPending(kIndexChunkRows);
        if (m_unindexedRows <= 0)
            return;
    }
    if (!m_indexTimer) {
        m_indexTimer = new QTimer(this);
        m_indexTimer->setSingleShot(true);
        connect(m_indexTimer, &QTimer::timeout, this, [this] {
            if (indexPending(kIndexChunkRows) && m_unindexedRows > 0)
                m_indexTimer->start(0); // the next chunk after any appends that queued meanwhile
        });
    }
    // Restarted by every commit, so indexing runs when appends pause instead of stalling them.
    m_indexTimer->start(kIndexIdleMs);
}

bool HistoryWriter::indexPending(qint64 maxRows)
{
    if (!m_database.isOpen())
        return false;
    QString errorMessage;
    if (!detail::begin(m_database, m_options.databasePath, &errorMessage)) {
        Q_EMIT failed(errorMessage);
        return false;
    }
    QSqlQuery range(m_database);
    range.prepare(QStringLiteral("SELECT (SELECT indexed_up_to FROM search_progress), max(exchange_id), count(*) FROM"
                                 " (SELECT exchange_id FROM exchange_details WHERE exchange_id >"
                                 " (SELECT indexed_up_to FROM search_progress) ORDER BY exchange_id LIMIT ?)"));
    range.addBindValue(maxRows);
    bool ok = range.exec() && range.next();
    const qint64 from = ok ? range.value(0).toLongLong() : 0;
    const qint64 to = ok ? range.value(1).toLongLong() : 0;
    const qint64 rows = ok ? range.value(2).toLongLong() : 0;
    if (ok && rows > 0) {
        QSqlQuery index(m_database);
        index.prepare(
            QStringLiteral("INSERT INTO exchange_search(rowid, request_body, response_body) SELECT exchange_id,"
                           " CASE WHEN request_is_text THEN CAST(request_body AS TEXT) END,"
                           " CASE WHEN response_is_text THEN CAST(response_body AS TEXT) END"
                           " FROM exchange_details WHERE exchange_id > ? AND exchange_id <= ? ORDER BY exchange_id"));
        index.addBindValue(from);
        index.addBindValue(to);
        QSqlQuery progress(m_database);
        progress.prepare(QStringLiteral("UPDATE search_progress SET indexed_up_to = ?"));
        progress.addBindValue(to);
        ok = index.exec() && progress.exec();
        if (!ok)
            errorMessage = detail::describeSqlError(
                index.lastError().isValid() ? index.lastError() : progress.lastError(), m_options.databasePath);
    } else if (!ok) {
        errorMessage = detail::describeSqlError(range.lastError(), m_options.databasePath);
    }
    if (ok)
        ok = detail::commit(m_database, m_options.databasePath, &errorMessage);
    if (!ok) {
        detail::rollback(m_database);
        Q_EMIT failed(errorMessage);
        return false;
    }
    m_unindexedRows = rows < maxRows ? 0 : std::max<qint64>(m_unindexedRows - rows, 1);
    return true;
}

bool HistoryWriter::prepareStatements(QString *errorMessage)
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
        " signature_status, outcome_disposition, outcome_reason, error, request_size, response_size)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const char *const detailsSql =
        "INSERT INTO exchange_details (exchange_id, url, target, http_version, peer_address, peer_port,"
        " header_bytes, call_id, called_number, signed_string, template_id, rule_id, spoken_first,"
        " request_headers, request_body, request_is_text, response_headers, response_body, response_is_text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (sqlite3_prepare_v2(m_sqlite, exchangeSql, -1, &m_insertExchange, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(m_sqlite, detailsSql, -1, &m_insertDetails, nullptr) != SQLITE_OK) {
        if (errorMessage)
            *errorMessage = sqliteError(sqlite3_errcode(m_sqlite));
        return false;
    }
    return true;
}

QString HistoryWriter::sqliteError(int code) const
{
    const QSqlError error(QStringLiteral("SQLite"), QString::fromUtf8(sqlite3_errmsg(m_sqlite)),
                          QSqlError::StatementError, QString::number(code));
    return detail::describeSqlError(error, m_options.databasePath);
}

void HistoryWriter::enqueue(ExchangeRecord record, DurableCallback onDurable)
{
    bool schedule = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        m_queue.append({std::move(record), std::move(onDurable)});
        schedule = !std::exchange(m_flushScheduled, true);
    }
    // One flush per burst: everything queued before it runs goes into its transaction (group commit).
    if (schedule)
        QMetaObject::invokeMethod(this, &HistoryWriter::flush, Qt::QueuedConnection);
}

void HistoryWriter::flush()
{
    QList<Pending> batch;
    bool more = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        if (m_queue.size() <= kMaxBatch) {
            batch.swap(m_queue);
        } else {
            batch = m_queue.mid(0, kMaxBatch);
            m_queue.remove(0, kMaxBatch);
        }
        more = !m_queue.isEmpty();
        m_flushScheduled = more;
    }
    if (more)
        QMetaObject::invokeMethod(this, &HistoryWriter::flush, Qt::QueuedConnection);
    if (batch.isEmpty())
        return;

    CommittedBatch result;
    result.ids.reserve(batch.size());
    result.callbacks.reserve(batch.size());
    QString errorMessage;
    bool ok = m_database.isOpen();
    if (!ok)
        errorMessage = QStringLiteral("The history database is closed; the exchange was not stored.");
    if (ok)
        ok = detail::begin(m_database, m_options.databasePath, &errorMessage);
    for (const Pending &pending : std::as_const(batch)) {
        qint64 id = -1;
        if (ok)
            ok = insert(pending.record, &id, &errorMessage);
        result.ids.append(id);
        result.callbacks.append(pending.onDurable);
    }
    if (ok)
        ok = detail::commit(m_database, m_options.databasePath, &errorMessage);
    if (!ok) {
        if (m_database.isOpen())
            detail::rollback(m_database);
        result.ids.fill(-1);
        Q_EMIT failed(errorMessage + QStringLiteral(" %1 exchange(s) were not recorded.").arg(batch.size()));
    } else {
        m_committedBatches.fetch_add(1);
        m_rowsSinceRetention += batch.size();
    }
    result.committed = ok;
    Q_EMIT batchFinished(result);

    if (ok) {
        m_unindexedRows += batch.size();
        scheduleIndexing();
    }

    if (ok && m_rowsSinceRetention >= kRetentionInterval)
        runRetention(false);
}

namespace {

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

} // namespace

bool HistoryWriter::insert(const ExchangeRecord &record, qint64 *id, QString *errorMessage)
{
    const mock::CapturedRequest &request = record.request;
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
    const int detailsResult = sqlite3_step(details);
    sqlite3_reset(details);
    if (detailsResult != SQLITE_DONE) {
        *errorMessage = sqliteError(detailsResult);
        return false;
    }
    return true;
}

qint64 HistoryWriter::removeRows(const QString &exchangeCondition, const QVariant &value, QString *errorMessage)
{
    QSqlQuery query(m_database);
    // Details first: its delete trigger removes the bodies from the search index.
    query.prepare(QStringLiteral("DELETE FROM exchange_details WHERE exchange_id IN (SELECT id FROM exchanges WHERE ") +
                  exchangeCondition + QStringLiteral(")"));
    query.addBindValue(value);
    if (!query.exec()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_options.databasePath);
        return -1;
    }
    query.prepare(QStringLiteral("DELETE FROM exchanges WHERE ") + exchangeCondition);
    query.addBindValue(value);
    if (!query.exec()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_options.databasePath);
        return -1;
    }
    return query.numRowsAffected();
}

void HistoryWriter::applyRetention()
{
    runRetention(true);
}

void HistoryWriter::runRetention(bool announce)
{
    m_rowsSinceRetention = 0;
    if (!m_database.isOpen())
        return;
    if (m_options.maxRows <= 0 && m_options.maxAgeDays <= 0) {
        if (announce)
            Q_EMIT retentionApplied(0);
        return;
    }
    QString errorMessage;
    qint64 removed = 0;
    bool ok = detail::begin(m_database, m_options.databasePath, &errorMessage);
    if (ok && m_options.maxAgeDays > 0) {
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() * 1000 - m_options.maxAgeDays * kMicrosecondsPerDay;
        const qint64 rows = removeRows(QStringLiteral("received_at < ?"), cutoff, &errorMessage);
        ok = rows >= 0;
        removed += std::max<qint64>(rows, 0);
    }
    if (ok && m_options.maxRows > 0) {
        QSqlQuery newestRemoved(m_database);
        newestRemoved.prepare(QStringLiteral("SELECT id FROM exchanges ORDER BY id DESC LIMIT 1 OFFSET ?"));
        newestRemoved.addBindValue(m_options.maxRows);
        if (!newestRemoved.exec()) {
            errorMessage = detail::describeSqlError(newestRemoved.lastError(), m_options.databasePath);
            ok = false;
        } else if (newestRemoved.next()) {
            const qint64 cutoffId = newestRemoved.value(0).toLongLong();
            newestRemoved.finish();
            const qint64 rows = removeRows(QStringLiteral("id <= ?"), cutoffId, &errorMessage);
            ok = rows >= 0;
            removed += std::max<qint64>(rows, 0);
        }
    }
    if (ok)
        ok = detail::commit(m_database, m_options.databasePath, &errorMessage);
    if (!ok) {
        detail::rollback(m_database);
        Q_EMIT failed(errorMessage);
        return;
    }
    if (announce || removed > 0)
        Q_EMIT retentionApplied(removed);
}

bool HistoryWriter::execDirect(const char *statement, QString *errorMessage)
{
    const int result = sqlite3_exec(m_sqlite, statement, nullptr, nullptr, nullptr);
    if (result == SQLITE_OK)
        return true;
    *errorMessage = sqliteError(sqlite3_extended_errcode(m_sqlite));
    return false;
}

bool HistoryWriter::onlySearchTriggerOnExchanges(bool *only, QString *errorMessage)
{
    QSqlQuery query(m_database);
    if (!query.exec(
            QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
                           " ('exchanges', 'exchange_details') AND name <> 'exchange_details_search_delete'")) ||
        !query.next()) {
        *errorMessage = detail::describeSqlError(query.lastError(), m_options.databasePath);
        return false;
    }
    *only = query.value(0).toLongLong() == 0;
    return true;
}

qint64 HistoryWriter::removeEverything(QString *errorMessage)
{
    bool fast = false;
    if (!onlySearchTriggerOnExchanges(&fast, errorMessage))
        return -1;
    if (!fast) {
        // Triggers this code does not know: each runs per row as the schema intends; slower, but nothing goes stale.
        if (!execDirect("DELETE FROM exchange_details", errorMessage) ||
            !execDirect("DELETE FROM exchanges", errorMessage))
            return -1;
        return sqlite3_changes64(m_sqlite);
    }
    // The search index empties in one command. With triggers off SQLite truncates both tables instead of deleting a
    // million rows one by one, each reading its bodies for a search trigger that has nothing left to remove.
    if (!execDirect("INSERT INTO exchange_search(exchange_search) VALUES ('delete-all')", errorMessage))
        return -1;
    int enabled = 0;
    sqlite3_db_config(m_sqlite, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &enabled);
    const bool ok =
        execDirect("DELETE FROM exchange_details", errorMessage) && execDirect("DELETE FROM exchanges", errorMessage);
    const qint64 removed = ok ? sqlite3_changes64(m_sqlite) : -1;
    sqlite3_db_config(m_sqlite, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &enabled);
    return removed;
}

void HistoryWriter::clear()
{
    if (!m_database.isOpen()) {
        Q_EMIT failed(QStringLiteral("The history database is closed; nothing was cleared."));
        return;
    }
    // Debian builds SQLite with secure delete, which overwrites every freed page: the whole file written once more.
    // FAST skips that; the VACUUM below leaves none of the removed bodies in the file anyway.
    QSqlQuery secureDelete(m_database);
    const int previousSecureDelete = secureDelete.exec(QStringLiteral("PRAGMA secure_delete")) && secureDelete.next()
        ? secureDelete.value(0).toInt()
        : 1;
    secureDelete.finish();
    QString errorMessage;
    qint64 removed = -1;
    bool ok = execDirect("PRAGMA secure_delete = FAST", &errorMessage) &&
        detail::begin(m_database, m_options.databasePath, &errorMessage);
    if (ok) {
        removed = removeEverything(&errorMessage);
        ok = removed >= 0;
    }
    // Ids are never reused (AUTOINCREMENT), so every later row lies past this mark and is indexed as it comes.
    if (ok)
        ok = execDirect("UPDATE search_progress SET indexed_up_to = max(indexed_up_to,"
                        " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'exchanges'), 0))",
                        &errorMessage);
    if (ok)
        ok = detail::commit(m_database, m_options.databasePath, &errorMessage);
    if (!ok)
        detail::rollback(m_database);
    QString restoreError;
    execDirect(QByteArray("PRAGMA secure_delete = " + QByteArray::number(previousSecureDelete)).constData(),
               &restoreError);
    if (!ok) {
        Q_EMIT failed(errorMessage + QStringLiteral(" Nothing was cleared."));
        return;
    }
    m_unindexedRows = 0;
    m_rowsSinceRetention = 0;
    // Compacting an emptied file copies only what is left (nothing, or rows another program wrote since): milliseconds,
    // and the space goes back to the disk. A VACUUM of a full history would copy all of it, so only a clear runs one.
    QString compactError;
    const bool compacted = execDirect("VACUUM", &compactError);
    if (compacted)
        sqlite3_wal_checkpoint_v2(m_sqlite, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    Q_EMIT cleared(removed);
    if (!compacted)
        Q_EMIT failed(QStringLiteral("The history was cleared, but its file could not be compacted, so it keeps its "
                                     "size until new exchanges reuse the space: ") +
                      compactError);
}

void HistoryWriter::shutdown(QThread *owner)
{
    for (;;) {
        {
            const QMutexLocker locker(&m_queueMutex);
            if (m_queue.isEmpty())
                break;
        }
        flush();
    }
    // The search index catches up before the file is closed, so a clean stop leaves nothing to index.
    while (m_unindexedRows > 0 && indexPending(kIndexChunkRows)) { }
    delete m_indexTimer;
    m_indexTimer = nullptr;
    closeDatabase();
    moveToThread(owner);
}

void HistoryWriter::closeDatabase()
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

} // namespace dockside::history
