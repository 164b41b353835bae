// SPDX-License-Identifier: GPL-3.0-or-later

#include "mainwindow/mainwindow.h"
#include "routing/routingcallers.h"
#include "routing/routingcelldelegate.h"
#include "routing/routingmatrix.h"
#include "routing/routingmoments.h"
#include "routing/routingpage.h"
#include "routing/routingtablemodel.h"
#include "rules/ruleseditor.h"
#include "templates/templateeditor.h"
#include "widgettesting.h"
#include "workspace/workspace.h"
#include "workspace/workspacedocument.h"

#include "common/searchfiltermodel.h"

#include "qtprinters.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::testing::child;
using dockside::ui::RoutingPage;
using dockside::ui::RoutingTableModel;

namespace {

const QTimeZone kAmsterdam(QByteArrayLiteral("Europe/Amsterdam"));

// The sample workspace on Saturday 27 March 2027, hourly: closed until 10:00, open until 14:00 (Saturday hours),
// closed after; the same three bands for every caller.
routing::RoutingResult saturday()
{
    routing::RoutingInput input;
    input.workspace = workspace::builtinSampleWorkspace();
    input.callers = routing::buildCallers(input.workspace, {});
    input.moments =
        routing::weekMoments(QDateTime(QDate(2027, 3, 27), QTime(0, 0), kAmsterdam), 3600, 1, kAmsterdam).moments;
    return {*routing::computeRoutingMatrix(input), std::nullopt, std::nullopt, 1};
}

// Sets the page to that Saturday, hourly, and waits for the matrix.
void showSaturday(RoutingPage &page)
{
    child<QDateTimeEdit>(page, "routingStartEdit")->setDateTime(QDateTime(QDate(2027, 3, 27), QTime(0, 0)));
    child<QComboBox>(page, "routingStepCombo")->setCurrentText(QStringLiteral("1h"));
    child<QSpinBox>(page, "routingDaysSpin")->setValue(1);
    QSignalSpy computed(&page, &RoutingPage::computed);
    page.compute();
    ASSERT_TRUE(computed.wait(20000));
}

} // namespace

