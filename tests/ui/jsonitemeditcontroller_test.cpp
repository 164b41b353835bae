// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/jsonlocator.h"
#include "editor/jsonitemeditcontroller.h"
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "qtprinters.h"
#include "workspace/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::JsonItemEditController;
using dockside::ui::WorkspaceDocument;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString textOf(const workspace::ResponseTemplate &responseTemplate)
{
    return QString::fromUtf8(
        QJsonDocument(workspace::templateToJson(responseTemplate)).toJson(QJsonDocument::Indented));
}

// The document's templates through the core's own reader, listed by name with the id under kIdRole: a source as
// small as a source can be, so these tests are about the controller and not about a panel.
class TemplateSource final : public ui::JsonItemSource {
public:
    TemplateSource(WorkspaceDocument *document, QStandardItemModel *model)
        : m_document(document)
        , m_model(model)
    {
    }

    void refillList() override
    {
        m_model->removeRows(0, m_model->rowCount());
        for (const workspace::ResponseTemplate &responseTemplate : m_document->workspace().templates) {
            auto *name = new QStandardItem(responseTemplate.name);
            name->setData(responseTemplate.id, kIdRole);
            m_model->appendRow({name, new QStandardItem(QString::number(responseTemplate.status))});
        }
    }

    std::optional<QString> storedText(const QString &id) const override
    {
        const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(id);
        return stored != nullptr ? std::optional<QString>(textOf(*stored)) : std::nullopt;
    }

    bool describesStored(const QString &text, const QString &id) const override
    {
        QList<base::LoadError> errors;
        const auto parsed =
            workspace::templateFromJson(QJsonDocument::fromJson(text.toUtf8()).object(), QStringLiteral("$"), errors);
        const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(id);
        return parsed && stored != nullptr && *parsed == *stored;
    }

    ui::JsonItemReading read(const QByteArray &utf8Text, const QString &originalId) const override
    {
        ui::JsonItemReading reading;
        const QJsonDocument json = QJsonDocument::fromJson(utf8Text);
        if (!json.isObject()) {
            reading.problems.append(
                {QStringLiteral("$"), 1, 1, QStringLiteral("Not a JSON object."), ui::JsonMark::Severity::Error});
            return reading;
        }
        QList<base::LoadError> errors;
        const auto parsed = workspace::templateFromJson(json.object(), QStringLiteral("$"), errors);
        if (parsed && parsed->id != originalId && m_document->workspace().findTemplate(parsed->id) != nullptr)
            errors.append({QStringLiteral("$.id"), 0, 0, QStringLiteral("The id is taken.")});
        base::locateLoadErrors(utf8Text, errors);
        for (const base::LoadError &error : errors)
            reading.problems.append(ui::JsonProblem::fromLoadError(error));
        if (!reading.problems.isEmpty())
            return reading;
        reading.id = parsed->id;
        reading.store = [document = m_document, responseTemplate = *parsed, originalId] {
            document->putTemplate(responseTemplate, originalId);
        };
        return reading;
    }

private:
    WorkspaceDocument *m_document = nullptr;
    QStandardItemModel *m_model = nullptr;
};

workspace::ResponseTemplate sampleTemplate(const QString &id, const QString &name)
{
    workspace::ResponseTemplate responseTemplate;
    responseTemplate.id = id;
    responseTemplate.name = name;
    responseTemplate.body = QByteArrayLiteral("{}");
    return responseTemplate;
}

workspace::Workspace threeTemplates()
{
    workspace::Workspace workspace;
    workspace.templates = {sampleTemplate(QStringLiteral("alpha"), QStringLiteral("Alpha")),
                           sampleTemplate(QStringLiteral("beta"), QStringLiteral("Beta")),
                           sampleTemplate(QStringLiteral("gamma"), QStringLiteral("Gamma"))};
    return workspace;
}

class JsonItemEditControllerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_model.setColumnCount(2);
        m_filter.setSourceModel(&m_model);
        m_filter.setFilterKeyColumn(0);
        m_list->setModel(&m_filter);
        m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
        m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
        auto *layout = new QVBoxLayout(&m_panel);
        layout->addWidget(m_list);
        ui::JsonItemWidgets widgets = ui::addJsonItemEditor(
            layout, &m_panel,
            {QStringLiteral("itemEditor"), QStringLiteral("itemState"), QStringLiteral("applyItemButton"),
             QStringLiteral("revertItemButton"), QStringLiteral("Write the item")});
        widgets.list = m_list;
        m_editor = widgets.editor;
        m_apply = widgets.applyButton;
        m_revert = widgets.revertButton;
        m_state = widgets.stateLabel;
        m_controller =
            new JsonItemEditController(widgets, kIdRole, std::make_unique<TemplateSource>(&m_document, &m_model),
                                       {QStringLiteral("the item “%1”"), QStringLiteral("the item"),
                                        QStringLiteral("Nothing selected"), QStringLiteral("Not applied yet")},
                                       &m_panel);
        m_controller->setQuestionHandler([this](QWidget *parent, const QString &, const QString &text,
                                                QMessageBox::StandardButtons buttons, QMessageBox::StandardButton) {
            EXPECT_EQ(parent, &m_panel);
            m_questions.append(text);
            m_offered.append(buttons);
            return m_answer;
        });
        m_editor->setValidationDelay(20);
        QObject::connect(&m_document, &WorkspaceDocument::templatesChanged, m_controller,
                         &JsonItemEditController::reload);
        m_sourceTester =
            std::make_unique<QAbstractItemModelTester>(&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_filterTester = std::make_unique<QAbstractItemModelTester>(
            &m_filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_controller->reload();
        m_panel.resize(600, 500);
        m_panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_panel));
    }

    ui::JsonView *view() const { return m_editor->view(); }
    QString listedId() const { return m_list->currentIndex().siblingAtColumn(0).data(kIdRole).toString(); }
    QString storedText(const QString &id) const
    {
        const workspace::ResponseTemplate *stored = m_document.workspace().findTemplate(id);
        EXPECT_NE(stored, nullptr) << id.toStdString();
        return stored != nullptr ? textOf(*stored) : QString();
    }
    // The stored text of id with one key changed, as a user would type it.
    QString edited(const QString &id, const QString &key, const QJsonValue &value) const
    {
        QJsonObject object = QJsonDocument::fromJson(storedText(id).toUtf8()).object();
        object.insert(key, value);
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    }
    void type(const QString &text)
    {
        view()->setText(text);
        m_editor->validateNow();
    }

    WorkspaceDocument m_document {threeTemplates()};
    QStandardItemModel m_model;
    QSortFilterProxyModel m_filter;
    QWidget m_panel;
    QTreeView *m_list = new QTreeView(&m_panel);
    ui::ValidatingJsonEditor *m_editor = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_state = nullptr;
    JsonItemEditController *m_controller = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_sourceTester;
    std::unique_ptr<QAbstractItemModelTester> m_filterTester;
    QStringList m_questions;
    QList<QMessageBox::StandardButtons> m_offered;
    QMessageBox::StandardButton m_answer = QMessageBox::Cancel;
};

} // namespace

TEST_F(JsonItemEditControllerTest, ShowsTheFirstItemAndFollowsTheListsCurrentRow)
{
    // The panel's widgets, under the names it gave them.
    EXPECT_EQ(m_panel.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("itemEditor")), m_editor);
    EXPECT_EQ(m_panel.findChild<QLabel *>(QStringLiteral("itemState")), m_state);
    EXPECT_EQ(m_panel.findChild<QPushButton *>(QStringLiteral("revertItemButton")), m_revert);
    EXPECT_EQ(m_apply->objectName(), QStringLiteral("applyItemButton"));
    EXPECT_EQ(m_apply->text(), QStringLiteral("&Apply"));
    EXPECT_EQ(m_apply->toolTip(), QStringLiteral("Write the item"));
    EXPECT_EQ(m_revert->text(), QStringLiteral("Reve&rt"));

    EXPECT_EQ(m_controller->currentId(), QStringLiteral("alpha"));
    EXPECT_EQ(listedId(), QStringLiteral("alpha"));
    EXPECT_EQ(m_controller->selectedIds(), QStringList {QStringLiteral("alpha")});
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("alpha")));
    EXPECT_TRUE(m_editor->isEnabled());
    EXPECT_FALSE(m_controller->hasPendingChanges());
    EXPECT_FALSE(m_apply->isEnabled());
    EXPECT_FALSE(m_revert->isEnabled());
    EXPECT_EQ(m_state->text(), QStringLiteral("As in the workspace"));

    QSignalSpy changed(m_controller, &JsonItemEditController::currentChanged);
    // A click on another row is what a user does.
    const QModelIndex gamma = m_filter.index(2, 0);
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, m_list->visualRect(gamma).center());
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("gamma"));
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("gamma")));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.constFirst().constFirst().toString(), QStringLiteral("gamma"));

    EXPECT_TRUE(m_controller->select(QStringLiteral("beta")));
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("beta")));
    EXPECT_FALSE(m_controller->select(QStringLiteral("missing")));
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));
    EXPECT_TRUE(m_questions.isEmpty());
}

