// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamdatabase.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

class QSqlError;
class QSqlQuery;
struct pg_conn;

namespace dockside::teamhistory {

// The schema this Dockside writes; a database with a higher version was made by a newer one and is left alone.
inline constexpr int kTeamSchemaVersion = 1;

// One connection to a team database through Qt's PostgreSQL driver, on the thread that opened it: opens it with
// libpq's own ways to find a password, creates or checks the schema, and says what went wrong in words a user can act
// on.
class TeamConnection final {
public:
    explicit TeamConnection(const QString &purpose);
    ~TeamConnection();
    Q_DISABLE_COPY_MOVE(TeamConnection)

    /*! password empty: libpq reads PGPASSWORD or the password file. Checks the schema; creates it when writable is
        true and the database has none yet. */
    bool open(const TeamDatabase &database, const QString &password, bool writable, QString *errorMessage);
    void close();
    bool isOpen() const { return m_database.isOpen(); }
    QSqlDatabase &database() { return m_database; }
    const TeamDatabase &target() const { return m_target; }
    /*! The role may read but not insert or delete (a support-staff login): viewing works, Clear and retention do not.
     */
    bool isReadOnly() const { return m_readOnly; }

    bool run(QSqlQuery &query, const QString &statement, const QVariantList &values, QString *errorMessage);
    bool exec(const QString &statement, QString *errorMessage);
    /*! A failed statement in words, with what to do about it; notes a dropped connection so the next use reopens. */
    QString describe(const QSqlError &error);
    /*! The same for libpq's own message. */
    QString describeServerMessage(const QString &serverMessage) const;
    /*! The connection was lost (server restarted, network gone, the session ended by the server): close it and open
        again. True when closed. */
    bool isBroken() const;
    /*! libpq's own connection, for what Qt's driver does not offer (binary parameters, cancelling); null when closed.
        Use it only while no QSqlQuery of this connection has rows left to read. */
    pg_conn *handle() const;

private:
    bool prepareSchema(bool writable, QString *errorMessage);

    QString m_name;
    QSqlDatabase m_database;
    TeamDatabase m_target;
    bool m_readOnly = false;
    bool m_sessionEnded = false; // the server said so, though libpq may still call the connection good
};

} // namespace dockside::teamhistory
