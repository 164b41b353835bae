// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace dockside::testing {

// A private PostgreSQL cluster for one test process, made and dropped by Debian's pg_virtualenv (postgresql-common):
// it works as root and as any user, listens on a free TCP port with a random password, and is gone when this object
// is. Nothing on the machine is touched.
class ThrowawayPostgres final {
public:
    ThrowawayPostgres() = default;
    ~ThrowawayPostgres();
    Q_DISABLE_COPY_MOVE(ThrowawayPostgres)

    /*! Starts the cluster (a few seconds) and puts its password into this process's PGPASSWORD, as a user's
        environment or password file would. */
    bool start(QString *errorMessage);
    /*! postgresql://postgres@localhost:<port>/<database>, without the password. */
    QString url(const QString &database = QStringLiteral("postgres")) const;
    int port() const { return m_port; }
    const QString &password() const { return m_password; }
    /*! This process's environment with the cluster's variables: for child processes (serve). */
    QProcessEnvironment environment() const { return m_environment; }

    /*! Runs SQL through psql as the superuser; the output in *output. */
    bool psql(const QString &sql, QString *output = nullptr, const QString &database = QStringLiteral("postgres"));
    bool createDatabase(const QString &name);
    /*! Stops and starts the server, keeping its data: a database that goes away and comes back. */
    bool stopServer();
    bool startServer();

private:
    bool controlCluster(const QString &action);

    QProcess m_process; // pg_virtualenv, waiting on its standard input until we close it
    QProcessEnvironment m_environment;
    QString m_password;
    int m_port = 0;
};

} // namespace dockside::testing