TEST_F(JsonItemEditControllerTest, AppliesOnlyTextWithoutErrors)
{
    QSignalSpy messages(m_controller, &JsonItemEditController::statusMessage);
    QSignalSpy pending(m_controller, &JsonItemEditController::pendingChangesChanged);
    const workspace::ResponseTemplate before = *m_document.workspace().findTemplate(QStringLiteral("alpha"));

    type(edited(QStringLiteral("alpha"), QStringLiteral("status"), 42));
    EXPECT_TRUE(m_controller->hasPendingChanges());
    ASSERT_EQ(pending.count(), 1);
    EXPECT_TRUE(pending.constFirst().constFirst().toBool());
    EXPECT_FALSE(m_apply->isEnabled());
    EXPECT_TRUE(m_revert->isEnabled());
    EXPECT_EQ(m_state->text(), QStringLiteral("Fix the errors to apply"));
    EXPECT_FALSE(m_controller->apply());
    EXPECT_EQ(*m_document.workspace().findTemplate(QStringLiteral("alpha")), before);
    EXPECT_FALSE(m_document.isModified());
    ASSERT_EQ(messages.count(), 1);
    EXPECT_EQ(messages.constFirst().constFirst().toString(),
              QStringLiteral("Not applied: the item has 1 error; they are listed under the editor."));

    // Typing shows "Checking…" until the check has run.
    view()->setText(edited(QStringLiteral("alpha"), QStringLiteral("status"), 404));
    EXPECT_EQ(m_state->text(), QStringLiteral("Checking…"));
    ASSERT_TRUE(QTest::qWaitFor([this] { return !m_editor->isValidationPending(); }, 3000));
    EXPECT_EQ(m_state->text(), QStringLiteral("Not applied yet"));
    EXPECT_TRUE(m_apply->isEnabled());
    QTest::mouseClick(m_apply, Qt::LeftButton);
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("alpha"))->status, 404);
    EXPECT_TRUE(m_document.isModified());
    EXPECT_FALSE(m_controller->hasPendingChanges());
    EXPECT_FALSE(pending.constLast().constFirst().toBool());
    EXPECT_EQ(messages.constLast().constFirst().toString(),
              QStringLiteral("Applied the item “alpha” to the workspace."));
    EXPECT_EQ(m_state->text(), QStringLiteral("As in the workspace"));
    // The applied text stays as it was typed, and the list shows the new status.
    EXPECT_EQ(view()->text(), edited(QStringLiteral("alpha"), QStringLiteral("status"), 404));
    EXPECT_EQ(m_filter.index(0, 1).data().toString(), QStringLiteral("404"));
}

TEST_F(JsonItemEditControllerTest, RevertGoesBackToTheStoredText)
{
    type(edited(QStringLiteral("alpha"), QStringLiteral("name"), QStringLiteral("Changed")));
    ASSERT_TRUE(m_controller->hasPendingChanges());
    QTest::mouseClick(m_revert, Qt::LeftButton);
    EXPECT_FALSE(m_controller->hasPendingChanges());
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("alpha")));
    EXPECT_FALSE(m_revert->isEnabled());
}

TEST_F(JsonItemEditControllerTest, ARenameKeepsTheItemCurrentUnderItsNewId)
{
    ASSERT_TRUE(m_controller->select(QStringLiteral("beta")));
    type(edited(QStringLiteral("beta"), QStringLiteral("id"), QStringLiteral("gamma")));
    EXPECT_TRUE(m_editor->hasErrors());
    EXPECT_FALSE(m_controller->apply());

    type(edited(QStringLiteral("beta"), QStringLiteral("id"), QStringLiteral("delta")));
    EXPECT_FALSE(m_editor->hasErrors());
    ASSERT_TRUE(m_controller->apply());
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("delta"));
    EXPECT_EQ(listedId(), QStringLiteral("delta"));
    EXPECT_EQ(m_controller->selectedIds(), QStringList {QStringLiteral("delta")});
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("beta")), nullptr);
    EXPECT_EQ(m_document.workspace().templates.size(), 3);
    // Still in the second place, and the applied text checks clean against the renamed item.
    EXPECT_EQ(m_document.workspace().templates.at(1).id, QStringLiteral("delta"));
    EXPECT_FALSE(m_editor->hasErrors());
    EXPECT_FALSE(m_controller->hasPendingChanges());
}