TEST(RoutingTableModel, GroupsMomentsIntoBandsAndNamesTheOutcomeInWords)
{
    RoutingTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setZone(kAmsterdam);
    model.setResult(saturday(), 3600);
    ASSERT_EQ(model.rowCount(), 9);
    ASSERT_EQ(model.columnCount(), 1 + 3);
    EXPECT_EQ(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Sat 27 Mar\n10:00–14:00 CET"));
    EXPECT_EQ(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(),
              QStringLiteral("Sat 27 Mar 10:00–14:00 CET"))
        << "the whole band, on one line";
    // A band across midnight: its start over its end, each as short as a band within a day.
    EXPECT_EQ(RoutingTableModel::headerText(QStringLiteral("Mon 7 Dec 17:30 CET – Tue 8 Dec 09:00 CET")),
              QStringLiteral("Mon 7 Dec 17:30 –\nTue 8 Dec 09:00 CET"));
    EXPECT_EQ(RoutingTableModel::headerText(QStringLiteral("Sat 27 Mar 23:00 CET – Sun 28 Mar 03:00 CEST")),
              QStringLiteral("Sat 27 Mar 23:00 CET –\nSun 28 Mar 03:00 CEST"))
        << "across a change of time the start keeps its own zone";
    EXPECT_EQ(model.columnLabel(3), QStringLiteral("Sat 27 Mar 14:00–24:00 CET"));
    EXPECT_EQ(model.index(0, 0).data().toString(), QStringLiteral("John Smith\n+31612345678"));
    EXPECT_EQ(model.index(0, 1).data().toString(), QStringLiteral("rejected\nreject"));
    EXPECT_EQ(model.index(0, 1).data(RoutingTableModel::KindRole).toInt(), 1);
    EXPECT_EQ(model.index(0, 2).data().toString(), QStringLiteral("answered\nvip-premium"));
    EXPECT_EQ(model.index(0, 2).data(RoutingTableModel::RuleIdRole).toString(), QStringLiteral("vip"));
    EXPECT_TRUE(
        model.index(0, 2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("“Welcome back, John Smith!”")));
    // Text and colour both: the tints of answered and rejected differ.
    EXPECT_NE(ui::RoutingCellDelegate::tint(0, Qt::white), ui::RoutingCellDelegate::tint(1, Qt::white));

    model.setGrouped(false);
    EXPECT_EQ(model.columnCount(), 1 + 24);
    EXPECT_EQ(model.columnLabel(11), QStringLiteral("Sat 27 Mar 10:00–11:00 CET"));

    ui::SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setQuery(QStringLiteral("jonas"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, 0).data(RoutingTableModel::CallerNumberRole).toString(),
              QStringLiteral("+4915112345678"));
    filter.setQuery(QStringLiteral("unknown"));
    EXPECT_EQ(filter.rowCount(), 3);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(RoutingPage, ComputesOffTheGuiThreadAndSaysWhatIsWrongWithAnInput)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    RoutingPage page(&document);
    QAbstractItemModelTester tester(page.filterModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(child<QComboBox>(page, "routingZoneCombo")->currentText(), QStringLiteral("Europe/Amsterdam"));
    showSaturday(page);
    EXPECT_EQ(page.model()->columnCount(), 4);
    EXPECT_TRUE(child<QLabel>(page, "routingStatus")->text().startsWith(QStringLiteral("9 callers × 24 moments")));
    EXPECT_TRUE(child<QLabel>(page, "routingAssumptions")->text().contains(QStringLiteral("signed")));
    EXPECT_FALSE(child<QCheckBox>(page, "routingCompareCheck")->isEnabled()); // no file to compare with

    // A typed number becomes a row; a bad step is named and nothing is computed.
    child<QLineEdit>(page, "routingNumbersEdit")->setText(QStringLiteral("+31 20 123 4567"));
    QSignalSpy computed(&page, &RoutingPage::computed);
    page.compute();
    ASSERT_TRUE(computed.wait(20000));
    EXPECT_EQ(page.model()->rowCount(), 10);
    child<QComboBox>(page, "routingStepCombo")->setCurrentText(QStringLiteral("often"));
    page.compute();
    auto *error = child<QLabel>(page, "routingInputError");
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("“often” is not a step"))) << error->text().toStdString();
    EXPECT_FALSE(page.runner()->isRunning());

    // Cancel stops a run and says so.
    child<QComboBox>(page, "routingStepCombo")->setCurrentText(QStringLiteral("15m"));
    child<QSpinBox>(page, "routingDaysSpin")->setValue(31);
    QSignalSpy cancelled(page.runner(), &routing::RoutingRunner::cancelled);
    page.compute();
    EXPECT_TRUE(page.runner()->isRunning());
    page.cancel();
    EXPECT_EQ(cancelled.size(), 1);
    EXPECT_TRUE(child<QLabel>(page, "routingStatus")->text().startsWith(QStringLiteral("Cancelled")));
}

