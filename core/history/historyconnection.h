// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace dockside::history {

struct SpooledRecordView;

// The history's one write connection and its prepared inserts; the writer's jobs borrow it on the writer thread.
class HistoryConnection final {
public:
    HistoryConnection() = default;
    ~HistoryConnection();
    Q_DISABLE_COPY_MOVE(HistoryConnection)

    /*! Opens or creates the file and its schema on the calling thread, which is the only one that may use it. */
    bool open(const QString &databasePath, QString *errorMessage);
    void close();
    bool isOpen() const { return m_database.isOpen(); }

    QSqlDatabase &database() { return m_database; }
    const QString &path() const { return m_path; }
    /*! What open() changed that the user should hear of (a history others could read, made private); or empty. */
    const QString &openNotice() const { return m_openNotice; }
    sqlite3 *handle() const { return m_sqlite; }

    bool begin(QString *errorMessage);
    bool commit(QString *errorMessage);
    void rollback();

    /*! Inserts both rows of one exchange; the caller owns the transaction. */
    bool insert(const ExchangeRecord &record, qint64 *id, QString *errorMessage);
    /*! The same from a spool record's bytes, bound as they are: the importer's way, with no copy of any field. */
    bool insert(const SpooledRecordView &record, qint64 *id, QString *errorMessage);
    /*! Runs one statement straight on SQLite, so it is prepared under the connection's current settings. */
    bool execDirect(const char *statement, QString *errorMessage);
    QString sqliteError(int code) const;

private:
    bool prepareStatements(QString *errorMessage);

    QString m_path;
    QString m_openNotice;
    QString m_connectionName;
    QSqlDatabase m_database;
    // The inserts go straight to SQLite: Qt's binding cost more than the insert itself on the request path.
    sqlite3 *m_sqlite = nullptr; // owned by m_database's driver
    sqlite3_stmt *m_insertExchange = nullptr;
    sqlite3_stmt *m_insertDetails = nullptr;
};

} // namespace dockside::history
