// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "exchangesummary.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlError;
class QSqlQuery;

// Internals shared by the writer and the reader: schema, error messages, encodings.
namespace dockside::history::detail {

inline constexpr int kSchemaVersion = 7;

// QSqlDatabase connections are global by name: every connection gets a name no other one has.
QString uniqueConnectionName(QStringView role);

// A sentence that says what went wrong with the history file and what the user can do about it.
QString describeSqlError(const QSqlError &error, const QString &databasePath);

// Checks the file can be opened at all, with messages that name the folder or file at fault.
bool checkDatabasePath(const QString &databasePath, bool forWriting, QString *errorMessage);

// The history holds callers' numbers, names and transcripts: creates the file owner-only (0600, whatever the umask;
// SQLite gives its -wal and -shm the database's mode) and narrows an existing database, journal or spool that others
// could read, saying so in *notice.
bool secureDatabaseFiles(const QString &databasePath, QString *notice, QString *errorMessage);

bool exec(QSqlDatabase &database, const QString &statement, const QString &databasePath, QString *errorMessage);

// Transactions as plain statements: QSqlDatabase::commit() drops SQLite's error code, which the advice needs.
// BEGIN IMMEDIATE takes the write lock up front, so a busy database fails before any work, not at COMMIT.
bool begin(QSqlDatabase &database, const QString &databasePath, QString *errorMessage);
bool commit(QSqlDatabase &database, const QString &databasePath, QString *errorMessage);
void rollback(QSqlDatabase &database);

// Creates or checks the schema on a writable connection (WAL, tables, indexes, full-text index).
bool prepareSchema(QSqlDatabase &database, const QString &databasePath, QString *errorMessage);

// Header lists as length-prefixed bytes (binary-safe, in their original order), as the spool writes them.
std::optional<base::HeaderList> decodeHeaders(const QByteArray &encoded);

// Valid UTF-8 without NUL: such bodies are indexed for search and exported as text.
bool isText(QByteArrayView body);
// Text for display and export: UTF-8 when valid, otherwise Latin-1 so no byte is dropped.
QString displayText(const QByteArray &bytes);

// The direction column: 1 outbound, anything else inbound.
Direction directionFromColumn(const QVariant &value);

// The timeline's columns of one row, selected in this order: id, direction, received_at, method, path, event_type,
// caller, status, latency_us, signature_status, outcome_disposition, outcome_reason, error, request_size,
// response_size, relay, call_id. The SQLite history and the team database select them alike.
ExchangeSummary summaryFromRow(const QSqlQuery &query);

} // namespace dockside::history::detail
