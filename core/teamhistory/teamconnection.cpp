// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamconnection.h"

#include "teampasswords.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace dockside::teamhistory {

namespace {

QAtomicInteger<quint64> g_connectionCount;

// Held while one process creates the tables, so several endpoints starting at once do not race each other.
constexpr qint64 kSchemaLockKey = 0x646f636b73696465; // "dockside"

const char *const kCreateStatements[] = {
    "CREATE TABLE dockside_schema (version integer NOT NULL)",
    // origin + origin_id is the idempotency key: the machine's local history and its row id there, so a batch copied
    // twice (a process killed between the commit here and its own progress) adds nothing the second time.
    "CREATE TABLE dockside_exchanges ("
    " id bigserial PRIMARY KEY,"
    " origin uuid NOT NULL,"
    " origin_id bigint NOT NULL,"
    " direction smallint NOT NULL,"
    " received_at bigint NOT NULL,"
    " method text NOT NULL DEFAULT '',"
    " path text NOT NULL DEFAULT '',"
    " event_type text NOT NULL DEFAULT '',"
    " caller text NOT NULL DEFAULT '',"
    " status integer NOT NULL,"
    " latency_us bigint NOT NULL,"
    " signature_status text NOT NULL DEFAULT '',"
    " outcome_disposition text NOT NULL DEFAULT '',"
    " outcome_reason text NOT NULL DEFAULT '',"
    " error text NOT NULL DEFAULT '',"
    " request_size bigint NOT NULL,"
    " response_size bigint NOT NULL,"
    " relay smallint NOT NULL,"
    " call_id text NOT NULL DEFAULT '',"
    " record bytea NOT NULL,"
    " search tsvector NOT NULL,"
    " UNIQUE (origin, origin_id))",
    "CREATE INDEX dockside_exchanges_received_at ON dockside_exchanges (received_at)",
    "CREATE INDEX dockside_exchanges_event_type ON dockside_exchanges (event_type, id)",
    "CREATE INDEX dockside_exchanges_caller ON dockside_exchanges (caller text_pattern_ops)",
    "CREATE INDEX dockside_exchanges_call_id ON dockside_exchanges (call_id, id)",
    "CREATE INDEX dockside_exchanges_outcome_reason ON dockside_exchanges (outcome_reason, id)",
    "CREATE INDEX dockside_exchanges_search ON dockside_exchanges USING gin (search)",
    // How far each machine's local history is copied: read at its start, moved in the same transaction as the rows.
    "CREATE TABLE dockside_origins ("
    " origin uuid PRIMARY KEY,"
    " copied_up_to bigint NOT NULL,"
    " host text NOT NULL DEFAULT '',"
    " updated_at timestamptz NOT NULL DEFAULT now())",
};

} // namespace

TeamConnection::TeamConnection(const QString &purpose)
    : m_name(QStringLiteral("dockside-team-%1-%2").arg(purpose).arg(g_connectionCount.fetchAndAddRelaxed(1)))
{
}

TeamConnection::~TeamConnection()
{
    close();
}

bool TeamConnection::open(const TeamDatabase &database, const QString &password, bool writable, QString *errorMessage)
{
    close();
    m_sessionEnded = false;
    m_target = database;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Qt's PostgreSQL driver is not installed, so the team history %1 cannot be "
                                           "opened. Install it (Debian: apt install libqt6sql6-psql) and start again.")
                                .arg(database.url);
        return false;
    }
    m_database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_database.setHostName(database.host);
    m_database.setPort(database.port);
    m_database.setDatabaseName(database.database);
    if (!database.user.isEmpty())
        m_database.setUserName(database.user);
    // An explicit password, else one read from the keychain for this process, else libpq's PGPASSWORD or password file.
    const QString effectivePassword = password.isEmpty() ? rememberedTeamPassword(database) : password;
    if (!effectivePassword.isEmpty())
        m_database.setPassword(effectivePassword);
    m_database.setConnectOptions(database.connectOptions);
    if (!m_database.open()) {
        if (errorMessage)
            *errorMessage = describe(m_database.lastError());
        close();
        return false;
    }
    if (!prepareSchema(writable, errorMessage)) {
        close();
        return false;
    }
    return true;
}

void TeamConnection::close()
{
    if (!m_database.isValid())
        return;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool TeamConnection::run(QSqlQuery &query, const QString &statement, const QVariantList &values, QString *errorMessage)
{
    query.setForwardOnly(true);
    if (values.isEmpty()) {
        if (query.exec(statement))
            return true;
    } else if (query.prepare(statement)) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (query.exec())
            return true;
    }
    // SQLSTATE classes 08 (connection exception) and 57P (the server ends the session).
    const QString code = query.lastError().nativeErrorCode();
    m_sessionEnded = m_sessionEnded || code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P"));
    if (errorMessage)
        *errorMessage = describe(query.lastError());
    return false;
}

