// SPDX-License-Identifier: GPL-3.0-or-later

#include "throwawaypostgres.h"

#include <QDeadlineTimer>
#include <QTcpServer>

namespace dockside::testing {

namespace {

constexpr int kStartBudgetMs = 120000; // initdb on a busy 2-core machine

int freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

} // namespace

ThrowawayPostgres::~ThrowawayPostgres()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // The cluster lives as long as the shell inside pg_virtualenv reads its input: closing it drops the cluster.
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(60000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ThrowawayPostgres::start(QString *errorMessage)
{
    m_port = freePort();
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral("pg_virtualenv"),
                    {QStringLiteral("-t"), QStringLiteral("-c"), QStringLiteral("-p %1").arg(m_port),
                     QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("env | grep -E '^(PG|PG_CLUSTER_CONF_ROOT)'; echo DOCKSIDE_READY; exec cat")});
    if (!m_process.waitForStarted(10000)) {
        *errorMessage = QStringLiteral("pg_virtualenv could not start (%1); install postgresql-common and postgresql.")
                            .arg(m_process.errorString());
        return false;
    }
    QByteArray output;
    const QDeadlineTimer deadline(kStartBudgetMs);
    while (!output.contains("DOCKSIDE_READY\n")) {
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning) {
            *errorMessage =
                QStringLiteral("pg_virtualenv did not start a cluster: %1 %2")
                    .arg(QString::fromLocal8Bit(output), QString::fromLocal8Bit(m_process.readAllStandardError()));
            return false;
        }
        m_process.waitForReadyRead(500);
        output += m_process.readAllStandardOutput();
    }
    m_environment = QProcessEnvironment::systemEnvironment();
    for (const QByteArray &line : output.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            m_environment.insert(QString::fromLocal8Bit(line.left(equals)),
                                 QString::fromLocal8Bit(line.mid(equals + 1)));
    }
    m_password = m_environment.value(QStringLiteral("PGPASSWORD"));
    m_port = m_environment.value(QStringLiteral("PGPORT"), QString::number(m_port)).toInt();
    for (const char *name : {"PGPASSWORD", "PGHOST", "PGPORT", "PGUSER", "PGSYSCONFDIR", "PG_CLUSTER_CONF_ROOT"})
        qputenv(name, m_environment.value(QString::fromLatin1(name)).toLocal8Bit());
    return !m_password.isEmpty();
}

QString ThrowawayPostgres::url(const QString &database) const
{
    return QStringLiteral("postgresql://postgres@localhost:%1/%2").arg(m_port).arg(database);
}

bool ThrowawayPostgres::psql(const QString &sql, QString *output, const QString &database)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral("psql"),
                  {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                   QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), database,
                   QStringLiteral("-c"), sql});
    const bool finished = process.waitForFinished(60000);
    if (output)
        *output = QString::fromLocal8Bit(process.readAllStandardOutput() + process.readAllStandardError()).trimmed();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool ThrowawayPostgres::createDatabase(const QString &name)
{
    return psql(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
}

bool ThrowawayPostgres::controlCluster(const QString &action)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral("pg_ctlcluster"),
                  {m_environment.value(QStringLiteral("PGVERSION"), QStringLiteral("15")), QStringLiteral("regress"),
                   action, QStringLiteral("-m"), QStringLiteral("fast")});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool ThrowawayPostgres::stopServer()
{
    return controlCluster(QStringLiteral("stop"));
}

bool ThrowawayPostgres::startServer()
{
    return controlCluster(QStringLiteral("start"));
}

} // namespace dockside::testing
