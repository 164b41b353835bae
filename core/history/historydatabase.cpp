// SPDX-License-Identifier: GPL-3.0-or-later

#include "historydatabase.h"

#include "historyspool.h"

#include "base/privatefile.h"

#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>

#include <atomic>

namespace dockside::history::detail {

namespace {

// SQLite's primary result codes (sqlite3.h); Qt reports them as the native error code.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoError = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADatabase = 26;

// How far each spool file has been copied into the tables, updated in the same transaction as the rows it copies.
constexpr const char *kCreateSpoolProgress =
    "CREATE TABLE spool_progress (spool TEXT PRIMARY KEY, imported_bytes INTEGER NOT NULL)";

// A call's exchanges in order, and every exchange that belongs to a call (call_id > ''), by one seek.
constexpr const char *kCreateCallIndex = "CREATE INDEX exchanges_call_id ON exchanges(call_id, id)";

const char *const kSchema[] = {
    "CREATE TABLE exchanges ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT," // AUTOINCREMENT: ids are never reused after retention
    " direction INTEGER NOT NULL,"
    " received_at INTEGER NOT NULL,"
    " method TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " event_type TEXT NOT NULL,"
    " caller TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " latency_us INTEGER NOT NULL,"
    " signature_status TEXT NOT NULL,"
    " outcome_disposition TEXT NOT NULL,"
    " outcome_reason TEXT NOT NULL,"
    " error TEXT NOT NULL,"
    " request_size INTEGER NOT NULL,"
    " response_size INTEGER NOT NULL,"
    " relay INTEGER NOT NULL DEFAULT 0," // RelayMark: the timeline's badge without reading the second leg
    " call_id TEXT NOT NULL DEFAULT '')", // message.call.id, beside the columns so calls group without the details
    "CREATE INDEX exchanges_received_at ON exchanges(received_at)",
    "CREATE INDEX exchanges_event_type ON exchanges(event_type)",
    "CREATE INDEX exchanges_caller ON exchanges(caller)",
    "CREATE INDEX exchanges_status ON exchanges(status)",
    "CREATE INDEX exchanges_outcome_reason ON exchanges(outcome_reason)",
    "CREATE INDEX exchanges_direction ON exchanges(direction)",
    kCreateCallIndex,
    // Bodies and headers live apart so timeline scans never read them.
    "CREATE TABLE exchange_details ("
    " exchange_id INTEGER PRIMARY KEY,"
    " url TEXT NOT NULL,"
    " target BLOB,"
    " http_version BLOB,"
    " peer_address TEXT NOT NULL,"
    " peer_port INTEGER NOT NULL,"
    " header_bytes INTEGER NOT NULL,"
    " call_id TEXT NOT NULL,"
    " called_number TEXT NOT NULL,"
    " signed_string BLOB,"
    " template_id TEXT NOT NULL,"
    " rule_id TEXT NOT NULL,"
    " spoken_first TEXT NOT NULL,"
    " request_headers BLOB,"
    " request_body BLOB,"
    " request_is_text INTEGER NOT NULL,"
    " response_headers BLOB,"
    " response_body BLOB,"
    " response_is_text INTEGER NOT NULL,"
    " connect_us INTEGER," // outbound timing where the transport tells; NULL when unknown
    " first_byte_us INTEGER,"
    " signature_diagnosis_code TEXT," // why a failed signature failed; empty when it did not fail
    " signature_diagnosis TEXT,"
    " forwarded BLOB," // a relayed exchange's second leg (encodeForwardedLeg); NULL when not relayed
    " clock_note TEXT)", // ExchangeRecord::clockNote; NULL or empty on the real clock
    // Contentless: the bodies are stored once, in exchange_details; the triggers keep the index in step.
    "CREATE VIRTUAL TABLE exchange_search USING fts5(request_body, response_body, content='')",
    // Rows are indexed in large batches after they are durable (SearchIndexer::indexPending): one FTS5 segment
    // per small group commit made indexing cost most of the write time.
    "CREATE TABLE search_progress (id INTEGER PRIMARY KEY CHECK (id = 0), indexed_up_to INTEGER NOT NULL)",
    "INSERT INTO search_progress (id, indexed_up_to) VALUES (0, 0)",
    // A contentless index forgets a row only when given the exact values it indexed: the same expressions.
    "CREATE TRIGGER exchange_details_search_delete AFTER DELETE ON exchange_details"
    " WHEN old.exchange_id <= (SELECT indexed_up_to FROM search_progress) BEGIN"
    " INSERT INTO exchange_search(exchange_search, rowid, request_body, response_body) VALUES ('delete',"
    " old.exchange_id,"
    " CASE WHEN old.request_is_text THEN CAST(old.request_body AS TEXT) END,"
    " CASE WHEN old.response_is_text THEN CAST(old.response_body AS TEXT) END); END",
    kCreateSpoolProgress,
};

// Schema 1 to 2: outbound connection and first-byte times, and the spool import progress.
const char *const kMigrationFrom1[] = {
    "ALTER TABLE exchange_details ADD COLUMN connect_us INTEGER",
    "ALTER TABLE exchange_details ADD COLUMN first_byte_us INTEGER",
    kCreateSpoolProgress,
};

// Schema 2 to 3: why a failed signature failed.
const char *const kMigrationFrom2[] = {
    "ALTER TABLE exchange_details ADD COLUMN signature_diagnosis_code TEXT",
    "ALTER TABLE exchange_details ADD COLUMN signature_diagnosis TEXT",
};

// Schema 3 to 4: a relayed exchange's second leg.
const char *const kMigrationFrom3[] = {
    "ALTER TABLE exchange_details ADD COLUMN forwarded BLOB",
};

// Schema 4 to 5: the relay badge beside the timeline's columns. Whether a fallback answered is inside the leg, so
// rows relayed under schema 4 are marked relayed.
const char *const kMigrationFrom4[] = {
    "ALTER TABLE exchanges ADD COLUMN relay INTEGER NOT NULL DEFAULT 0",
    "UPDATE exchanges SET relay = 1 WHERE id IN (SELECT exchange_id FROM exchange_details WHERE forwarded IS NOT NULL)",
};

// Schema 5 to 6: calls. The call id moves beside the timeline's columns (copied from the details) with its index.
const char *const kMigrationFrom5[] = {
    "ALTER TABLE exchanges ADD COLUMN call_id TEXT NOT NULL DEFAULT ''",
    "UPDATE exchanges SET call_id = coalesce((SELECT d.call_id FROM exchange_details d WHERE d.exchange_id = "
    "exchanges.id), '')",
    kCreateCallIndex,
};

// Schema 6 to 7: the moment the rules were evaluated at on a pinned or offset clock, or why a clock header was refused.
const char *const kMigrationFrom6[] = {
    "ALTER TABLE exchange_details ADD COLUMN clock_note TEXT",
};

} // namespace

QString uniqueConnectionName(QStringView role)
{
    static std::atomic<quint64> counter = 0;
    return QStringLiteral("dockside-history-") + role.toString() + QChar(u'-') + QString::number(++counter);
}

QString describeSqlError(const QSqlError &error, const QString &databasePath)
{
    const QString file = QDir::toNativeSeparators(databasePath);
    const int code = error.nativeErrorCode().toInt() & 0xff; // extended codes carry the primary code in the low byte
    const QString detail = error.text();
    switch (code) {
    case kSqliteFull:
        return QStringLiteral("The history database %1 cannot grow because the disk is full. Free disk space or "
                              "lower the history retention (rows or days), then try again.")
            .arg(file);
    case kSqliteBusy:
    case kSqliteLocked:
        return QStringLiteral("The history database %1 is locked by another program. Close other Dockside instances "
                              "or tools that hold the file (for example an sqlite3 shell), then try again.")
            .arg(file);
    case kSqliteReadOnly:
        return QStringLiteral("The history database %1 is read-only. Make the file and its folder writable, or "
                              "choose another history file.")
            .arg(file);
    case kSqliteCantOpen:
        return QStringLiteral("The history database %1 cannot be opened. Check that its folder exists and is "
                              "writable, or choose another history file (%2).")
            .arg(file, detail);
    case kSqliteIoError:
        return QStringLiteral("The disk reported an error while Dockside used the history database %1 (%2). Check "
                              "the disk, or choose a history file on another disk.")
            .arg(file, detail);
    case kSqliteCorrupt:
    case kSqliteNotADatabase:
        return QStringLiteral("The file %1 is damaged or is not a Dockside history database. Move it aside to start "
                              "a new history, or choose another file (%2).")
            .arg(file, detail);
    default:
        return QStringLiteral("The history database %1 reported an error: %2").arg(file, detail);
    }
}

bool checkDatabasePath(const QString &databasePath, bool forWriting, QString *errorMessage)
{
    const auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    if (databasePath.isEmpty())
        return fail(QStringLiteral("No history file was given. Choose a file for the history database."));
    if (databasePath == QStringLiteral(":memory:") || databasePath.startsWith(QStringLiteral("file:")))
        return fail(QStringLiteral("The history must be stored in a file on disk, not \"%1\": choose a file.")
                        .arg(databasePath));
    const QFileInfo file(databasePath);
    const QString native = QDir::toNativeSeparators(file.absoluteFilePath());
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir())
        return fail(QStringLiteral("The folder %1 for the history database %2 does not exist. Create it or choose "
                                   "another history file.")
                        .arg(QDir::toNativeSeparators(folder.absoluteFilePath()), native));
    if (file.exists() && file.isDir())
        return fail(QStringLiteral("The history database %1 is a folder, not a file. Choose a file name.").arg(native));
    if (!forWriting) {
        if (!file.exists())
            return fail(QStringLiteral("There is no history database at %1 yet.").arg(native));
        if (!file.isReadable())
            return fail(QStringLiteral("The history database %1 is not readable. Check its permissions.").arg(native));
        return true;
    }
    if (file.exists() && !file.isWritable())
        return fail(QStringLiteral("The history database %1 is read-only. Make it writable or choose another "
                                   "history file.")
                        .arg(native));
    // SQLite creates the -wal and -shm files next to the database, so the folder itself must be writable.
    if (!folder.isWritable())
        return fail(QStringLiteral("The folder %1 is not writable, so the history database %2 cannot be stored "
                                   "there. Choose another folder or fix its permissions.")
                        .arg(QDir::toNativeSeparators(folder.absoluteFilePath()), native));
    return true;
}

