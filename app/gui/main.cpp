#include "mainwindow/mainwindow.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

using namespace dockside;

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Dockside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Dockside"));
    QApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Dockside"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop workbench for VoiceDock webhooks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        {QStringLiteral("w"), QStringLiteral("workspace")},
        QStringLiteral("Open the workspace FILE instead of the built-in sample workspace."), QStringLiteral("FILE"));
    parser.addOption(workspaceOption);
    parser.process(application);

    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    QString fileName;
    if (parser.isSet(workspaceOption)) {
        fileName = parser.value(workspaceOption);
        workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
        if (!load.workspace) {
            QTextStream err(stderr);
            for (const workspace::LoadError &error : load.errors)
                err << workspace::formatLoadError(fileName, error) << Qt::endl;
            return 2;
        }
        workspace = std::move(*load.workspace);
    }

    ui::MainWindow window(std::move(workspace), fileName);
    window.show();
    return QApplication::exec();
}
