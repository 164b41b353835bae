// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/searchfiltermodel.h"
#include "contacts/contactseditor.h"
#include "contacts/contacttablemodel.h"
#include "fixtures.h"
#include "qtprinters.h"
#include "scenarios/scenariolistmodel.h"
#include "templates/templatelistmodel.h"
#include "workspace/workspace.h"
#include "workspace/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QStandardItemModel>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::SearchFilterModel;

namespace {

QStandardItem *item(const QString &text)
{
    auto *row = new QStandardItem(text);
    row->setData(text, ui::SearchTextRole);
    return row;
}

QStringList shown(const QAbstractItemModel &model, int role = Qt::DisplayRole)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows.append(model.index(row, 0).data(role).toString());
    return rows;
}

struct Fixture {
    QStandardItemModel source;
    SearchFilterModel filter;
    QAbstractItemModelTester tester {&filter, QAbstractItemModelTester::FailureReportingMode::Fatal};

    Fixture()
    {
        for (const char *text : {"German greeting", "English greeting", "Reject the caller", "greeting-de template"})
            source.appendRow(item(QString::fromUtf8(text)));
        filter.setSourceModel(&source);
    }
};

} // namespace

TEST(SearchFilterModel, EveryWordMustMatchInAnyOrder)
{
    Fixture fixture;
    fixture.filter.setQuery(QStringLiteral("greeting german"));
    EXPECT_EQ(shown(fixture.filter), QStringList {QStringLiteral("German greeting")}) << "both words, either order";
    fixture.filter.setQuery(QStringLiteral("greeting nothing"));
    EXPECT_EQ(fixture.filter.rowCount(), 0) << "one word missing hides the row";
    fixture.filter.setQuery(QStringLiteral("greet"));
    EXPECT_EQ(fixture.filter.rowCount(), 3) << "a word matches inside a longer one";
}

TEST(SearchFilterModel, IgnoresCaseAndExtraSpaces)
{
    Fixture fixture;
    fixture.filter.setQuery(QStringLiteral("REJECT"));
    EXPECT_EQ(shown(fixture.filter), QStringList {QStringLiteral("Reject the caller")});
    fixture.filter.setQuery(QStringLiteral("  english\tGREETING  "));
    EXPECT_EQ(shown(fixture.filter), QStringList {QStringLiteral("English greeting")});
}

TEST(SearchFilterModel, AnEmptyOrBlankQueryShowsEveryRow)
{
    Fixture fixture;
    fixture.filter.setQuery(QStringLiteral("zzz"));
    ASSERT_EQ(fixture.filter.rowCount(), 0);
    fixture.filter.setQuery(QStringLiteral("   "));
    EXPECT_EQ(fixture.filter.rowCount(), 4);
    fixture.filter.setQuery(QString());
    EXPECT_EQ(fixture.filter.rowCount(), 4);
}

TEST(SearchFilterModel, FollowsTheSourceWhileFiltered)
{
    Fixture fixture;
    fixture.filter.setQuery(QStringLiteral("greeting"));
    ASSERT_EQ(fixture.filter.rowCount(), 3);
    fixture.source.appendRow(item(QStringLiteral("Dutch greeting")));
    fixture.source.appendRow(item(QStringLiteral("Busy tone")));
    EXPECT_EQ(fixture.filter.rowCount(), 4) << "an inserted match shows, a non-match does not";
    fixture.source.removeRow(0);
    EXPECT_EQ(fixture.filter.rowCount(), 3);
    fixture.source.item(1)->setData(QStringLiteral("Reject the greeting"), ui::SearchTextRole);
    EXPECT_EQ(fixture.filter.rowCount(), 4) << "a changed row is filtered again";
    fixture.source.clear();
    EXPECT_EQ(fixture.filter.rowCount(), 0);
    fixture.source.appendRow(item(QStringLiteral("Greeting after the reset")));
    EXPECT_EQ(fixture.filter.rowCount(), 1) << "the query outlives a reset";
}

