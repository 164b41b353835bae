// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenariopanel.h"

#include "scenariodelegate.h"
#include "scenariolistmodel.h"
#include "scenarioresultmodel.h"

#include "base/jsonlocator.h"
#include "common/searchfiltermodel.h"
#include "composer/junitreport.h"
#include "editor/jsonitemeditcontroller.h"
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "editor/wording.h"
#include "workspace/workspacedocument.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

// The workspace's scenarios as the JSON tab reads and writes them.
class ScenarioSource final : public JsonItemSource {
public:
    ScenarioSource(WorkspaceDocument *document, ScenarioListModel *model)
        : m_document(document)
        , m_model(model)
    {
    }

    void refillList() override { m_model->setScenarios(m_document->workspace().scenarios); }

    std::optional<QString> storedText(const QString &id) const override
    {
        const composer::Scenario *stored = find(id);
        if (stored == nullptr)
            return std::nullopt;
        return QString::fromUtf8(composer::serializeScenario(*stored));
    }

    bool describesStored(const QString &text, const QString &id) const override
    {
        const composer::Scenario *stored = find(id);
        const composer::ScenarioTextLoad load = composer::parseScenarioText(text.toUtf8());
        return stored != nullptr && load.scenario && *load.scenario == *stored;
    }

    JsonItemReading read(const QByteArray &utf8Text, const QString &originalId) const override
    {
        const composer::ScenarioTextLoad load = composer::parseScenarioText(utf8Text);
        JsonItemReading reading;
        for (const base::LoadError &error : load.errors)
            reading.problems.append(JsonProblem::fromLoadError(error));
        if (!load.scenario)
            return reading;
        if (load.scenario->id != originalId && find(load.scenario->id) != nullptr) {
            QList<base::LoadError> located {
                {QStringLiteral("$.id"), 0, 0,
                 QCoreApplication::translate("dockside::ui::ScenarioPanel",
                                             "Another scenario already has the id \"%1\"; choose one no other "
                                             "scenario uses.")
                     .arg(load.scenario->id)}};
            base::locateLoadErrors(utf8Text, located);
            reading.problems.append(JsonProblem::fromLoadError(located.constFirst()));
            return reading;
        }
        reading.id = load.scenario->id;
        reading.store = [document = m_document, scenario = *load.scenario, originalId] {
            QList<composer::Scenario> scenarios = document->workspace().scenarios;
            for (composer::Scenario &stored : scenarios) {
                if (stored.id == originalId)
                    stored = scenario;
            }
            document->setScenarios(scenarios);
        };
        return reading;
    }

private:
    const composer::Scenario *find(const QString &id) const
    {
        const QList<composer::Scenario> &scenarios = m_document->workspace().scenarios;
        const auto found = std::find_if(scenarios.cbegin(), scenarios.cend(),
                                        [&id](const composer::Scenario &scenario) { return scenario.id == id; });
        return found != scenarios.cend() ? &*found : nullptr;
    }

    WorkspaceDocument *m_document = nullptr;
    ScenarioListModel *m_model = nullptr;
};

bool isSendableUrl(const QUrl &url)
{
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
        !url.host().isEmpty();
}

} // namespace

ScenarioPanel::ScenarioPanel(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(new composer::SuiteRunner(this))
    , m_model(new ScenarioListModel(this))
    , m_filter(new SearchFilterModel(this))
    , m_results(new ScenarioResultModel(this))
    , m_ask(messageBoxQuestions())
{
    setObjectName(QStringLiteral("scenarioPanel"));
    m_filter->setSourceModel(m_model);
    createWidgets();

    connect(m_runner, &composer::SuiteRunner::progress, this, &ScenarioPanel::runProgress);
    connect(m_runner, &composer::SuiteRunner::scenarioFinished, this, &ScenarioPanel::scenarioFinished);
    connect(m_runner, &composer::SuiteRunner::finished, this, &ScenarioPanel::suiteFinished);
    connect(m_document, &WorkspaceDocument::scenariosChanged, this, &ScenarioPanel::reloadScenarios);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, [this] {
        m_items->forgetCurrent();
        m_model->clearResults();
        reloadScenarios();
    });
    reloadScenarios();
}

