// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "editor/questionhandler.h"

#include "composer/suiterunner.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace dockside::ui {

class JsonItemEditController;
class SearchFilterModel;
class ScenarioListModel;
class ScenarioResultModel;
class ValidatingJsonEditor;
class WorkspaceDocument;

// The workspace's scenarios: run them (selected or all) against a webhook with a few in flight, follow the
// progress, cancel, and read each expectation's expected and actual value; export the run as JUnit XML. The JSON
// tab edits the selected scenario through the core's scenario parser; Apply (Alt+A) writes it into the workspace,
// and only without errors. Runs use the workspace's (applied) scenarios and never block the window.
class ScenarioPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioPanel)

public:
    explicit ScenarioPanel(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~ScenarioPanel() override;

    // What Edit > Find focuses while this page shows.
    QLineEdit *searchField() const { return m_search; }

    // The mock endpoint's URL: the target until the user types another.
    void setDefaultTargetUrl(const QUrl &url);
    QUrl targetUrl() const;
    void setTargetUrl(const QUrl &url);
    // Signs every event like the platform; empty sends them unsigned.
    void setSecret(const QByteArray &secret);
    void setConcurrency(int concurrency);

    bool runSelected();
    bool runAll();
    bool runScenarios(const QStringList &ids);
    void cancel();
    bool isRunning() const;
    const std::optional<composer::SuiteReport> &lastReport() const { return m_lastReport; }
    bool exportJUnit(const QString &fileName, QString *error);

    bool selectScenario(const QString &id);
    QString currentScenarioId() const;
    QStringList selectedScenarioIds() const;

    bool hasPendingChanges() const;
    bool applyChanges();
    void revertChanges();
    void newScenario();
    bool deleteSelected();
    bool importScenariosFromFile(const QString &fileName);
    bool exportScenariosToFile(const QStringList &ids, const QString &fileName, QString *error);

    void setQuestionHandler(QuestionHandler handler);
    void setValidationDelay(int milliseconds);

Q_SIGNALS:
    void statusMessage(const QString &message);
    void runFinished(const dockside::composer::SuiteReport &report);
    void pendingChangesChanged(bool pending);

private:
    void createWidgets();
    void reloadScenarios();
    void currentScenarioChanged(const QString &id);
    void updateActions();
    void showResultDetail(const QModelIndex &index);
    void runProgress(int done, int total);
    void scenarioFinished(const composer::ScenarioResult &result);
    void suiteFinished(const composer::SuiteReport &report);
    void chooseJUnitFile();
    void chooseImportFile();
    void chooseExportFile();
    void say(const QString &message);
    QList<composer::Scenario> scenariosWithIds(const QStringList &ids) const;

    WorkspaceDocument *m_document = nullptr;
    composer::SuiteRunner *m_runner = nullptr;
    ScenarioListModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    ScenarioResultModel *m_results = nullptr;
    QuestionHandler m_ask;

    QLineEdit *m_search = nullptr;
    QTreeView *m_list = nullptr;
    QPushButton *m_runSelectedButton = nullptr;
    QPushButton *m_runAllButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_messageLabel = nullptr;

    QLineEdit *m_targetEdit = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_runSummary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_resultView = nullptr;
    QPlainTextEdit *m_resultDetail = nullptr;
    QPushButton *m_junitButton = nullptr;

    ValidatingJsonEditor *m_editor = nullptr;
    JsonItemEditController *m_items = nullptr;

    QUrl m_defaultTarget;
    QByteArray m_secret;
    int m_concurrency = composer::kDefaultSuiteConcurrency;
    std::optional<composer::SuiteReport> m_lastReport;
    int m_passedSoFar = 0;
    int m_failedSoFar = 0;
};

} // namespace dockside::ui