TEST(SearchFilterModel, ARowConditionHidesRowsWhateverTheQuery)
{
    Fixture fixture;
    bool onlyTemplates = true;
    fixture.filter.setRowCondition([&onlyTemplates](const QModelIndex &index) {
        return !onlyTemplates || index.data().toString().contains(QStringLiteral("template"));
    });
    EXPECT_EQ(fixture.filter.rowCount(), 1);
    fixture.filter.setQuery(QStringLiteral("german"));
    EXPECT_EQ(fixture.filter.rowCount(), 0);
    onlyTemplates = false;
    fixture.filter.refreshRowCondition();
    EXPECT_EQ(fixture.filter.rowCount(), 1);
}

TEST(SearchFilterModel, InstallSearchWiresTheLineEditAndAnnouncesTheQuery)
{
    Fixture fixture;
    QLineEdit edit;
    int changes = 0;
    ui::installSearch(&edit, &fixture.filter, [&changes](const std::function<void()> &change) {
        ++changes;
        change();
    });
    EXPECT_TRUE(edit.isClearButtonEnabled());
    edit.setText(QStringLiteral("english GREETING"));
    EXPECT_EQ(fixture.filter.query(), QStringLiteral("english GREETING"));
    EXPECT_EQ(fixture.filter.rowCount(), 1);
    EXPECT_EQ(changes, 1) << "the panel's wrapper ran the change";
    edit.clear();
    EXPECT_EQ(fixture.filter.rowCount(), 4);
}

TEST(SearchFilterModel, TemplatesAreFoundByNameDescriptionOrId)
{
    ui::TemplateListModel model;
    SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTemplates(seedAnswersWorkspace().templates);
    filter.setQuery(QStringLiteral("REJECT"));
    EXPECT_EQ(shown(filter, ui::TemplateListModel::IdRole), QStringList {QStringLiteral("reject")});
    filter.setQuery(QStringLiteral("vip system prompt"));
    EXPECT_EQ(shown(filter, ui::TemplateListModel::IdRole), QStringList {QStringLiteral("override-llm")});
    filter.setQuery(QStringLiteral("crm-welcome"));
    EXPECT_EQ(shown(filter, ui::TemplateListModel::IdRole), QStringList {QStringLiteral("crm-welcome-back")});
    filter.setQuery(QStringLiteral("  greeting "));
    EXPECT_EQ(shown(filter, ui::TemplateListModel::IdRole),
              (QStringList {QStringLiteral("personalize-greeting"), QStringLiteral("crm-welcome-back")}));
    model.setTemplates({});
    model.setTemplates(seedAnswersWorkspace().templates);
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setQuery({});
    EXPECT_EQ(filter.rowCount(), 7);
}

TEST(SearchFilterModel, ScenariosAreFoundByNameIdDescriptionOrEvent)
{
    ui::ScenarioListModel model;
    SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QList<composer::Scenario> scenarios = workspace::builtinSampleWorkspace().scenarios;
    model.setScenarios(scenarios);
    filter.setQuery(QStringLiteral("german"));
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setQuery(QStringLiteral("web call"));
    EXPECT_EQ(filter.rowCount(), 1);
    filter.setQuery({});
    EXPECT_EQ(filter.rowCount(), scenarios.size());
}

// The contacts page keeps what its own filter did: numbers in any spelling, "vip", sorting by column.
TEST(SearchFilterModel, ContactsAreFoundByEveryFieldAndByNumberInAnySpelling)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ui::ContactsEditor editor(&document);
    SearchFilterModel *filter = editor.filterModel();
    QAbstractItemModelTester tester(filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(filter->rowCount(), 6);
    editor.searchField()->setText(QStringLiteral("+31 6 1234"));
    EXPECT_EQ(filter->rowCount(), 1);
    editor.searchField()->setText(QStringLiteral("(6) 1234-56"));
    EXPECT_EQ(filter->rowCount(), 1) << "a number matches however it is spaced";
    editor.searchField()->setText(QStringLiteral("german"));
    EXPECT_EQ(filter->rowCount(), 1) << "notes are searched";
    editor.searchField()->setText(QStringLiteral("vip en"));
    EXPECT_EQ(filter->rowCount(), 1) << "every word must match";
    editor.searchField()->clear();
    filter->sort(ui::ContactTableModel::VipColumn, Qt::DescendingOrder);
    EXPECT_EQ(filter->index(0, ui::ContactTableModel::VipColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
              Qt::Checked);
}
