#include "historywriter.h"

#include "exchangerecordcodec.h"
#include "historydatabase.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <algorithm>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace dockside::history {

namespace {

// Spooled records are copied into SQLite this often: large transactions cost a fraction of small ones per row,
// and the timeline still shows a new exchange within a blink.
constexpr int kImportIntervalMs = 25;
constexpr int kImportRetryMs = 1000;
constexpr qint64 kMaxImportBytes = qint64(4) * 1024 * 1024;
// Above this arrival rate the copy waits for a pause of kQuietMs, checking every kDeferredCheckMs, unless the spool
// holds more than kMaxDeferredBytes; a window's thousand requests a second are copied live.
constexpr double kLiveImportRate = 5000;
constexpr qint64 kRateWindowMs = 250;
constexpr qint64 kQuietMs = 100;
constexpr int kDeferredCheckMs = 50;
constexpr qint64 kMaxDeferredBytes = qint64(512) * 1024 * 1024;
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
    m_clock.start();
    // What a killed process left in its spool is copied in the background, like new traffic.
    adoptOrphanedSpools();
    if (m_importScheduled)
        scheduleImport();
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
        " request_headers, request_body, request_is_text, response_headers, response_body, response_is_text,"
        " connect_us, first_byte_us)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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

void HistoryWriter::enqueue(const SpooledBatch &batch)
{
    if (!batch.file)
        return;
    bool schedule = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        auto state = std::find_if(m_spools.begin(), m_spools.end(),
                                  [&batch](const SpoolState &known) { return known.file == batch.file; });
        if (state == m_spools.end()) {
            m_spools.append({batch.file, 0, 0, 0, false});
            state = m_spools.end() - 1;
        }
        m_spooledBytes.fetch_add(batch.endOffset - state->writtenOffset);
        state->writtenOffset = batch.endOffset;
        state->pendingRecords += batch.records;
        state->finished = state->finished || batch.finished;
        m_backlog.fetch_add(batch.records);
        schedule = !std::exchange(m_importScheduled, true);
    }
    m_arrivals.fetch_add(batch.records);
    m_lastArrivalMs.store(m_clock.elapsed());
    if (schedule)
        QMetaObject::invokeMethod(this, &HistoryWriter::scheduleImport, Qt::QueuedConnection);
}

void HistoryWriter::scheduleImport()
{
    if (!m_importTimer) {
        m_importTimer = new QTimer(this);
        m_importTimer->setSingleShot(true);
        connect(m_importTimer, &QTimer::timeout, this, &HistoryWriter::importTick);
    }
    if (!m_importTimer->isActive())
        m_importTimer->start(kImportIntervalMs);
}

void HistoryWriter::importTick()
{
    const qint64 now = m_clock.elapsed();
    if (now - m_rateWindowStartMs >= kRateWindowMs) {
        const qint64 arrivals = m_arrivals.load();
        m_arrivalRate = double(arrivals - m_rateWindowArrivals) * 1000.0 / double(now - m_rateWindowStartMs);
        m_rateWindowArrivals = arrivals;
        m_rateWindowStartMs = now;
    }
    // Under heavy traffic the copy waits for a pause, so it never takes the CPU the answers need; the spool holds
    // the records on disk meanwhile (the search index waits the same way). Past a bound it copies regardless.
    const bool quiet = now - m_lastArrivalMs.load() >= kQuietMs;
    const bool due = quiet || m_arrivalRate <= kLiveImportRate || m_spooledBytes.load() >= kMaxDeferredBytes;
    if (due && importNext()) {
        m_importFailing = false;
        scheduleIndexing();
        if (m_rowsSinceRetention >= kRetentionInterval)
            runRetention(false);
    }
    const QMutexLocker locker(&m_queueMutex);
    if (!hasSpooled()) {
        m_importScheduled = false;
        return;
    }
    m_importTimer->start(m_importFailing ? kImportRetryMs : due ? 0 : kDeferredCheckMs);
}

bool HistoryWriter::hasSpooled()
{
    return std::any_of(m_spools.cbegin(), m_spools.cend(), [](const SpoolState &state) {
        return state.finished || state.writtenOffset > state.importedOffset;
    });
}