bool secureDatabaseFiles(const QString &databasePath, QString *notice, QString *errorMessage)
{
    QStringList files {databasePath, databasePath + QStringLiteral("-wal"), databasePath + QStringLiteral("-shm")};
    const QDir folder = QFileInfo(databasePath).absoluteDir();
    const QStringList spools = folder.entryList({HistorySpool::filePrefix(databasePath) + QChar(u'*')}, QDir::Files);
    for (const QString &spool : spools)
        files.append(folder.filePath(spool));
    QString databaseWas;
    qsizetype narrowed = 0;
    for (const QString &file : std::as_const(files)) {
        if (!base::isSharedWithOthers(file))
            continue;
        const QString before = base::permissionText(file);
        bool changed = false;
        QString error;
        if (!base::restrictToOwner(file, &changed, &error)) {
            if (errorMessage)
                *errorMessage = error +
                    QStringLiteral(" The history holds callers' numbers and transcripts; make its "
                                   "files readable by you only (chmod 600) or choose another "
                                   "history file.");
            return false;
        }
        if (file == databasePath)
            databaseWas = before;
        narrowed += changed ? 1 : 0;
    }
    if (narrowed > 0 && notice) {
        *notice = QStringLiteral("The history %1 could be read by other users of this computer (%2); Dockside made "
                                 "its %3 file(s) readable by you only (-rw-------), because they hold callers' numbers "
                                 "and transcripts.")
                      .arg(QDir::toNativeSeparators(databasePath),
                           databaseWas.isEmpty() ? QStringLiteral("its journal or spool") : databaseWas)
                      .arg(narrowed);
    }
    // Created empty and owner-only before SQLite opens it: an empty file is an empty database to SQLite.
    return base::createOwnerOnlyFile(databasePath, errorMessage);
}

