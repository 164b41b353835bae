// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/junitreport.h"
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "scenarios/scenariolistmodel.h"
#include "scenarios/scenariopanel.h"
#include "scenarios/scenarioresultmodel.h"
#include "workspace/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::ScenarioListModel;
using dockside::ui::ScenarioPanel;
using dockside::ui::ScenarioResultModel;
using dockside::ui::ScenarioState;
using dockside::ui::WorkspaceDocument;

namespace {

composer::Scenario scenarioFrom(const QByteArray &json)
{
    const composer::ScenarioTextLoad load = composer::parseScenarioText(json);
    EXPECT_TRUE(load.errors.isEmpty()) << load.errors.value(0).message.toStdString();
    return load.scenario.value_or(composer::Scenario {});
}

// The sample workspace plus a scenario whose greeting expectation is wrong on purpose.
workspace::Workspace workspaceWithAFailingScenario()
{
    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    workspace.scenarios.append(scenarioFrom(R"({
        "id": "vip-wrong-greeting",
        "name": "VIP greeted with the wrong words",
        "event": {"type": "status-update", "caller": "+31612345678"},
        "expect": {"json_pointer": [{"pointer": "/assistant/first_message", "equals": "Hi there"}], "status": 200}
    })"));
    return workspace;
}

class ScenarioPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_endpoint.setResponder(mock::MockResponder(workspace::builtinSampleWorkspace(), {}, 5000));
        mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
        m_panel.setDefaultTargetUrl(m_endpoint.url());
        m_panel.setValidationDelay(30);
        m_panel.setQuestionHandler([this](QWidget *, const QString &, const QString &text, QMessageBox::StandardButtons,
                                          QMessageBox::StandardButton) {
            m_questions.append(text);
            return m_answer;
        });
        m_panel.resize(1000, 640);
        m_panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_panel));
        m_listTester = std::make_unique<QAbstractItemModelTester>(
            list()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_resultTester = std::make_unique<QAbstractItemModelTester>(
            results()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    QTreeView *list() const { return m_panel.findChild<QTreeView *>(QStringLiteral("scenarioList")); }
    QTreeView *results() const { return m_panel.findChild<QTreeView *>(QStringLiteral("scenarioResults")); }
    QPushButton *button(const char *name) const { return m_panel.findChild<QPushButton *>(QLatin1String(name)); }
    ui::ValidatingJsonEditor *jsonEditor() const
    {
        return m_panel.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("scenarioJsonEditor"));
    }

    composer::SuiteReport runAndWait(const QStringList &ids)
    {
        QSignalSpy finished(&m_panel, &ScenarioPanel::runFinished);
        EXPECT_TRUE(m_panel.runScenarios(ids));
        EXPECT_TRUE(m_panel.isRunning());
        EXPECT_TRUE(finished.wait(20000));
        return finished.isEmpty() ? composer::SuiteReport {}
                                  : finished.constFirst().constFirst().value<composer::SuiteReport>();
    }

    // The result row of a scenario and the expectation row under it whose check starts with name.
    QModelIndex expectationRow(const QString &scenarioId, const QString &name) const
    {
        const QAbstractItemModel *model = results()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex scenario = model->index(row, 0);
            if (scenario.data(ScenarioResultModel::ScenarioIdRole).toString() != scenarioId)
                continue;
            for (int child = 0; child < model->rowCount(scenario); ++child) {
                const QModelIndex check = model->index(child, 0, scenario);
                if (check.data().toString().startsWith(name))
                    return check;
            }
        }
        return {};
    }

    mock::MockEndpoint m_endpoint {nullptr};
    WorkspaceDocument m_document {workspaceWithAFailingScenario()};
    ScenarioPanel m_panel {&m_document};
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
    std::unique_ptr<QAbstractItemModelTester> m_resultTester;
    QStringList m_questions;
    QMessageBox::StandardButton m_answer = QMessageBox::Cancel;
};

} // namespace

