// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"

#include <QProcess>

CliResult runCli(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    QProcessEnvironment effective = QProcessEnvironment::systemEnvironment();
    effective.remove(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"));
    for (const QString &key : environment.keys())
        effective.insert(key, environment.value(key));
    process.setProcessEnvironment(effective);
    process.start(QStringLiteral(DOCKSIDE_CLI_PATH), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QString testData(const QString &relativePath)
{
    return QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/") + relativePath;
}
