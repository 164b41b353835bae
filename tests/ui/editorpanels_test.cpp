// What the template editor and the scenario panel both get from JsonItemEditController, through the panels.
#include "editor/validatingjsoneditor.h"
#include "qtprinters.h"
#include "scenarios/scenariopanel.h"
#include "workspace/workspacedocument.h"

#include <QLabel>
#include <QPushButton>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::ScenarioPanel;
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

} // namespace

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