bool TeamConnection::exec(const QString &statement, QString *errorMessage)
{
    QSqlQuery query(m_database);
    return run(query, statement, {}, errorMessage);
}

pg_conn *TeamConnection::handle() const
{
    if (!m_database.isOpen())
        return nullptr;
    const QVariant handle = m_database.driver()->handle();
    return handle.isValid() ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
}

bool TeamConnection::isBroken() const
{
    PGconn *connection = handle();
    return m_sessionEnded || !connection || PQstatus(connection) != CONNECTION_OK;
}

QString TeamConnection::describe(const QSqlError &error)
{
    return describeServerMessage(QString(error.driverText() + QLatin1Char(' ') + error.databaseText()).trimmed());
}

QString TeamConnection::describeServerMessage(const QString &serverMessage) const
{
    const QString text = serverMessage.trimmed();
    const QString where = m_target.url;
    if (text.contains(QLatin1String("password authentication failed")) ||
        text.contains(QLatin1String("no password supplied")))
        return QStringLiteral("The team history %1 refused the password (%2). Give the right one with PGPASSWORD, a "
                              "password file (~/.pgpass or PGPASSFILE) or the keychain (Tools ▸ Team History "
                              "Password… in the window, 'dockside-cli history password' on the command line).")
            .arg(where, text);
    if (text.contains(QLatin1String("Connection refused")) || text.contains(QLatin1String("could not connect")) ||
        text.contains(QLatin1String("timeout expired")) || text.contains(QLatin1String("could not translate host")))
        return QStringLiteral("The team history %1 cannot be reached (%2). Check that the server runs and the address "
                              "is right; exchanges are kept on this machine meanwhile.")
            .arg(where, text);
    if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database")))
        return QStringLiteral("The team history %1 names a database the server does not have (%2). Create it "
                              "(createdb) or correct the URL.")
            .arg(where, text);
    if (text.contains(QLatin1String("SSL")))
        return QStringLiteral("The team history %1 failed at TLS (%2). Check sslmode and sslrootcert in the URL.")
            .arg(where, text);
    if (text.contains(QLatin1String("permission denied")))
        return QStringLiteral("The team history %1 refused this role (%2). Ask the database's owner for the rights, "
                              "or open it to view only.")
            .arg(where, text);
    return QStringLiteral("The team history %1 failed: %2").arg(where, text);
}

bool TeamConnection::prepareSchema(bool writable, QString *errorMessage)
{
    QSqlQuery query(m_database);
    if (!run(query, QStringLiteral("SELECT to_regclass('dockside_schema') IS NOT NULL"), {}, errorMessage))
        return false;
    const bool hasSchema = query.next() && query.value(0).toBool();
    int version = 0;
    if (hasSchema) {
        if (!run(query, QStringLiteral("SELECT max(version) FROM dockside_schema"), {}, errorMessage))
            return false;
        version = query.next() ? query.value(0).toInt() : 0;
    }
    if (version > kTeamSchemaVersion) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The team history %1 was made by a newer Dockside (schema %2; this one "
                                           "knows up to %3). Update Dockside to open it; nothing was changed.")
                                .arg(m_target.url)
                                .arg(version)
                                .arg(kTeamSchemaVersion);
        return false;
    }
    if (version == 0) {
        if (!writable) {
            if (errorMessage)
                *errorMessage = QStringLiteral("The team history %1 holds no Dockside exchanges yet: start an endpoint "
                                               "with --history %1 once, so the tables are created.")
                                    .arg(m_target.url);
            return false;
        }
        // The lock is a transaction's: it ends with the commit, and a second process creating at the same moment finds
        // the tables made when it gets it.
        if (!exec(QStringLiteral("BEGIN"), errorMessage))
            return false;
        bool ok = run(query, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSchemaLockKey}, errorMessage) &&
            run(query, QStringLiteral("SELECT to_regclass('dockside_schema') IS NOT NULL"), {}, errorMessage);
        const bool createdMeanwhile = ok && query.next() && query.value(0).toBool();
        for (const char *statement : kCreateStatements) {
            if (!ok || createdMeanwhile)
                break;
            ok = exec(QString::fromLatin1(statement), errorMessage);
        }
        if (ok && !createdMeanwhile)
            ok = run(query, QStringLiteral("INSERT INTO dockside_schema (version) VALUES (?)"), {kTeamSchemaVersion},
                     errorMessage);
        if (!ok) {
            exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        if (!exec(QStringLiteral("COMMIT"), errorMessage))
            return false;
    }
    if (!run(query, QStringLiteral("SELECT has_table_privilege('dockside_exchanges', 'INSERT')"), {}, errorMessage))
        return false;
    m_readOnly = !(query.next() && query.value(0).toBool());
    if (writable && m_readOnly) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The team history %1 lets this role read but not add exchanges. Record "
                                           "with a role that may insert, or open it to view only.")
                                .arg(m_target.url);
        return false;
    }
    return true;
}

} // namespace dockside::teamhistory
