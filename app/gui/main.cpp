// SPDX-License-Identifier: GPL-3.0-or-later

#include "mainwindow/mainwindow.h"
#include "theme/theme.h"

#include "history/historylocation.h"
#include "history/historyoptions.h"
#include "secrets/secretstore.h"
#include "teamhistory/teampasswords.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTextStream>

using namespace dockside;

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Dockside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Dockside"));
    QApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Dockside"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.dockside.Dockside"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop workbench for VoiceDock webhooks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        {QStringLiteral("w"), QStringLiteral("workspace")},
        QStringLiteral("Open the workspace FILE instead of the last one (or the built-in sample on first start)."),
        QStringLiteral("FILE"));
    const QCommandLineOption historyOption(
        QStringLiteral("history"),
        QStringLiteral("Record exchanges in FILE instead of %1, or share a team history: "
                       "postgresql://[user@]host[:port]/database (password from PGPASSWORD or ~/.pgpass).")
            .arg(history::defaultHistoryPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Start the mock endpoint on port N (0: any free port)."),
                                        QStringLiteral("N"));
    const QCommandLineOption stoppedOption(QStringLiteral("no-endpoint"),
                                           QStringLiteral("Do not start the mock endpoint at start-up."));
    parser.addOptions({workspaceOption, historyOption, portOption, stoppedOption});
    parser.process(application);

    QTextStream err(stderr);
    ui::MainWindowOptions options;
    options.historyPath = parser.isSet(historyOption) ? parser.value(historyOption) : history::defaultHistoryPath();
    // A team database's password from the keychain (Tools ▸ Team History Password…) when PGPASSWORD is not set.
    teamhistory::useKeychainTeamPassword(options.historyPath);
    options.startEndpoint = !parser.isSet(stoppedOption);
    options.useSettings = true;
    // Captured calls are personal data: kept 30 days (and at most 500,000) unless the user chose otherwise.
    options.keepDays = history::kDefaultKeepDays;
    options.keepRows = history::kDefaultKeepRows;
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            err << "dockside: --port needs a number from 0 to 65535, not " << parser.value(portOption) << Qt::endl;
            return 2;
        }
        options.port = static_cast<quint16>(port);
    }
    if (qEnvironmentVariableIsSet(secrets::kWebhookSecretVariable))
        options.environmentSecret = qgetenv(secrets::kWebhookSecretVariable);
    if (qEnvironmentVariableIsSet(secrets::kUpstreamSecretVariable))
        options.environmentUpstreamSecret = qgetenv(secrets::kUpstreamSecretVariable);

    QSettings settings;
    ui::applyTheme(ui::themeFromName(settings.value(QStringLiteral("view/theme")).toString()));

    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    QString fileName;
    if (parser.isSet(workspaceOption)) {
        fileName = parser.value(workspaceOption);
        workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
        if (!load.workspace) {
            for (const base::LoadError &error : load.errors)
                err << base::formatLoadError(fileName, error) << Qt::endl;
            return 2;
        }
        workspace = std::move(*load.workspace);
    } else if (const QString last = settings.value(QStringLiteral("workspace/lastFile")).toString();
               !last.isEmpty() && QFileInfo::exists(last)) {
        // The last workspace comes back; if it no longer loads, the sample opens and the reason is printed.
        workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(last);
        if (load.workspace) {
            workspace = std::move(*load.workspace);
            fileName = last;
        } else {
            for (const base::LoadError &error : load.errors)
                err << base::formatLoadError(last, error) << Qt::endl;
        }
    }

    ui::MainWindow window(std::move(workspace), fileName, options);
    window.show();
    return QApplication::exec();
}
