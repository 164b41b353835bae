// SPDX-License-Identifier: GPL-3.0-or-later

// What the template editor and the scenario panel both get from JsonItemEditController, through the panels.
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "qtprinters.h"
#include "scenarios/scenariolistmodel.h"
#include "scenarios/scenariopanel.h"
#include "templates/templateeditor.h"
#include "templates/templatelistmodel.h"
#include "workspace/workspacedocument.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::ScenarioPanel;
using dockside::ui::TemplateEditor;
using dockside::ui::WorkspaceDocument;

namespace {

struct Asked {
    QStringList questions;

    ui::QuestionHandler handler()
    {
        return [this](QWidget *, const QString &, const QString &text, QMessageBox::StandardButtons,
                      QMessageBox::StandardButton) {
            questions.append(text);
            return QMessageBox::Cancel;
        };
    }
};

// Types at the end of the first line, as a user would, so the editor has unapplied edits.
void typeIntoEditor(ui::ValidatingJsonEditor *editor, const QString &text)
{
    ui::JsonView *view = editor->view();
    view->goTo(1, 2);
    QTest::keyClicks(view->findChild<QWidget *>(QStringLiteral("jsonEditor")), text);
    ASSERT_TRUE(QTest::qWaitFor([editor] { return !editor->isValidationPending(); }, 3000));
}

QString listedId(const QTreeView *list, int idRole)
{
    return list->currentIndex().siblingAtColumn(0).data(idRole).toString();
}

} // namespace

// Searching used to move the list's current row off the hidden template, which asked about the unapplied edits
// mid-keystroke (or, without edits, put another template in the editor).
TEST(TemplateEditorSearch, HidingTheEditedTemplateLeavesItInTheEditorWithoutAQuestion)
{
    WorkspaceDocument document {workspace::builtinSampleWorkspace()};
    TemplateEditor editor {&document};
    Asked asked;
    editor.setQuestionHandler(asked.handler());
    editor.setValidationDelay(20);
    editor.resize(1200, 720);
    editor.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&editor));
    auto *search = editor.findChild<QLineEdit *>(QStringLiteral("templateSearch"));
    auto *list = editor.findChild<QTreeView *>(QStringLiteral("templateList"));
    auto *json = editor.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("templateJsonEditor"));

    // Without edits: the template stays in the editor while the search hides it.
    ASSERT_TRUE(editor.selectTemplate(QStringLiteral("reject")));
    const QString stored = json->view()->text();
    QTest::keyClicks(search, QStringLiteral("duration"));
    ASSERT_GE(list->model()->rowCount(), 1);
    EXPECT_EQ(editor.currentTemplateId(), QStringLiteral("reject"));
    EXPECT_EQ(json->view()->text(), stored);

    // With edits: no question while typing the search, and the draft stays.
    search->clear();
    EXPECT_EQ(listedId(list, ui::TemplateListModel::IdRole), QStringLiteral("reject"));
    typeIntoEditor(json, QStringLiteral(" "));
    ASSERT_TRUE(editor.hasPendingChanges());
    const QString draft = json->view()->text();
    QTest::keyClicks(search, QStringLiteral("duration"));
    EXPECT_TRUE(asked.questions.isEmpty()) << asked.questions.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(editor.currentTemplateId(), QStringLiteral("reject"));
    EXPECT_EQ(json->view()->text(), draft);
    EXPECT_TRUE(editor.hasPendingChanges());

    // Another template in the filtered list is one click away, and that click asks.
    const QModelIndex shown = list->model()->index(0, 0);
    ASSERT_TRUE(shown.isValid());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(shown).center());
    EXPECT_EQ(asked.questions.size(), 1);
    EXPECT_EQ(editor.currentTemplateId(), QStringLiteral("reject"));

    // Cleared, the search shows the edited template as the current row again.
    search->clear();
    EXPECT_EQ(listedId(list, ui::TemplateListModel::IdRole), QStringLiteral("reject"));
    EXPECT_EQ(asked.questions.size(), 1);
}

TEST(ScenarioPanelSearch, HidingTheEditedScenarioLeavesItInTheEditorWithoutAQuestion)
{
    WorkspaceDocument document {workspace::builtinSampleWorkspace()};
    ScenarioPanel panel {&document};
    Asked asked;
    panel.setQuestionHandler(asked.handler());
    panel.setValidationDelay(20);
    panel.resize(1000, 640);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("scenarioSearch"));
    auto *list = panel.findChild<QTreeView *>(QStringLiteral("scenarioList"));
    auto *json = panel.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("scenarioJsonEditor"));

    ASSERT_TRUE(panel.selectScenario(QStringLiteral("vip-greeting")));
    typeIntoEditor(json, QStringLiteral(" "));
    ASSERT_TRUE(panel.hasPendingChanges());
    const QString draft = json->view()->text();
    QTest::keyClicks(search, QStringLiteral("german"));
    ASSERT_GE(list->model()->rowCount(), 1);
    EXPECT_TRUE(asked.questions.isEmpty()) << asked.questions.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(panel.currentScenarioId(), QStringLiteral("vip-greeting"));
    EXPECT_EQ(json->view()->text(), draft);
    search->clear();
    EXPECT_EQ(listedId(list, ui::ScenarioListModel::IdRole), QStringLiteral("vip-greeting"));
}

// The JSON tab used to stay editable with no scenario: typed text counted as unapplied changes of no scenario, and
// New then asked about them and could not go on.
TEST(ScenarioPanelWithoutScenarios, HasNothingToTypeIntoAndNewWorksAtOnce)
{
    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    workspace.scenarios.clear();
    WorkspaceDocument document {workspace};
    ScenarioPanel panel {&document};
    Asked asked;
    panel.setQuestionHandler(asked.handler());
    auto *json = panel.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("scenarioJsonEditor"));
    auto *state = panel.findChild<QLabel *>(QStringLiteral("scenarioState"));

    EXPECT_FALSE(json->isEnabled());
    EXPECT_EQ(panel.currentScenarioId(), QString());
    EXPECT_EQ(state->text(), QStringLiteral("Select a scenario, or add one with New."));

    panel.newScenario();
    EXPECT_TRUE(asked.questions.isEmpty());
    EXPECT_EQ(panel.currentScenarioId(), QStringLiteral("new-scenario"));
    EXPECT_TRUE(json->isEnabled());

    // Deleting the last one turns the editor off again.
    asked.questions.clear();
    panel.setQuestionHandler([](QWidget *, const QString &, const QString &, QMessageBox::StandardButtons,
                                QMessageBox::StandardButton) { return QMessageBox::Yes; });
    ASSERT_TRUE(panel.deleteSelected());
    EXPECT_TRUE(document.workspace().scenarios.isEmpty());
    EXPECT_FALSE(json->isEnabled());
    EXPECT_FALSE(panel.hasPendingChanges());
    EXPECT_FALSE(panel.findChild<QPushButton *>(QStringLiteral("revertScenarioButton"))->isEnabled());
}