bool exec(QSqlDatabase &database, const QString &statement, const QString &databasePath, QString *errorMessage)
{
    QSqlQuery query(database);
    if (query.exec(statement))
        return true;
    if (errorMessage)
        *errorMessage = describeSqlError(query.lastError(), databasePath);
    return false;
}

bool begin(QSqlDatabase &database, const QString &databasePath, QString *errorMessage)
{
    return exec(database, QStringLiteral("BEGIN IMMEDIATE"), databasePath, errorMessage);
}

bool commit(QSqlDatabase &database, const QString &databasePath, QString *errorMessage)
{
    return exec(database, QStringLiteral("COMMIT"), databasePath, errorMessage);
}

void rollback(QSqlDatabase &database)
{
    // SQLite may already have rolled back (after a full disk, for example); then this fails harmlessly.
    QSqlQuery(database).exec(QStringLiteral("ROLLBACK"));
}

bool prepareSchema(QSqlDatabase &database, const QString &databasePath, QString *errorMessage)
{
    QSqlQuery query(database);
    // Reading the version is the first real file access: a damaged or foreign file fails here.
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        if (errorMessage)
            *errorMessage = describeSqlError(query.lastError(), databasePath);
        return false;
    }
    const int version = query.value(0).toInt();
    query.finish();
    if (version > kSchemaVersion) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The history database %1 was written by a newer Dockside (schema %2, this "
                                           "version reads %3). Update Dockside or choose another history file.")
                                .arg(QDir::toNativeSeparators(databasePath))
                                .arg(version)
                                .arg(kSchemaVersion);
        return false;
    }

    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next()) {
        if (errorMessage)
            *errorMessage = describeSqlError(query.lastError(), databasePath);
        return false;
    }
    if (query.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The history database %1 cannot use write-ahead logging (journal mode "
                                           "stays \"%2\"); network and some virtual file systems do not support it. "
                                           "Choose a history file on a local disk.")
                                .arg(QDir::toNativeSeparators(databasePath), query.value(0).toString());
        return false;
    }
    query.finish();
    // In WAL mode NORMAL syncs only at checkpoints: a committed transaction survives a killed process (the OS holds
    // the written pages), though not a power loss. Durability against a process kill is what the mock promises.
    if (!exec(database, QStringLiteral("PRAGMA synchronous=NORMAL"), databasePath, errorMessage))
        return false;
    // The import writes seven indexes per row: a 16 MiB page cache keeps their hot pages, and a checkpoint every 8,000
    // pages (32 MiB of log) writes a page changed many times once instead of at every 1,000 (the sustained row of
    // docs/BENCHMARKS.md measures the copy during traffic).
    if (!exec(database, QStringLiteral("PRAGMA wal_autocheckpoint=8000"), databasePath, errorMessage) ||
        !exec(database, QStringLiteral("PRAGMA cache_size=-16384"), databasePath, errorMessage))
        return false;
    if (version == kSchemaVersion)
        return true;

    if (!begin(database, databasePath, errorMessage))
        return false;
    const auto run = [&](const auto &statements) {
        for (const char *statement : statements) {
            if (!exec(database, QString::fromLatin1(statement), databasePath, errorMessage))
                return false;
        }
        return true;
    };
    // Each step from the file's version up, in order.
    const bool migrated = version == 0 ? run(kSchema)
                                       : (version > 1 || run(kMigrationFrom1)) &&
            (version > 2 || run(kMigrationFrom2)) && (version > 3 || run(kMigrationFrom3)) &&
            (version > 4 || run(kMigrationFrom4)) && (version > 5 || run(kMigrationFrom5)) && run(kMigrationFrom6);
    if (!migrated) {
        rollback(database);
        return false;
    }
    if (!exec(database, QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion), databasePath, errorMessage) ||
        !commit(database, databasePath, errorMessage)) {
        rollback(database);
        return false;
    }
    return true;
}

std::optional<base::HeaderList> decodeHeaders(const QByteArray &encoded)
{
    if (encoded.isEmpty())
        return base::HeaderList();
    QDataStream stream(encoded);
    stream.setVersion(QDataStream::Qt_6_0);
    quint32 count = 0;
    stream >> count;
    base::HeaderList headers;
    for (quint32 i = 0; i < count && stream.status() == QDataStream::Ok; ++i) {
        QByteArray name;
        QByteArray value;
        stream >> name >> value;
        headers.append({name, value});
    }
    if (stream.status() != QDataStream::Ok)
        return std::nullopt;
    return headers;
}

bool isText(QByteArrayView body)
{
    // Validated in place: decoding to a string only to look at its error flag cost an allocation per stored body.
    return !body.contains('\0') && body.isValidUtf8();
}

QString displayText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    return decoder.hasError() ? QString::fromLatin1(bytes) : decoded;
}

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
    const int relay = query.value(column++).toInt();
    summary.relay = relay == 1 ? RelayMark::Relayed : relay == 2 ? RelayMark::FallbackAnswered : RelayMark::NotRelayed;
    summary.callId = query.value(column++).toString();
    return summary;
}

} // namespace dockside::history::detail