bool HistoryWriter::importAll()
{
    for (;;) {
        {
            const QMutexLocker locker(&m_queueMutex);
            if (!hasSpooled())
                return true;
        }
        if (!importNext())
            return false;
    }
}

QHash<const SpoolFile *, qint64> HistoryWriter::spooledMarks()
{
    const QMutexLocker locker(&m_queueMutex);
    QHash<const SpoolFile *, qint64> marks;
    for (const SpoolState &state : std::as_const(m_spools))
        marks.insert(state.file.get(), state.writtenOffset);
    return marks;
}

bool HistoryWriter::importUpTo(const QHash<const SpoolFile *, qint64> &marks)
{
    for (;;) {
        bool behind = false;
        {
            const QMutexLocker locker(&m_queueMutex);
            for (const SpoolState &state : std::as_const(m_spools))
                behind = behind || state.importedOffset < marks.value(state.file.get(), 0);
        }
        if (!behind)
            return true;
        if (!importNext(&marks))
            return false;
    }
}

bool HistoryWriter::importNext(const QHash<const SpoolFile *, qint64> *marks)
{
    SpoolState state;
    {
        const QMutexLocker locker(&m_queueMutex);
        const auto next = std::find_if(m_spools.cbegin(), m_spools.cend(), [marks](const SpoolState &known) {
            if (marks)
                return known.importedOffset < marks->value(known.file.get(), 0);
            return known.finished || known.writtenOffset > known.importedOffset;
        });
        if (next == m_spools.cend())
            return true;
        state = *next;
        if (marks)
            state.writtenOffset = std::min(state.writtenOffset, marks->value(state.file.get(), 0));
    }
    const QString spool = state.file->name();
    bool torn = false;
    const QList<HistorySpool::Frame> frames = HistorySpool::readFrames(state.file->descriptor(), state.importedOffset,
                                                                       state.writtenOffset, kMaxImportBytes, &torn);

    CommittedBatch result;
    QString errorMessage;
    bool ok = m_database.isOpen();
    if (!ok)
        errorMessage = QStringLiteral("The history database is closed; the exchanges stay in the spool.");
    if (ok)
        ok = detail::begin(m_database, m_options.databasePath, &errorMessage);
    qint64 endOffset = state.importedOffset;
    qint64 undecodable = 0;
    for (const HistorySpool::Frame &frame : frames) {
        if (!ok)
            break;
        if (const std::optional<ExchangeRecord> record = decodeRecord(frame.payload)) {
            qint64 id = -1;
            ok = insert(*record, &id, &errorMessage);
            result.ids.append(id);
        } else {
            ++undecodable;
        }
        endOffset = frame.endOffset;
    }
    // A damaged tail (a spool cut by a crash) is skipped: what follows it cannot be framed again.
    if (torn)
        endOffset = state.writtenOffset;
    if (ok && endOffset > state.importedOffset)
        ok = recordProgress(spool, endOffset, &errorMessage);
    if (ok)
        ok = detail::commit(m_database, m_options.databasePath, &errorMessage);
    if (!ok) {
        if (m_database.isOpen())
            detail::rollback(m_database);
        if (!std::exchange(m_importFailing, true))
            Q_EMIT failed(errorMessage + QStringLiteral(" The exchanges wait in the history spool and are retried."));
        return false;
    }
    if (torn || undecodable > 0)
        Q_EMIT failed(QStringLiteral("The history spool %1 ends in a damaged record (the process stopped while "
                                     "writing it): %2 whole record(s) were kept, the damaged part was skipped.")
                          .arg(QDir::toNativeSeparators(state.file->path()))
                          .arg(result.ids.size()));
    const qint64 imported = result.ids.size() + undecodable;
    bool forget = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        const auto known = std::find_if(m_spools.begin(), m_spools.end(),
                                        [&state](const SpoolState &other) { return other.file == state.file; });
        m_spooledBytes.fetch_sub(endOffset - known->importedOffset);
        known->importedOffset = endOffset;
        known->pendingRecords -= imported;
        forget = known->finished && known->importedOffset >= known->writtenOffset;
        if (forget)
            m_spools.erase(known);
    }
    m_backlog.fetch_sub(imported);
    m_committedBatches.fetch_add(1);
    m_rowsSinceRetention += result.ids.size();
    m_unindexedRows += result.ids.size();
    result.committed = true;
    if (!result.ids.isEmpty())
        Q_EMIT batchFinished(result);
    if (forget)
        forgetSpool(state.file);
    return true;
}