TEST_F(JsonItemEditControllerTest, LeavingAnEditedItemAsksToApplyDiscardOrStay)
{
    const QString draft = edited(QStringLiteral("alpha"), QStringLiteral("status"), 201);
    type(draft);

    m_answer = QMessageBox::Cancel;
    EXPECT_FALSE(m_controller->select(QStringLiteral("beta")));
    ASSERT_EQ(m_questions.size(), 1);
    EXPECT_EQ(m_questions.constFirst(), QStringLiteral("Apply your changes to the item “alpha” before leaving it?"));
    EXPECT_TRUE(m_offered.constFirst().testFlag(QMessageBox::Apply));
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("alpha"));
    EXPECT_EQ(listedId(), QStringLiteral("alpha"));
    EXPECT_EQ(view()->text(), draft);

    m_answer = QMessageBox::Discard;
    EXPECT_TRUE(m_controller->select(QStringLiteral("beta")));
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("alpha"))->status, 200);
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("beta")));
    EXPECT_FALSE(m_controller->hasPendingChanges());

    type(edited(QStringLiteral("beta"), QStringLiteral("status"), 202));
    m_answer = QMessageBox::Apply;
    EXPECT_TRUE(m_controller->select(QStringLiteral("gamma")));
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("beta"))->status, 202);
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("gamma"));

    // Text with errors cannot be applied, so Apply is not offered.
    type(QStringLiteral("{\"id\": "));
    m_answer = QMessageBox::Cancel;
    EXPECT_FALSE(m_controller->resolvePendingChanges());
    EXPECT_EQ(m_questions.constLast(),
              QStringLiteral("Your changes to the item “gamma” have errors and cannot be applied. Discard them?"));
    EXPECT_FALSE(m_offered.constLast().testFlag(QMessageBox::Apply));
    EXPECT_EQ(m_questions.size(), 4) << m_questions.join(QLatin1Char('\n')).toStdString();
}

TEST_F(JsonItemEditControllerTest, AChangeElsewhereKeepsTheDraftAndMovesRevertsTarget)
{
    // Not edited here: the editor shows the new version.
    workspace::ResponseTemplate alpha = *m_document.workspace().findTemplate(QStringLiteral("alpha"));
    alpha.status = 301;
    m_document.putTemplate(alpha);
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("alpha")));
    EXPECT_FALSE(m_controller->hasPendingChanges());

    // Edited here: the draft stays, and Revert goes to the version stored elsewhere.
    const QString draft = edited(QStringLiteral("alpha"), QStringLiteral("name"), QStringLiteral("Draft"));
    type(draft);
    alpha.status = 302;
    m_document.putTemplate(alpha);
    EXPECT_EQ(view()->text(), draft);
    EXPECT_TRUE(m_controller->hasPendingChanges());
    m_controller->revert();
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("alpha")));
    EXPECT_NE(view()->text(), draft);

    // An applied text laid out differently from the stored one stays as it was typed while it means the same.
    const QString compact = QString::fromUtf8(
        QJsonDocument::fromJson(storedText(QStringLiteral("alpha")).toUtf8()).toJson(QJsonDocument::Compact));
    type(compact);
    ASSERT_TRUE(m_controller->apply());
    workspace::ResponseTemplate beta = *m_document.workspace().findTemplate(QStringLiteral("beta"));
    beta.status = 303;
    m_document.putTemplate(beta);
    EXPECT_EQ(view()->text(), compact);
    EXPECT_FALSE(m_controller->hasPendingChanges());
}

TEST_F(JsonItemEditControllerTest, ADraftIsCheckedAgainWhenTheDocumentChanges)
{
    type(edited(QStringLiteral("alpha"), QStringLiteral("id"), QStringLiteral("delta")));
    ASSERT_FALSE(m_editor->hasErrors());
    ASSERT_TRUE(m_apply->isEnabled());

    // Another item takes the id the draft wants: the draft shows the error at once, and Apply is off.
    m_document.putTemplate(sampleTemplate(QStringLiteral("delta"), QStringLiteral("Delta")));
    EXPECT_TRUE(m_controller->hasPendingChanges());
    EXPECT_TRUE(m_editor->hasErrors());
    EXPECT_FALSE(m_apply->isEnabled());
    EXPECT_EQ(m_state->text(), QStringLiteral("Fix the errors to apply"));
}