TEST_F(ScenarioPanelTest, ListsTheWorkspaceScenariosWithTheMockEndpointAsTarget)
{
    EXPECT_EQ(list()->model()->rowCount(), m_document.workspace().scenarios.size());
    EXPECT_EQ(m_panel.targetUrl(), m_endpoint.url());
    const QModelIndex vip =
        list()
            ->model()
            ->match(list()->model()->index(0, 0), ScenarioListModel::IdRole, QStringLiteral("vip-greeting"))
            .value(0);
    ASSERT_TRUE(vip.isValid());
    EXPECT_EQ(vip.siblingAtColumn(ScenarioListModel::EventColumn).data().toString(),
              QStringLiteral("status-update from +31612345678"));
    EXPECT_EQ(vip.siblingAtColumn(ScenarioListModel::ExpectationsColumn).data().toString(),
              QStringLiteral("2 JSON values · status 200"));
    EXPECT_EQ(vip.siblingAtColumn(ScenarioListModel::ResultColumn).data().toString(), QStringLiteral("not run"));

    // A URL the user typed stays when the endpoint moves; an untouched one follows it.
    m_panel.setDefaultTargetUrl(QUrl(QStringLiteral("http://127.0.0.1:9999/")));
    EXPECT_EQ(m_panel.targetUrl(), QUrl(QStringLiteral("http://127.0.0.1:9999/")));
    m_panel.setTargetUrl(QUrl(QStringLiteral("http://localhost:3000/hook")));
    m_panel.setDefaultTargetUrl(m_endpoint.url());
    EXPECT_EQ(m_panel.targetUrl(), QUrl(QStringLiteral("http://localhost:3000/hook")));
}

