// SPDX-License-Identifier: GPL-3.0-or-later

#include "cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dockside-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    return dockside::cli::runCli(QCoreApplication::arguments(), {out, err});
}