ScenarioPanel::~ScenarioPanel() = default;

void ScenarioPanel::createWidgets()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("scenarioSplitter"));
    splitter->setChildrenCollapsible(false);

    auto *listPane = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 4, 0);
    m_search = new QLineEdit(listPane);
    m_search->setObjectName(QStringLiteral("scenarioSearch"));
    m_search->setAccessibleName(tr("Search scenarios"));
    m_search->setPlaceholderText(tr("Search scenarios"));
    m_search->setToolTip(
        tr("Shows the scenarios whose name, id, description or event contains every word of the text"));
    installSearch(m_search, m_filter, [this](const std::function<void()> &change) { m_items->refilter(change); });
    listLayout->addWidget(m_search);

    m_list = new QTreeView(listPane);
    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_list->setAccessibleName(tr("Scenarios"));
    m_list->setModel(m_filter);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The name column shows the event and the expectations on a second line.
    m_list->setItemDelegateForColumn(ScenarioListModel::NameColumn, new ScenarioDelegate(m_list));
    m_list->setColumnHidden(ScenarioListModel::EventColumn, true);
    m_list->setColumnHidden(ScenarioListModel::ExpectationsColumn, true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(ScenarioListModel::NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(ScenarioListModel::ResultColumn, QHeaderView::ResizeToContents);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ScenarioPanel::updateActions);
    connect(m_list, &QTreeView::doubleClicked, this, [this] { m_tabs->setCurrentIndex(1); });
    listLayout->addWidget(m_list, 1);

    const auto button = [listPane](const QString &text, const QString &name, const QString &tip) {
        auto *result = new QPushButton(text, listPane);
        result->setObjectName(name);
        result->setToolTip(tip);
        result->setStatusTip(tip);
        return result;
    };
    m_runSelectedButton = button(tr("R&un selected"), QStringLiteral("runSelectedButton"),
                                 tr("Send the selected scenarios to the target and check their answers (Alt+R)"));
    m_runAllButton = button(tr("Run a&ll"), QStringLiteral("runAllButton"),
                            tr("Send every scenario to the target and check the answers (Alt+L)"));
    m_cancelButton = button(tr("Cancel"), QStringLiteral("cancelRunButton"),
                            tr("Stop the run; scenarios without an answer yet are reported as cancelled"));
    m_newButton = button(tr("Ne&w"), QStringLiteral("newScenarioButton"), tr("Add a scenario to edit"));
    m_deleteButton = button(tr("Delete"), QStringLiteral("deleteScenarioButton"),
                            tr("Delete the selected scenarios (Del); asks first"));
    m_importButton =
        button(tr("&Import…"), QStringLiteral("importScenariosButton"), tr("Add scenarios from a scenario file"));
    m_exportButton = button(tr("E&xport…"), QStringLiteral("exportScenariosButton"),
                            tr("Write the selected scenarios (or all) to a scenario file for dockside-cli check"));
    connect(m_runSelectedButton, &QPushButton::clicked, this, &ScenarioPanel::runSelected);
    connect(m_runAllButton, &QPushButton::clicked, this, &ScenarioPanel::runAll);
    connect(m_cancelButton, &QPushButton::clicked, this, &ScenarioPanel::cancel);
    connect(m_newButton, &QPushButton::clicked, this, &ScenarioPanel::newScenario);
    connect(m_deleteButton, &QPushButton::clicked, this, &ScenarioPanel::deleteSelected);
    connect(m_importButton, &QPushButton::clicked, this, &ScenarioPanel::chooseImportFile);
    connect(m_exportButton, &QPushButton::clicked, this, &ScenarioPanel::chooseExportFile);
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_runSelectedButton, 0, 0);
    buttons->addWidget(m_runAllButton, 0, 1);
    buttons->addWidget(m_cancelButton, 0, 2);
    buttons->addWidget(m_newButton, 1, 0);
    buttons->addWidget(m_deleteButton, 1, 1);
    buttons->addWidget(m_importButton, 2, 0);
    buttons->addWidget(m_exportButton, 2, 1);
    listLayout->addLayout(buttons);
    m_messageLabel = new QLabel(listPane);
    m_messageLabel->setObjectName(QStringLiteral("scenarioMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setForegroundRole(QPalette::PlaceholderText);
    listLayout->addWidget(m_messageLabel);

    auto *runPane = new QWidget(splitter);
    auto *runLayout = new QVBoxLayout(runPane);
    runLayout->setContentsMargins(4, 0, 0, 0);
    auto *targetRow = new QHBoxLayout;
    m_targetEdit = new QLineEdit(runPane);
    m_targetEdit->setObjectName(QStringLiteral("scenarioTarget"));
    m_targetEdit->setPlaceholderText(tr("http://127.0.0.1:3000/webhook"));
    m_targetEdit->setToolTip(tr("The webhook the scenarios are sent to; the mock endpoint's URL unless you type "
                                "another"));
    connect(m_targetEdit, &QLineEdit::textChanged, this, &ScenarioPanel::updateActions);
    auto *targetLabel = new QLabel(tr("Tar&get:"), runPane);
    targetLabel->setBuddy(m_targetEdit);
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_targetEdit, 1);
    runLayout->addLayout(targetRow);
    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(runPane);
    m_progress->setObjectName(QStringLiteral("scenarioProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));
    m_runSummary = new QLabel(runPane);
    m_runSummary->setObjectName(QStringLiteral("scenarioRunSummary"));
    m_runSummary->setTextFormat(Qt::PlainText);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_runSummary, 1);
    runLayout->addLayout(progressRow);

    m_tabs = new QTabWidget(runPane);
    m_tabs->setObjectName(QStringLiteral("scenarioTabs"));
    auto *resultsTab = new QWidget(m_tabs);
    auto *resultsLayout = new QVBoxLayout(resultsTab);
    auto *resultSplitter = new QSplitter(Qt::Vertical, resultsTab);
    m_resultView = new QTreeView(resultSplitter);
    m_resultView->setObjectName(QStringLiteral("scenarioResults"));
    m_resultView->setAccessibleName(tr("Scenario results"));
    m_resultView->setModel(m_results);
    m_resultView->setUniformRowHeights(true);
    m_resultView->setAlternatingRowColors(true);
    m_resultView->header()->setStretchLastSection(false);
    m_resultView->header()->setSectionResizeMode(ScenarioResultModel::CheckColumn, QHeaderView::Interactive);
    m_resultView->header()->setSectionResizeMode(ScenarioResultModel::ExpectedColumn, QHeaderView::Stretch);
    m_resultView->header()->setSectionResizeMode(ScenarioResultModel::ActualColumn, QHeaderView::Stretch);
    m_resultView->header()->setSectionResizeMode(ScenarioResultModel::ResultColumn, QHeaderView::ResizeToContents);
    m_resultView->header()->resizeSection(ScenarioResultModel::CheckColumn, 250);
    connect(m_resultView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ScenarioPanel::showResultDetail);
    m_resultDetail = new QPlainTextEdit(resultSplitter);
    m_resultDetail->setObjectName(QStringLiteral("scenarioResultDetail"));
    m_resultDetail->setAccessibleName(tr("Result detail"));
    m_resultDetail->setReadOnly(true);
    m_resultDetail->setPlaceholderText(tr("Select a result to see the answer and the call outcome."));
    resultSplitter->addWidget(m_resultView);
    resultSplitter->addWidget(m_resultDetail);
    resultSplitter->setStretchFactor(0, 3);
    resultSplitter->setStretchFactor(1, 2);
    resultsLayout->addWidget(resultSplitter, 1);
    m_junitButton = new QPushButton(tr("Export &JUnit…"), resultsTab);
    m_junitButton->setObjectName(QStringLiteral("exportJUnitButton"));
    m_junitButton->setToolTip(tr("Write the last run as JUnit XML, which CI systems read"));
    connect(m_junitButton, &QPushButton::clicked, this, &ScenarioPanel::chooseJUnitFile);
    auto *junitRow = new QHBoxLayout;
    junitRow->addStretch(1);
    junitRow->addWidget(m_junitButton);
    resultsLayout->addLayout(junitRow);
    m_tabs->addTab(resultsTab, tr("Results"));

    auto *jsonTab = new QWidget(m_tabs);
    auto *jsonLayout = new QVBoxLayout(jsonTab);
    JsonItemWidgets items =
        addJsonItemEditor(jsonLayout, jsonTab,
                          {QStringLiteral("scenarioJsonEditor"), QStringLiteral("scenarioState"),
                           QStringLiteral("applyScenarioButton"), QStringLiteral("revertScenarioButton"),
                           tr("Write this scenario into the workspace (Alt+A); only a scenario without errors")});
    items.list = m_list;
    m_editor = items.editor;
    m_tabs->addTab(jsonTab, tr("JSON"));
    runLayout->addWidget(m_tabs, 1);

    splitter->addWidget(listPane);
    splitter->addWidget(runPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({340, 560});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setMinimumSize(640, 400);

    m_items = new JsonItemEditController(
        items, ScenarioListModel::IdRole, std::make_unique<ScenarioSource>(m_document, m_model),
        {tr("the scenario “%1”"), tr("the scenario"), tr("Select a scenario, or add one with New."),
         tr("Changes not applied yet; runs use the applied version")},
        this);
    connect(m_items, &JsonItemEditController::currentChanged, this, &ScenarioPanel::currentScenarioChanged);
    connect(m_items, &JsonItemEditController::pendingChangesChanged, this, &ScenarioPanel::pendingChangesChanged);
    connect(m_items, &JsonItemEditController::statusMessage, this, &ScenarioPanel::say);
    connect(m_items, &JsonItemEditController::deleteRequested, this, &ScenarioPanel::deleteSelected);
}

void ScenarioPanel::setQuestionHandler(QuestionHandler handler)
{
    m_ask = std::move(handler);
    m_items->setQuestionHandler(m_ask);
}

void ScenarioPanel::setValidationDelay(int milliseconds)
{
    m_editor->setValidationDelay(milliseconds);
}

void ScenarioPanel::say(const QString &message)
{
    m_messageLabel->setText(message);
    Q_EMIT statusMessage(message);
}

void ScenarioPanel::setDefaultTargetUrl(const QUrl &url)
{
    const QString typed = m_targetEdit->text().trimmed();
    const bool followsDefault = typed.isEmpty() || typed == m_defaultTarget.toString();
    m_defaultTarget = url;
    if (followsDefault)
        m_targetEdit->setText(url.toString());
}

QUrl ScenarioPanel::targetUrl() const
{
    return QUrl::fromUserInput(m_targetEdit->text().trimmed());
}

void ScenarioPanel::setTargetUrl(const QUrl &url)
{
    m_targetEdit->setText(url.toString());
}

void ScenarioPanel::setSecret(const QByteArray &secret)
{
    m_secret = secret;
}

void ScenarioPanel::setConcurrency(int concurrency)
{
    m_concurrency = std::max(1, concurrency);
}

void ScenarioPanel::reloadScenarios()
{
    m_items->reload();
    updateActions();
}

void ScenarioPanel::currentScenarioChanged(const QString &id)
{
    // The run's result for this scenario, when there is one.
    const QModelIndex result = m_results->indexOfScenario(id);
    if (result.isValid())
        m_resultView->setCurrentIndex(result);
    updateActions();
}

QString ScenarioPanel::currentScenarioId() const
{
    return m_items->currentId();
}

QStringList ScenarioPanel::selectedScenarioIds() const
{
    return m_items->selectedIds();
}

bool ScenarioPanel::selectScenario(const QString &id)
{
    return m_items->select(id);
}

bool ScenarioPanel::hasPendingChanges() const
{
    return m_items->hasPendingChanges();
}

bool ScenarioPanel::applyChanges()
{
    return m_items->apply();
}

void ScenarioPanel::revertChanges()
{
    m_items->revert();
}

void ScenarioPanel::updateActions()
{
    const bool running = m_runner->isRunning();
    const bool hasTarget = !m_targetEdit->text().trimmed().isEmpty();
    const bool hasSelection = !selectedScenarioIds().isEmpty();
    m_runSelectedButton->setEnabled(!running && hasTarget && hasSelection);
    m_runAllButton->setEnabled(!running && hasTarget && m_model->rowCount() > 0);
    m_cancelButton->setEnabled(running);
    m_deleteButton->setEnabled(!running && hasSelection);
    m_importButton->setEnabled(!running);
    m_newButton->setEnabled(!running);
    m_exportButton->setEnabled(m_model->rowCount() > 0);
    m_junitButton->setEnabled(m_lastReport.has_value() && !running);
}

QList<composer::Scenario> ScenarioPanel::scenariosWithIds(const QStringList &ids) const
{
    QList<composer::Scenario> chosen;
    for (const composer::Scenario &scenario : m_document->workspace().scenarios) {
        if (ids.contains(scenario.id))
            chosen.append(scenario);
    }
    return chosen;
}

bool ScenarioPanel::runSelected()
{
    return runScenarios(selectedScenarioIds());
}

bool ScenarioPanel::runAll()
{
    QStringList ids;
    for (const composer::Scenario &scenario : m_document->workspace().scenarios)
        ids.append(scenario.id);
    return runScenarios(ids);
}

bool ScenarioPanel::runScenarios(const QStringList &ids)
{
    if (m_runner->isRunning())
        return false;
    const QUrl url = targetUrl();
    if (!isSendableUrl(url)) {
        say(tr("“%1” is not an http:// or https:// URL with a host; type the webhook's URL in Target.")
                .arg(m_targetEdit->text().trimmed()));
        return false;
    }
    const QList<composer::Scenario> scenarios = scenariosWithIds(ids);
    if (scenarios.isEmpty()) {
        say(tr("No scenario to run: select one or more in the list."));
        return false;
    }
    m_passedSoFar = 0;
    m_failedSoFar = 0;
    m_results->start(scenarios);
    for (const composer::Scenario &scenario : scenarios)
        m_model->setState(scenario.id, ScenarioState::Pending);
    m_progress->setRange(0, static_cast<int>(scenarios.size()));
    m_progress->setValue(0);
    m_runSummary->setText(tr("Sending to %1…").arg(url.toString()));
    m_tabs->setCurrentIndex(0);
    m_runner->run(url, scenarios, m_secret, m_document->workspace().defaultAssistant, m_concurrency);
    updateActions();
    QString message =
        tr("Running %1 against %2.").arg(counted(scenarios.size(), tr("scenario"), tr("scenarios")), url.toString());
    if (m_items->hasPendingChanges() && ids.contains(m_items->currentId()))
        message +=
            QLatin1Char(' ') + tr("Your unapplied edit of “%1” is not part of the run.").arg(m_items->currentId());
    say(message);
    return true;
}

void ScenarioPanel::cancel()
{
    m_runner->cancel();
}

bool ScenarioPanel::isRunning() const
{
    return m_runner->isRunning();
}

void ScenarioPanel::runProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void ScenarioPanel::scenarioFinished(const composer::ScenarioResult &result)
{
    m_model->setResult(result);
    m_results->setResult(result);
    if (result.passed())
        ++m_passedSoFar;
    else if (!result.cancelled)
        ++m_failedSoFar;
    m_runSummary->setText(tr("%1 passed, %2 failed").arg(m_passedSoFar).arg(m_failedSoFar));
    const QModelIndex current = m_resultView->currentIndex();
    if (current.isValid() && current.siblingAtColumn(0).data(ScenarioResultModel::ScenarioIdRole) == result.scenarioId)
        showResultDetail(current);
}

void ScenarioPanel::suiteFinished(const composer::SuiteReport &report)
{
    m_lastReport = report;
    for (const composer::ScenarioResult &result : report.results) {
        if (result.cancelled)
            m_model->setResult(result);
    }
    m_results->setReport(report);
    m_progress->setValue(static_cast<int>(report.results.size()) - report.cancelledCount());
    QString summary =
        tr("%1 passed, %2 failed in %3 ms").arg(report.passedCount()).arg(report.failedCount()).arg(report.elapsedMs);
    if (report.cancelled)
        summary += QLatin1String(", ") + tr("%1 cancelled").arg(report.cancelledCount());
    m_runSummary->setText(summary);
    m_resultView->expandAll();
    // The first scenario that missed something, else the first: its detail is what a user reads next.
    QModelIndex first;
    for (int row = 0; row < m_results->rowCount() && !first.isValid(); ++row) {
        const QModelIndex candidate = m_results->index(row, 0);
        if (!candidate.data(ScenarioResultModel::PassedRole).toBool())
            first = candidate;
    }
    if (!first.isValid())
        first = m_results->index(0, 0);
    if (first.isValid()) {
        m_resultView->setCurrentIndex(first);
        m_resultView->scrollTo(first);
    }
    updateActions();
    say(report.allPassed() ? tr("Every scenario passed.") : summary + QLatin1Char('.'));
    Q_EMIT runFinished(report);
}

void ScenarioPanel::showResultDetail(const QModelIndex &index)
{
    const composer::ScenarioResult *result = m_results->resultAt(index);
    if (result == nullptr) {
        m_resultDetail->clear();
        return;
    }
    QString text = result->summary();
    const QString failures = composer::describeFailures(*result);
    if (!failures.isEmpty())
        text = tr("Missed:\n%1\n\n").arg(failures.trimmed()) + text;
    if (result->outcome && !result->responseBody.isEmpty())
        text += QLatin1Char('\n') + tr("Answer body:") + QLatin1Char('\n') + QString::fromUtf8(result->responseBody);
    m_resultDetail->setPlainText(text);
}

bool ScenarioPanel::exportJUnit(const QString &fileName, QString *error)
{
    if (!m_lastReport) {
        if (error != nullptr)
            *error = tr("Nothing to export: run the scenarios first.");
        return false;
    }
    const QString suiteName = m_document->displayName();
    return composer::writeJUnitFile(*m_lastReport, suiteName, fileName, error);
}

void ScenarioPanel::chooseJUnitFile()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export JUnit XML"), QStringLiteral("scenarios.xml"),
                                                          tr("JUnit XML (*.xml);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (exportJUnit(fileName, &error))
        say(tr("Wrote the run to %1.").arg(QFileInfo(fileName).fileName()));
    else
        say(error);
}

void ScenarioPanel::newScenario()
{
    if (!m_items->resolvePendingChanges())
        return;
    QString id = QStringLiteral("new-scenario");
    for (int suffix = 2; m_model->indexOfId(id).isValid(); ++suffix)
        id = QStringLiteral("new-scenario-%1").arg(suffix);
    composer::Scenario scenario;
    scenario.id = id;
    scenario.name = tr("New scenario");
    scenario.expect.status = 200;
    scenario.expect.latencyUnderMs = contract::kAssistantRequestDeadlineMs;
    QList<composer::Scenario> scenarios = m_document->workspace().scenarios;
    scenarios.append(scenario);
    m_document->setScenarios(scenarios);
    selectScenario(id);
    m_tabs->setCurrentIndex(1);
    m_editor->setFocus(Qt::OtherFocusReason);
    say(tr("Added “%1”: an assistant-request that expects HTTP 200 within the deadline. Edit it in the JSON tab.")
            .arg(id));
}

bool ScenarioPanel::deleteSelected()
{
    const QStringList ids = selectedScenarioIds();
    if (ids.isEmpty() || m_runner->isRunning())
        return false;
    const QString question = ids.size() == 1
        ? tr("Delete the scenario “%1”?").arg(ids.constFirst())
        : tr("Delete %1 scenarios (%2)?").arg(ids.size()).arg(ids.join(QStringLiteral(", ")));
    if (m_ask(this, tr("Delete scenarios"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) !=
        QMessageBox::Yes)
        return false;
    QList<composer::Scenario> scenarios = m_document->workspace().scenarios;
    scenarios.removeIf([&ids](const composer::Scenario &scenario) { return ids.contains(scenario.id); });
    if (ids.contains(m_items->currentId()))
        m_items->forgetCurrent();
    m_document->setScenarios(scenarios);
    say(tr("Deleted %1.").arg(ids.join(QStringLiteral(", "))));
    return true;
}

bool ScenarioPanel::importScenariosFromFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        say(tr("Cannot read %1: %2.").arg(QFileInfo(fileName).fileName(), file.errorString()));
        return false;
    }
    const composer::ScenarioFileLoad load = composer::parseScenarioFile(file.readAll());
    if (!load.errors.isEmpty()) {
        QStringList lines;
        for (const base::LoadError &error : load.errors)
            lines.append(base::formatLoadError(QFileInfo(fileName).fileName(), error));
        say(tr("Nothing imported; the file has problems:\n%1").arg(lines.join(QLatin1Char('\n'))));
        return false;
    }
    if (!m_items->resolvePendingChanges())
        return false;
    QList<composer::Scenario> scenarios = m_document->workspace().scenarios;
    QStringList taken;
    for (const composer::Scenario &imported : load.scenarios) {
        const bool same =
            std::any_of(scenarios.cbegin(), scenarios.cend(), [&imported](const auto &s) { return s == imported; });
        if (!same && m_model->indexOfId(imported.id).isValid())
            taken.append(imported.id);
    }
    bool replace = false;
    if (!taken.isEmpty()) {
        const QMessageBox::StandardButton answer =
            m_ask(this, tr("Import scenarios"),
                  tr("The workspace already has scenarios with these ids, different from the file's: %1.\n\nYes "
                     "replaces them with the file's version; No keeps the workspace's and imports the rest.")
                      .arg(taken.join(QStringLiteral(", "))),
                  QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
        if (answer == QMessageBox::Cancel) {
            say(tr("Import cancelled."));
            return false;
        }
        replace = answer == QMessageBox::Yes;
    }
    int added = 0;
    int replaced = 0;
    for (const composer::Scenario &imported : load.scenarios) {
        auto existing = std::find_if(scenarios.begin(), scenarios.end(),
                                     [&imported](const auto &s) { return s.id == imported.id; });
        if (existing == scenarios.end()) {
            scenarios.append(imported);
            ++added;
        } else if (replace && !(*existing == imported)) {
            *existing = imported;
            ++replaced;
        }
    }
    m_document->setScenarios(scenarios);
    say(tr("Imported from %1: %2 added, %3 replaced, %4 unchanged.")
            .arg(QFileInfo(fileName).fileName())
            .arg(added)
            .arg(replaced)
            .arg(load.scenarios.size() - added - replaced));
    return true;
}

bool ScenarioPanel::exportScenariosToFile(const QStringList &ids, const QString &fileName, QString *error)
{
    const QList<composer::Scenario> chosen = scenariosWithIds(ids);
    if (chosen.isEmpty()) {
        if (error != nullptr)
            *error = tr("No scenario to export.");
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(composer::serializeScenarioFile(chosen)) < 0 || !file.commit()) {
        if (error != nullptr)
            *error = tr("Cannot write %1: %2.").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

void ScenarioPanel::chooseImportFile()
{
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Import scenarios"), {}, tr("Scenario files (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        importScenariosFromFile(fileName);
}

void ScenarioPanel::chooseExportFile()
{
    QStringList ids = selectedScenarioIds();
    if (ids.isEmpty()) {
        for (const composer::Scenario &scenario : m_document->workspace().scenarios)
            ids.append(scenario.id);
    }
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export scenarios"), QStringLiteral("scenarios.json"), tr("Scenario files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (exportScenariosToFile(ids, fileName, &error))
        say(tr("Exported %1 to %2.")
                .arg(counted(ids.size(), tr("scenario"), tr("scenarios")), QFileInfo(fileName).fileName()));
    else
        say(error);
}

} // namespace dockside::ui