TEST(RoutingPage, ComparedWithTheSavedFileFramesWhatTheEditsChange)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString fileName = directory.filePath(QStringLiteral("sample.dockside.json"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(":/dockside/workspaces/sample.dockside.json"), fileName));
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace(), fileName);
    RoutingPage page(&document);
    QAbstractItemModelTester tester(page.filterModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);

    // The edit: the "closed" rule is switched off, so every caller is answered all day.
    QList<rules::Rule> edited = document.workspace().rules.rules();
    for (rules::Rule &rule : edited)
        if (rule.id == QStringLiteral("closed"))
            rule.enabled = false;
    document.setRules(rules::RuleSet(edited));
    auto *compare = child<QCheckBox>(page, "routingCompareCheck");
    ASSERT_TRUE(compare->isEnabled());
    compare->setChecked(true);
    showSaturday(page);
    EXPECT_TRUE(
        child<QLabel>(page, "routingStatus")->text().contains(QStringLiteral("; 180 cells of 9 callers differ")))
        << child<QLabel>(page, "routingStatus")->text().toStdString();
    // Columns: the changed night, the unchanged Saturday hours, the changed evening.
    ASSERT_EQ(page.model()->columnCount(), 4);
    EXPECT_TRUE(page.model()->index(0, 1).data(RoutingTableModel::ChangedRole).toBool());
    EXPECT_TRUE(page.model()->index(0, 1).data().toString().startsWith(QStringLiteral("Δ answered")));
    EXPECT_FALSE(page.model()->index(0, 2).data(RoutingTableModel::ChangedRole).toBool());
    EXPECT_TRUE(page.model()->index(0, 1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Was: closed")));

    auto *onlyChanged = child<QCheckBox>(page, "routingOnlyChangedCheck");
    ASSERT_TRUE(onlyChanged->isEnabled());
    onlyChanged->setChecked(true);
    EXPECT_EQ(page.filterModel()->rowCount(), 9);
}

TEST(RoutingPage, EnterOnACellOpensItsRuleAndPreviewsItsTemplateForThatCaller)
{
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    ui::MainWindow window(workspace::builtinSampleWorkspace(), {}, options);
    auto *pages = child<QTabWidget>(window, "pages");
    ASSERT_NE(pages, nullptr);
    RoutingPage *page = window.routing();
    ASSERT_NE(page, nullptr);
    window.show();
    pages->setCurrentWidget(page);
    showSaturday(*page);

    // John Smith on Saturday 10:00-14:00: the VIP rule and its template.
    QTableView *table = page->table();
    table->setCurrentIndex(page->filterModel()->index(0, 2));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    auto *rules = child<ui::RulesEditor>(window, "rulesEditor");
    ASSERT_NE(rules, nullptr);
    EXPECT_EQ(pages->currentWidget(), rules);
    EXPECT_EQ(rules->selectedRuleId(), QStringLiteral("vip"));
    auto *templates = child<ui::TemplateEditor>(window, "templateEditor");
    EXPECT_EQ(templates->currentTemplateId(), QStringLiteral("vip-premium"));
    auto *requests = child<QComboBox>(*templates, "previewRequestCombo");
    EXPECT_EQ(requests->currentText(), QStringLiteral("Routing: John Smith at Sat 27 Mar 10:00 CET"));
}

TEST(RoutingPage, SignedRequestsFollowWhetherTheEndpointHasASecret)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    RoutingPage page(&document);
    auto *signedCheck = child<QCheckBox>(page, "routingSignedCheck");
    page.setSecret({});
    EXPECT_FALSE(signedCheck->isChecked());
    showSaturday(page);
    EXPECT_TRUE(child<QLabel>(page, "routingAssumptions")->text().contains(QStringLiteral("\"unchecked\"")));
    page.setSecret(QByteArrayLiteral("whsec_routing"));
    EXPECT_TRUE(signedCheck->isChecked());
    // The user's choice stands until the secret comes or goes.
    signedCheck->setChecked(false);
    page.setSecret(QByteArrayLiteral("whsec_other"));
    EXPECT_FALSE(signedCheck->isChecked());
}

TEST(RoutingPage, ComparesWithAnotherWorkspaceFileToo)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    // The deployed file opens Saturdays an hour longer than the workspace being edited (which has no file).
    QFile sample(QStringLiteral(":/dockside/workspaces/sample.dockside.json"));
    ASSERT_TRUE(sample.open(QIODevice::ReadOnly));
    QByteArray deployed = sample.readAll();
    deployed.replace("\"10:00-14:00\"", "\"10:00-15:00\"");
    const QString fileName = directory.filePath(QStringLiteral("deployed.dockside.json"));
    QFile file(fileName);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(deployed);
    file.close();

    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    RoutingPage page(&document);
    auto *compare = child<QCheckBox>(page, "routingCompareCheck");
    EXPECT_FALSE(compare->isEnabled());
    page.setComparisonFile(fileName);
    EXPECT_TRUE(compare->isEnabled());
    EXPECT_TRUE(compare->isChecked());
    EXPECT_EQ(compare->text(), QStringLiteral("Compare with deployed.dockside.json"));
    showSaturday(page);
    // 14:00 for each of the nine callers.
    EXPECT_TRUE(child<QLabel>(page, "routingStatus")
                    ->text()
                    .endsWith(QStringLiteral("; 9 cells of 9 callers differ from deployed.dockside.json (framed, Δ)")))
        << child<QLabel>(page, "routingStatus")->text().toStdString();
}
