#pragma once

#include "workspace/workspace.h"

#include <QMainWindow>
#include <QModelIndex>
#include <QString>

class QAction;
class QFrame;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTreeView;

namespace dockside::ui {

class JsonView;
class TemplateFilterModel;
class TemplateListModel;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(workspace::Workspace workspace, const QString &fileName = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setWorkspace(workspace::Workspace workspace, const QString &fileName = {});
    const workspace::Workspace &workspace() const { return m_workspace; }
    QString workspaceFileName() const { return m_workspaceFileName; }

    // Loads and shows the file; on failure keeps the current workspace and reports the errors in a message box.
    bool openWorkspaceFile(const QString &fileName);
    bool selectTemplate(const QString &id);
    QString currentTemplateId() const;

private:
    void createActions();
    void createWidgets();
    void chooseWorkspaceFile();
    void showAbout();
    void showLoadErrors(const QString &fileName, const QList<workspace::LoadError> &errors);
    void applyFilter(const QString &text);
    void showTemplate(const QModelIndex &proxyIndex);
    void updateStatus();

    workspace::Workspace m_workspace;
    QString m_workspaceFileName;

    TemplateListModel *m_templateModel = nullptr;
    TemplateFilterModel *m_filterModel = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_aboutAction = nullptr;

    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_templateView = nullptr;
    QStackedWidget *m_detailStack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_idLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QFrame *m_outcomeFrame = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    QLabel *m_outcomeDetailLabel = nullptr;
    QLabel *m_statusValue = nullptr;
    QLabel *m_delayValue = nullptr;
    QLabel *m_faultValue = nullptr;
    QLabel *m_headersValue = nullptr;
    JsonView *m_bodyView = nullptr;
    QLabel *m_workspaceStatus = nullptr;
};

} // namespace dockside::ui