TEST_F(JsonItemEditControllerTest, AFilterThatHidesTheItemLeavesItInTheEditor)
{
    const QString draft = edited(QStringLiteral("beta"), QStringLiteral("status"), 203);
    ASSERT_TRUE(m_controller->select(QStringLiteral("beta")));
    type(draft);
    m_controller->refilter([this] { m_filter.setFilterFixedString(QStringLiteral("a")); });
    EXPECT_EQ(m_filter.rowCount(), 3);
    EXPECT_EQ(listedId(), QStringLiteral("beta"));
    m_controller->refilter([this] { m_filter.setFilterFixedString(QStringLiteral("Gamma")); });
    EXPECT_EQ(m_filter.rowCount(), 1);
    EXPECT_TRUE(m_questions.isEmpty()) << m_questions.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));
    EXPECT_EQ(view()->text(), draft);
    // No row is current, so a click on the one shown loads it (after the question).
    EXPECT_FALSE(m_list->currentIndex().isValid());
    m_answer = QMessageBox::Cancel;
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, m_list->visualRect(m_filter.index(0, 0)).center());
    EXPECT_EQ(m_questions.size(), 1);
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));

    // The hidden item is still the one applied, and a reload keeps it.
    ASSERT_TRUE(m_controller->apply());
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("beta"))->status, 203);
    EXPECT_EQ(view()->text(), draft);

    // Shown again, it is the current row again.
    m_controller->refilter([this] { m_filter.setFilterFixedString({}); });
    EXPECT_EQ(listedId(), QStringLiteral("beta"));
    EXPECT_EQ(m_controller->selectedIds(), QStringList {QStringLiteral("beta")});
    EXPECT_EQ(m_questions.size(), 1);
}

TEST_F(JsonItemEditControllerTest, KeepsTheSelectionThroughAReload)
{
    m_list->selectionModel()->select(m_filter.index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    ASSERT_EQ(m_controller->selectedIds().size(), 2);
    m_document.putTemplate(sampleTemplate(QStringLiteral("delta"), QStringLiteral("Delta")));
    QStringList selected = m_controller->selectedIds();
    selected.sort();
    EXPECT_EQ(selected, (QStringList {QStringLiteral("alpha"), QStringLiteral("gamma")}));
    EXPECT_EQ(listedId(), QStringLiteral("alpha"));
    // Whole rows: every column of a selected row is selected.
    EXPECT_TRUE(m_list->selectionModel()->isSelected(m_filter.index(2, 1)));
}

TEST_F(JsonItemEditControllerTest, WithNothingToEditTheEditorIsOff)
{
    // The current item deleted: its edits go without a question, and the first row takes its place.
    type(edited(QStringLiteral("alpha"), QStringLiteral("status"), 500));
    m_controller->forgetCurrent();
    QList<workspace::ResponseTemplate> rest = m_document.workspace().templates.mid(1);
    m_document.setTemplates(rest);
    EXPECT_TRUE(m_questions.isEmpty());
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));
    EXPECT_FALSE(m_controller->hasPendingChanges());

    // No item at all: nothing to type into, nothing pending, and the state says what to do.
    m_controller->forgetCurrent();
    m_document.setTemplates({});
    EXPECT_EQ(m_controller->currentId(), QString());
    EXPECT_FALSE(m_editor->isEnabled());
    EXPECT_TRUE(view()->text().isEmpty());
    EXPECT_FALSE(m_controller->hasPendingChanges());
    EXPECT_FALSE(m_controller->apply());
    EXPECT_EQ(m_state->text(), QStringLiteral("Nothing selected"));

    // An item again: the editor is back on.
    m_document.putTemplate(sampleTemplate(QStringLiteral("omega"), QStringLiteral("Omega")));
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("omega"));
    EXPECT_TRUE(m_editor->isEnabled());
    EXPECT_EQ(view()->text(), storedText(QStringLiteral("omega")));
}

TEST_F(JsonItemEditControllerTest, DelOnTheListAsksThePanelToDeleteEvenWhenTheWindowBindsDel)
{
    QAction windowDelete(QStringLiteral("Clear"), &m_panel);
    windowDelete.setShortcut(QKeySequence::Delete);
    m_panel.addAction(&windowDelete);
    QSignalSpy triggered(&windowDelete, &QAction::triggered);
    QSignalSpy requested(m_controller, &JsonItemEditController::deleteRequested);

    m_list->setFocus();
    QTest::keyClick(m_list, Qt::Key_Delete);
    EXPECT_EQ(requested.count(), 1);
    EXPECT_EQ(triggered.count(), 0);
    // Other keys stay the list's.
    QTest::keyClick(m_list, Qt::Key_Down);
    EXPECT_EQ(m_controller->currentId(), QStringLiteral("beta"));
    EXPECT_EQ(requested.count(), 1);
}