TEST_F(ScenarioPanelTest, RunsTwoScenariosAndShowsEachExpectationPassOrFail)
{
    ASSERT_TRUE(m_panel.selectScenario(QStringLiteral("vip-greeting")));
    list()->selectionModel()->select(
        list()
            ->model()
            ->match(list()->model()->index(0, 0), ScenarioListModel::IdRole, QStringLiteral("vip-wrong-greeting"))
            .value(0),
        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    EXPECT_EQ(m_panel.selectedScenarioIds().size(), 2);

    QSignalSpy finished(&m_panel, &ScenarioPanel::runFinished);
    QTest::mouseClick(button("runSelectedButton"), Qt::LeftButton);
    EXPECT_TRUE(m_panel.isRunning());
    EXPECT_TRUE(button("cancelRunButton")->isEnabled());
    EXPECT_FALSE(button("runAllButton")->isEnabled());
    ASSERT_TRUE(finished.wait(20000));
    const auto report = finished.constFirst().constFirst().value<composer::SuiteReport>();
    ASSERT_EQ(report.results.size(), 2);
    EXPECT_EQ(report.passedCount(), 1);
    EXPECT_EQ(report.failedCount(), 1);
    EXPECT_FALSE(m_panel.isRunning());

    // The tree: each scenario, and each expectation with its expected and actual value.
    const QAbstractItemModel *model = results()->model();
    ASSERT_EQ(model->rowCount(), 2);
    const QModelIndex passed = model->index(0, ScenarioResultModel::CheckColumn);
    EXPECT_EQ(passed.data(ScenarioResultModel::ScenarioIdRole).toString(), QStringLiteral("vip-greeting"));
    EXPECT_EQ(passed.siblingAtColumn(ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("passed"));
    EXPECT_TRUE(passed.siblingAtColumn(ScenarioResultModel::ActualColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("HTTP 200 in ")));
    EXPECT_EQ(model->rowCount(passed), 3);
    for (int child = 0; child < model->rowCount(passed); ++child)
        EXPECT_TRUE(model->index(child, 0, passed).data(ScenarioResultModel::PassedRole).toBool());

    const QModelIndex failed = model->index(1, ScenarioResultModel::CheckColumn);
    EXPECT_EQ(failed.siblingAtColumn(ScenarioResultModel::ResultColumn).data().toString(),
              QStringLiteral("failed 1 of 2"));
    const QModelIndex greeting = expectationRow(QStringLiteral("vip-wrong-greeting"), QStringLiteral("json_pointer"));
    ASSERT_TRUE(greeting.isValid());
    EXPECT_FALSE(greeting.data(ScenarioResultModel::PassedRole).toBool());
    EXPECT_EQ(greeting.siblingAtColumn(ScenarioResultModel::ExpectedColumn).data().toString(),
              QStringLiteral("\"Hi there\""));
    EXPECT_EQ(greeting.siblingAtColumn(ScenarioResultModel::ActualColumn).data().toString(),
              QStringLiteral("\"Welcome back, John Smith!\""));
    EXPECT_EQ(greeting.siblingAtColumn(ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("failed"));
    const QModelIndex status = expectationRow(QStringLiteral("vip-wrong-greeting"), QStringLiteral("status"));
    ASSERT_TRUE(status.isValid());
    EXPECT_TRUE(status.data(ScenarioResultModel::PassedRole).toBool());
    EXPECT_EQ(status.siblingAtColumn(ScenarioResultModel::ActualColumn).data().toString(), QStringLiteral("200"));

    // The list shows the last result; the detail shows what was missed.
    const QModelIndex listed =
        list()
            ->model()
            ->match(list()->model()->index(0, 0), ScenarioListModel::IdRole, QStringLiteral("vip-wrong-greeting"))
            .value(0);
    EXPECT_EQ(listed.data(ScenarioListModel::StateRole).toInt(), static_cast<int>(ScenarioState::Failed));
    results()->setCurrentIndex(greeting);
    const auto *detail = m_panel.findChild<QPlainTextEdit *>(QStringLiteral("scenarioResultDetail"));
    EXPECT_TRUE(detail->toPlainText().startsWith(QStringLiteral("Missed:"))) << detail->toPlainText().toStdString();
    EXPECT_TRUE(detail->toPlainText().contains(QStringLiteral("Welcome back, John Smith!")));
    const auto *progress = m_panel.findChild<QProgressBar *>(QStringLiteral("scenarioProgress"));
    EXPECT_EQ(progress->value(), 2);
    EXPECT_EQ(progress->maximum(), 2);

    // JUnit for CI.
    QTemporaryDir directory;
    const QString junit = directory.filePath(QStringLiteral("scenarios.xml"));
    EXPECT_TRUE(button("exportJUnitButton")->isEnabled());
    QString error;
    ASSERT_TRUE(m_panel.exportJUnit(junit, &error)) << error.toStdString();
    QFile file(junit);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray xml = file.readAll();
    EXPECT_TRUE(xml.contains("tests=\"2\"")) << xml.toStdString();
    EXPECT_TRUE(xml.contains("failures=\"1\""));
    EXPECT_TRUE(xml.contains("Hi there"));
}

TEST_F(ScenarioPanelTest, CancelReportsScenariosWithoutAnAnswerAsCancelled)
{
    // A webhook that takes three seconds for everything.
    workspace::Workspace slow;
    workspace::ResponseTemplate held;
    held.id = QStringLiteral("held");
    held.body = QByteArrayLiteral("{}");
    held.delayMs = 3000;
    slow.templates = {held};
    mock::MockEndpoint slowEndpoint(nullptr);
    slowEndpoint.setResponder(mock::MockResponder(slow, {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    slowEndpoint.start(options);
    ASSERT_TRUE(slowEndpoint.isRunning());
    m_panel.setTargetUrl(slowEndpoint.url());

    QSignalSpy finished(&m_panel, &ScenarioPanel::runFinished);
    ASSERT_TRUE(m_panel.runAll());
    // Cancel while the first scenarios are held by the endpoint.
    ASSERT_TRUE(QTest::qWaitFor([&slowEndpoint] { return slowEndpoint.counters().received > 0; }, 5000));
    QTest::mouseClick(button("cancelRunButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.count() == 1 || finished.wait(5000));
    const auto report = finished.constFirst().constFirst().value<composer::SuiteReport>();
    EXPECT_TRUE(report.cancelled);
    EXPECT_EQ(report.cancelledCount(), m_document.workspace().scenarios.size());
    EXPECT_LT(report.elapsedMs, 2500);
    const QAbstractItemModel *model = results()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        EXPECT_EQ(model->index(row, ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("cancelled"));
    EXPECT_TRUE(button("runAllButton")->isEnabled());
    slowEndpoint.stop();
}

TEST_F(ScenarioPanelTest, RefusesATargetThatIsNotAUrl)
{
    m_panel.setTargetUrl(QUrl(QStringLiteral("ftp://example.org/")));
    EXPECT_FALSE(m_panel.runAll());
    EXPECT_FALSE(m_panel.isRunning());
    EXPECT_TRUE(m_panel.findChild<QLabel *>(QStringLiteral("scenarioMessage"))
                    ->text()
                    .contains(QStringLiteral("is not an http:// or https:// URL")));
}

TEST_F(ScenarioPanelTest, EditsAScenarioAsJsonThroughTheCoreParser)
{
    ASSERT_TRUE(m_panel.selectScenario(QStringLiteral("german-caller")));
    ui::JsonView *view = jsonEditor()->view();
    EXPECT_EQ(view->text(),
              QString::fromUtf8(composer::serializeScenario(
                  *std::find_if(m_document.workspace().scenarios.cbegin(), m_document.workspace().scenarios.cend(),
                                [](const auto &s) { return s.id == QLatin1String("german-caller"); }))));
    const QStringList lines = view->text().split(QLatin1Char('\n'));
    int statusLine = 0;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(QLatin1String("\"status\": 200")))
            statusLine = i + 1;
    }
    ASSERT_GT(statusLine, 0);
    const int column = static_cast<int>(lines.at(statusLine - 1).indexOf(QLatin1String("200"))) + 1;
    view->goTo(statusLine, column);
    QWidget *keys = view->findChild<QWidget *>(QStringLiteral("jsonEditor"));
    QTest::keyClicks(keys, QStringLiteral("\"ok\", \"statuss\": "));
    ASSERT_TRUE(QTest::qWaitFor([this] { return !jsonEditor()->isValidationPending(); }, 3000));
    ASSERT_FALSE(jsonEditor()->problems().isEmpty());
    bool sawStatus = false;
    for (const ui::JsonProblem &problem : jsonEditor()->problems()) {
        if (problem.path == QLatin1String("$.expect.status")) {
            sawStatus = true;
            EXPECT_EQ(problem.line, statusLine);
            EXPECT_EQ(problem.column, column);
            EXPECT_TRUE(view->isMarkedAt(statusLine, column));
        }
    }
    EXPECT_TRUE(sawStatus);
    EXPECT_FALSE(button("applyScenarioButton")->isEnabled());
    EXPECT_FALSE(m_panel.applyChanges());
    EXPECT_FALSE(m_document.isModified());

    QTest::mouseClick(button("revertScenarioButton"), Qt::LeftButton);
    EXPECT_FALSE(m_panel.hasPendingChanges());
    view->goTo(statusLine, column);
    QTest::keyClick(keys, Qt::Key_Delete);
    QTest::keyClicks(keys, QStringLiteral("4"));
    ASSERT_TRUE(QTest::qWaitFor([this] { return !jsonEditor()->isValidationPending(); }, 3000));
    EXPECT_TRUE(jsonEditor()->problems().isEmpty());
    QTest::mouseClick(button("applyScenarioButton"), Qt::LeftButton);
    EXPECT_TRUE(m_document.isModified());
    const auto edited = std::find_if(m_document.workspace().scenarios.cbegin(), m_document.workspace().scenarios.cend(),
                                     [](const auto &s) { return s.id == QLatin1String("german-caller"); });
    ASSERT_NE(edited, m_document.workspace().scenarios.cend());
    EXPECT_EQ(edited->expect.status, 400);
    EXPECT_FALSE(m_panel.hasPendingChanges());
}

TEST_F(ScenarioPanelTest, NewDeleteImportAndExport)
{
    const qsizetype count = m_document.workspace().scenarios.size();
    m_panel.newScenario();
    EXPECT_EQ(m_document.workspace().scenarios.size(), count + 1);
    EXPECT_EQ(m_panel.currentScenarioId(), QStringLiteral("new-scenario"));

    QTemporaryDir directory;
    const QString file = directory.filePath(QStringLiteral("scenarios.json"));
    QString error;
    ASSERT_TRUE(
        m_panel.exportScenariosToFile({QStringLiteral("new-scenario"), QStringLiteral("vip-greeting")}, file, &error))
        << error.toStdString();

    list()->setFocus();
    m_answer = QMessageBox::Yes;
    QTest::keyClick(list(), Qt::Key_Delete);
    ASSERT_EQ(m_questions.size(), 1);
    EXPECT_TRUE(m_questions.constFirst().contains(QStringLiteral("new-scenario")));
    EXPECT_EQ(m_document.workspace().scenarios.size(), count);

    // Importing brings back the deleted one; the unchanged one is left alone without a question.
    ASSERT_TRUE(m_panel.importScenariosFromFile(file));
    EXPECT_EQ(m_document.workspace().scenarios.size(), count + 1);
    EXPECT_EQ(m_questions.size(), 1);

    // A changed scenario under a taken id: the user chooses.
    composer::Scenario changed = m_document.workspace().scenarios.constFirst();
    changed.name = QStringLiteral("Renamed in the file");
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(composer::serializeScenarioFile({changed}));
    }
    m_answer = QMessageBox::No;
    ASSERT_TRUE(m_panel.importScenariosFromFile(file));
    EXPECT_NE(m_document.workspace().scenarios.constFirst().name, changed.name);
    m_answer = QMessageBox::Yes;
    ASSERT_TRUE(m_panel.importScenariosFromFile(file));
    EXPECT_EQ(m_document.workspace().scenarios.constFirst().name, changed.name);

    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write("{\"dockside_scenarios\": 1, \"scenarios\": [{\"id\": \"x\"}]}");
    }
    EXPECT_FALSE(m_panel.importScenariosFromFile(file));
    EXPECT_TRUE(m_panel.findChild<QLabel *>(QStringLiteral("scenarioMessage"))
                    ->text()
                    .contains(QStringLiteral("$.scenarios[0]")));
}

TEST(ScenarioModels, ListAndResultTreePassTheModelTester)
{
    ScenarioListModel list;
    ScenarioResultModel results;
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester resultTester(&results, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const QList<composer::Scenario> scenarios = workspace::builtinSampleWorkspace().scenarios;
    list.setScenarios(scenarios);
    EXPECT_EQ(list.rowCount(), scenarios.size());

    results.start(scenarios);
    EXPECT_EQ(results.rowCount(), scenarios.size());
    EXPECT_EQ(results.index(0, ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("pending"));
    composer::SendResult sent;
    sent.record.responseStatus = 200;
    sent.record.responseBody = QByteArrayLiteral("{}");
    composer::ScenarioResult first = composer::evaluateScenario(scenarios.at(2), sent);
    results.setResult(first);
    list.setResult(first);
    const QModelIndex row = results.indexOfScenario(scenarios.at(2).id);
    EXPECT_EQ(results.rowCount(row), first.expectations.size());
    EXPECT_EQ(results.resultAt(results.index(0, 0, row))->scenarioId, scenarios.at(2).id);
    // A second result for the same scenario replaces the first, children included.
    sent.record.responseStatus = 500;
    results.setResult(composer::evaluateScenario(scenarios.at(2), sent));
    EXPECT_EQ(results.rowCount(row), first.expectations.size());
    composer::SuiteReport report;
    for (const composer::Scenario &scenario : scenarios) {
        composer::ScenarioResult cancelled;
        cancelled.scenarioId = scenario.id;
        cancelled.cancelled = true;
        report.results.append(cancelled);
    }
    results.setReport(report);
    EXPECT_EQ(results.index(0, ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("cancelled"));
    EXPECT_EQ(results.index(2, ScenarioResultModel::ResultColumn).data().toString(), QStringLiteral("failed 3 of 3"));
    list.setScenarios(scenarios.mid(1));
    list.clearResults();
    results.clear();
    EXPECT_EQ(results.rowCount(), 0);
}