bool HistoryWriter::recordProgress(const QString &spool, qint64 endOffset, QString *errorMessage)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO spool_progress (spool, imported_bytes) VALUES (?, ?)"
                                 " ON CONFLICT (spool) DO UPDATE SET imported_bytes = excluded.imported_bytes"));
    query.addBindValue(spool);
    query.addBindValue(endOffset);
    if (query.exec())
        return true;
    *errorMessage = detail::describeSqlError(query.lastError(), m_options.databasePath);
    return false;
}

void HistoryWriter::forgetSpool(const std::shared_ptr<SpoolFile> &file)
{
    // The file goes first: a progress row without its file is dropped at the next start, never the reverse.
    if (!file->remove())
        return;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM spool_progress WHERE spool = ?"));
    query.addBindValue(file->name());
    query.exec();
}

void HistoryWriter::adoptOrphanedSpools()
{
    const QDir folder = QFileInfo(m_options.databasePath).absoluteDir();
    QHash<QString, qint64> imported;
    QSqlQuery query(m_database);
    if (query.exec(QStringLiteral("SELECT spool, imported_bytes FROM spool_progress"))) {
        while (query.next())
            imported.insert(query.value(0).toString(), query.value(1).toLongLong());
    }
    query.finish();
    QStringList names =
        folder.entryList({HistorySpool::filePrefix(m_options.databasePath) + QLatin1Char('*')}, QDir::Files);
    // Oldest first within one owner: "-2" before "-10".
    std::sort(names.begin(), names.end(), [](const QString &left, const QString &right) {
        return left.size() != right.size() ? left.size() < right.size() : left < right;
    });
    for (const QString &name : std::as_const(names)) {
        const QString path = folder.filePath(name);
        const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
        if (descriptor < 0)
            continue;
        if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
            ::close(descriptor); // a live store writes it, and its own writer copies it
            continue;
        }
        const off_t size = ::lseek(descriptor, 0, SEEK_END);
        SpoolState state;
        state.file = std::make_shared<SpoolFile>(path, descriptor);
        state.importedOffset = std::min<qint64>(imported.value(name, 0), size);
        state.writtenOffset = size;
        state.finished = true;
        const QMutexLocker locker(&m_queueMutex);
        m_spooledBytes.fetch_add(state.writtenOffset - state.importedOffset);
        m_spools.append(state);
        m_importScheduled = true;
    }
    // Progress rows whose files are gone (deleted after their last copy) are dropped.
    for (auto it = imported.cbegin(); it != imported.cend(); ++it) {
        if (!folder.exists(it.key())) {
            query.prepare(QStringLiteral("DELETE FROM spool_progress WHERE spool = ?"));
            query.addBindValue(it.key());
            query.exec();
        }
    }
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

void bindOptional(sqlite3_stmt *statement, int column, const std::optional<qint64> &value)
{
    if (value)
        sqlite3_bind_int64(statement, column, *value);
    else
        sqlite3_bind_null(statement, column);
}

} // namespace

bool HistoryWriter::insert(const ExchangeRecord &record, qint64 *id, QString *errorMessage)
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

void HistoryWriter::clear(const QHash<const SpoolFile *, qint64> &marks)
{
    if (!m_database.isOpen()) {
        Q_EMIT failed(QStringLiteral("The history database is closed; nothing was cleared."));
        return;
    }
    // Everything spooled before the request goes into the tables first, so the clear removes exactly that.
    if (!importUpTo(marks)) {
        Q_EMIT failed(QStringLiteral("The history could not be cleared because the exchanges spooled before the "
                                     "request could not be copied into it. Nothing was cleared."));
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
    importAll(); // on failure the spool keeps the rest for the next start
    {
        const QMutexLocker locker(&m_queueMutex);
        m_spools.clear(); // releases the files' locks
    }
    delete m_importTimer;
    m_importTimer = nullptr;
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
