// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/eventsender.h"
#include "editor/jsonproblemmodel.h"
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"
#include "outcome/calloutcomeview.h"
#include "qtprinters.h"
#include "templates/templateeditor.h"
#include "templates/templateimport.h"
#include "templates/templateimportdialog.h"
#include "templates/templatelistmodel.h"
#include "templates/templatevalidation.h"
#include "workspace/templateexchange.h"
#include "workspace/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QFrame>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::JsonView;
using dockside::ui::TemplateEditor;
using dockside::ui::WorkspaceDocument;

namespace {

class TemplateEditorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_editor.setValidationDelay(50);
        m_editor.setQuestionHandler([this](QWidget *, const QString &, const QString &text,
                                           QMessageBox::StandardButtons buttons, QMessageBox::StandardButton) {
            m_questions.append(text);
            EXPECT_TRUE(buttons.testFlag(m_answer)) << text.toStdString();
            return m_answer;
        });
        // These tests type into the JSON; the form has its own tests (overrideform_test.cpp).
        m_editor.setFormShown(false);
        m_editor.resize(1200, 720);
        m_editor.show();
        m_editor.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&m_editor));
        m_listTester = std::make_unique<QAbstractItemModelTester>(
            list()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_problemTester = std::make_unique<QAbstractItemModelTester>(
            jsonEditor()->problemModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    QTreeView *list() const { return m_editor.findChild<QTreeView *>(QStringLiteral("templateList")); }
    ui::ValidatingJsonEditor *jsonEditor() const
    {
        return m_editor.findChild<ui::ValidatingJsonEditor *>(QStringLiteral("templateJsonEditor"));
    }
    JsonView *view() const { return jsonEditor()->view(); }
    // The QsciScintilla inside the editor: keys go to it as they would from the keyboard.
    QWidget *keyTarget() const { return view()->findChild<QWidget *>(QStringLiteral("jsonEditor")); }
    QPushButton *button(const char *name) const { return m_editor.findChild<QPushButton *>(QLatin1String(name)); }
    QLabel *label(const char *name) const { return m_editor.findChild<QLabel *>(QLatin1String(name)); }
    QComboBox *requests() const { return m_editor.findChild<QComboBox *>(QStringLiteral("previewRequestCombo")); }
    JsonView *previewBody() const { return m_editor.findChild<JsonView *>(QStringLiteral("previewBody")); }

    // 1-based line and column of the first occurrence of needle in the editor's text.
    std::pair<int, int> find(const QString &needle) const
    {
        const QStringList lines = view()->text().split(QLatin1Char('\n'));
        for (int line = 0; line < lines.size(); ++line) {
            const qsizetype column = lines.at(line).indexOf(needle);
            if (column >= 0)
                return {line + 1, static_cast<int>(column) + 1};
        }
        ADD_FAILURE() << "not in the editor: " << needle.toStdString();
        return {0, 0};
    }

    void typeAt(const QString &needle, int offset, const QString &text)
    {
        const auto [line, column] = find(needle);
        view()->goTo(line, column + offset);
        QTest::keyClicks(keyTarget(), text);
    }

    bool waitForCheck()
    {
        return QTest::qWaitFor([this] { return !jsonEditor()->isValidationPending(); }, 3000);
    }

    const workspace::ResponseTemplate &stored(const QString &id) const
    {
        const workspace::ResponseTemplate *found = m_document.workspace().findTemplate(id);
        EXPECT_NE(found, nullptr) << id.toStdString();
        static const workspace::ResponseTemplate none;
        return found != nullptr ? *found : none;
    }

    WorkspaceDocument m_document {workspace::builtinSampleWorkspace()};
    TemplateEditor m_editor {&m_document};
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
    std::unique_ptr<QAbstractItemModelTester> m_problemTester;
    QStringList m_questions;
    QMessageBox::StandardButton m_answer = QMessageBox::Cancel;
};

} // namespace

TEST_F(TemplateEditorTest, ShowsTheFirstTemplateAsWorkspaceJson)
{
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("default"));
    EXPECT_EQ(view()->text(), ui::templateText(stored(QStringLiteral("default"))));
    EXPECT_FALSE(view()->isReadOnly());
    EXPECT_TRUE(jsonEditor()->problems().isEmpty());
    EXPECT_FALSE(button("applyTemplateButton")->isEnabled());
    EXPECT_FALSE(m_editor.hasPendingChanges());

    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    EXPECT_TRUE(view()->text().contains(QStringLiteral("\"id\": \"reject\"")));
}

TEST_F(TemplateEditorTest, InvalidJsonIsMarkedAtItsLineAndColumnAndNotApplied)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    const workspace::ResponseTemplate before = stored(QStringLiteral("reject"));
    const auto [statusLine, statusColumn] = find(QStringLiteral("\"status\": 200"));

    // A value the parser cannot read: the error sits where the value starts.
    typeAt(QStringLiteral("\"status\": 200"), 10, QStringLiteral("x"));
    EXPECT_TRUE(m_editor.hasPendingChanges());
    ASSERT_TRUE(waitForCheck());
    ASSERT_EQ(jsonEditor()->problems().size(), 1);
    const ui::JsonProblem syntax = jsonEditor()->problems().constFirst();
    EXPECT_TRUE(syntax.message.startsWith(QStringLiteral("Not valid JSON"))) << syntax.message.toStdString();
    EXPECT_EQ(syntax.line, statusLine);
    EXPECT_EQ(syntax.column, statusColumn + 10);
    EXPECT_TRUE(view()->isMarkedAt(syntax.line, syntax.column));
    EXPECT_EQ(view()->annotationOfLine(statusLine), syntax.message);
    EXPECT_FALSE(button("applyTemplateButton")->isEnabled());
    EXPECT_FALSE(m_editor.applyChanges());
    EXPECT_EQ(stored(QStringLiteral("reject")), before);
    EXPECT_FALSE(m_document.isModified());

    // Valid JSON that the template parser refuses: the message names the path, the mark sits on the value.
    QTest::keyClick(keyTarget(), Qt::Key_Backspace);
    QTest::keyClicks(keyTarget(), QStringLiteral("9"));
    const auto [line, column] = find(QStringLiteral("\"status\": 9200"));
    ASSERT_TRUE(waitForCheck());
    ASSERT_EQ(jsonEditor()->problems().size(), 1);
    const ui::JsonProblem range = jsonEditor()->problems().constFirst();
    EXPECT_EQ(range.path, QStringLiteral("$.status"));
    EXPECT_EQ(range.line, line);
    EXPECT_EQ(range.column, column + 10);
    EXPECT_TRUE(range.message.contains(QStringLiteral("from 100 to 599"))) << range.message.toStdString();
    EXPECT_TRUE(view()->isMarkedAt(line, column + 10));
    EXPECT_TRUE(view()->isMarkedAt(line, column + 13));
    EXPECT_FALSE(view()->isMarkedAt(line, column + 14));
    EXPECT_FALSE(view()->isMarkedAt(line - 1, 3));
    EXPECT_TRUE(view()->annotationOfLine(line).startsWith(QStringLiteral("$.status: Expected a whole number")));
    const auto *problemList = jsonEditor()->findChild<QTreeView *>(QStringLiteral("problemList"));
    ASSERT_NE(problemList, nullptr);
    EXPECT_TRUE(problemList->isVisible());
    EXPECT_EQ(problemList->model()->index(0, ui::JsonProblemModel::PlaceColumn).data().toString(),
              QStringLiteral("%1:%2").arg(line).arg(column + 10));
    EXPECT_FALSE(m_editor.applyChanges());
    EXPECT_EQ(stored(QStringLiteral("reject")), before);

    // Fixed: Apply writes it through the document.
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(keyTarget(), Qt::Key_Delete);
    QTest::keyClick(keyTarget(), Qt::Key_Backspace);
    QTest::keyClicks(keyTarget(), QStringLiteral("403"));
    ASSERT_TRUE(waitForCheck());
    EXPECT_TRUE(jsonEditor()->problems().isEmpty());
    EXPECT_TRUE(view()->marks().isEmpty());
    EXPECT_FALSE(view()->isMarkedAt(line, column + 10));
    EXPECT_TRUE(button("applyTemplateButton")->isEnabled());
    QSignalSpy changed(&m_document, &WorkspaceDocument::templatesChanged);
    QTest::mouseClick(button("applyTemplateButton"), Qt::LeftButton);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(stored(QStringLiteral("reject")).status, 403);
    EXPECT_TRUE(m_document.isModified());
    EXPECT_FALSE(m_editor.hasPendingChanges());
    EXPECT_TRUE(view()->text().contains(QStringLiteral("\"status\": 403")));
}

TEST_F(TemplateEditorTest, IdsStayUniqueAndUnknownKeysAreWarnings)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    const auto [line, column] = find(QStringLiteral("\"reject\""));
    view()->goTo(line, column + 1);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(keyTarget(), Qt::Key_Delete);
    QTest::keyClicks(keyTarget(), QStringLiteral("default"));
    ASSERT_TRUE(waitForCheck());
    ASSERT_EQ(jsonEditor()->problems().size(), 1);
    const ui::JsonProblem taken = jsonEditor()->problems().constFirst();
    EXPECT_TRUE(taken.isError());
    EXPECT_EQ(taken.path, QStringLiteral("$.id"));
    EXPECT_EQ(taken.line, line);
    EXPECT_TRUE(taken.message.contains(QStringLiteral("already has the id \"default\"")));
    EXPECT_FALSE(m_editor.applyChanges());

    // Renaming to a free id is fine, but the rules that answer with "reject" are named in a warning.
    for (int i = 0; i < 7; ++i)
        QTest::keyClick(keyTarget(), Qt::Key_Backspace);
    QTest::keyClicks(keyTarget(), QStringLiteral("refuse"));
    const auto [nameLine, nameColumn] = find(QStringLiteral("\"name\""));
    view()->goTo(nameLine, nameColumn);
    QTest::keyClicks(keyTarget(), QStringLiteral("\"dealy_ms\": 5, "));
    ASSERT_TRUE(waitForCheck());
    ASSERT_EQ(jsonEditor()->problems().size(), 2) << jsonEditor()->problems().constFirst().message.toStdString();
    for (const ui::JsonProblem &problem : jsonEditor()->problems())
        EXPECT_FALSE(problem.isError()) << problem.message.toStdString();
    EXPECT_TRUE(jsonEditor()->problems().at(0).message.contains(QStringLiteral("Unknown key \"dealy_ms\"")) ||
                jsonEditor()->problems().at(1).message.contains(QStringLiteral("Unknown key \"dealy_ms\"")));
    EXPECT_TRUE(jsonEditor()->problems().at(0).message.contains(QStringLiteral("without a template")) ||
                jsonEditor()->problems().at(1).message.contains(QStringLiteral("without a template")));
    EXPECT_TRUE(m_editor.applyChanges());
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("refuse"));
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("reject")), nullptr);
    EXPECT_EQ(stored(QStringLiteral("refuse")).status, 200);
}

TEST_F(TemplateEditorTest, TypingTwoBracesOffersThePlaceholdersAndInsertsTheChosenOne)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("personalize-greeting")));
    const QStringList offered = view()->placeholderNames();
    for (const char *name : {"now", "uuid", "contact.name", "contact.customer_since", "call.id", "schema",
                             "message.customer.number", "request.header.X-Webhook-Event"})
        EXPECT_TRUE(offered.contains(QLatin1String(name))) << name;

    typeAt(QStringLiteral("Hello John"), 6, QStringLiteral("{{"));
    EXPECT_TRUE(view()->isCompletionListActive());
    QTest::keyClicks(keyTarget(), QStringLiteral("contact.na"));
    EXPECT_TRUE(view()->isCompletionListActive());
    QTest::keyClick(keyTarget(), Qt::Key_Return);
    EXPECT_FALSE(view()->isCompletionListActive());
    EXPECT_TRUE(view()->text().contains(QStringLiteral("\"Hello {{contact.name}}John, great")))
        << view()->text().toStdString();

    // The preview renders what was completed, against the built-in call from John Smith.
    ASSERT_TRUE(waitForCheck());
    EXPECT_TRUE(jsonEditor()->problems().isEmpty());
    EXPECT_TRUE(previewBody()->text().contains(QStringLiteral("Hello John SmithJohn")))
        << previewBody()->text().toStdString();

    // Ctrl+Space inside an open placeholder offers the names that start with what is typed.
    QTest::keyClicks(keyTarget(), QStringLiteral(" {{mess"));
    QTest::keyClick(keyTarget(), Qt::Key_Escape);
    EXPECT_FALSE(view()->isCompletionListActive());
    QTest::keyClick(keyTarget(), Qt::Key_Space, Qt::ControlModifier);
    EXPECT_TRUE(view()->isCompletionListActive());
    QTest::keyClick(keyTarget(), Qt::Key_Return);
    EXPECT_TRUE(view()->text().contains(QStringLiteral("{{contact.name}} {{message}}John")))
        << view()->text().toStdString();
}

TEST_F(TemplateEditorTest, PreviewRendersAgainstSamplesAndShowsTheOutcomeAndRenderErrors)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("crm-welcome-back")));
    ASSERT_GE(requests()->count(), 3);
    EXPECT_TRUE(requests()->itemText(0).contains(QStringLiteral("John Smith")));
    requests()->setCurrentIndex(0);
    EXPECT_TRUE(previewBody()->text().contains(QStringLiteral("Hello John Smith, welcome back!")))
        << previewBody()->text().toStdString();
    EXPECT_TRUE(label("previewStatus")->text().startsWith(QStringLiteral("HTTP 200")));
    EXPECT_TRUE(label("previewRequestNote")->text().contains(QStringLiteral("John Smith")));
    EXPECT_FALSE(label("previewErrors")->isVisible());
    // The same outcome card as the composer's.
    auto *outcome = m_editor.findChild<ui::CallOutcomeView *>(QStringLiteral("previewOutcome"));
    ASSERT_NE(outcome, nullptr);
    ASSERT_TRUE(outcome->isVisible());
    ASSERT_TRUE(outcome->hasOutcome());
    EXPECT_EQ(outcome->outcome()->reason, contract::Reason::Override);
    EXPECT_TRUE(outcome->outcome()->spokenFirst.startsWith(QStringLiteral("Hello John Smith, welcome back!")))
        << outcome->outcome()->spokenFirst.toStdString();
    EXPECT_TRUE(label("outcomeHeadline")->text().startsWith(QStringLiteral("Answered with overrides")))
        << label("outcomeHeadline")->text().toStdString();
    auto *headers = m_editor.findChild<QTreeWidget *>(QStringLiteral("previewHeaders"));
    ASSERT_GE(headers->topLevelItemCount(), 1);
    EXPECT_EQ(headers->topLevelItem(0)->text(0), QStringLiteral("Content-Type"));

    // A web call has no caller, so {{contact.name}} has no value: the mock answers 500 and names it.
    const int web = requests()->findText(QStringLiteral("web call"), Qt::MatchContains);
    ASSERT_GE(web, 0);
    requests()->setCurrentIndex(web);
    EXPECT_TRUE(label("previewErrors")->isVisible());
    EXPECT_TRUE(
        label("previewErrors")
            ->text()
            .contains(QStringLiteral("$.assistant.first_message: {{contact.name}}: the request has no caller number")))
        << label("previewErrors")->text().toStdString();
    EXPECT_TRUE(label("previewStatus")->text().startsWith(QStringLiteral("HTTP 500")));
    EXPECT_TRUE(previewBody()->text().contains(QStringLiteral("dockside_error")));
    ASSERT_TRUE(outcome->hasOutcome());
    EXPECT_EQ(outcome->outcome()->reason, contract::Reason::HttpStatus);

    // Faults: the outcome is the platform's, not the body's.
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("fault-hang")));
    EXPECT_TRUE(label("previewStatus")->text().contains(QStringLiteral("fault: hang")));
    ASSERT_TRUE(outcome->hasOutcome());
    EXPECT_EQ(outcome->outcome()->reason, contract::Reason::Timeout);
}

TEST_F(TemplateEditorTest, OffersCapturedAssistantRequestsFromTheHistory)
{
    QTemporaryDir directory;
    const QString historyPath = directory.filePath(QStringLiteral("history.sqlite"));
    history::HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({historyPath, 0, 0}, &error)) << error.toStdString();
    mock::MockEndpoint endpoint(&store);
    endpoint.setResponder(mock::MockResponder(m_document.workspace(), {}, 5000));
    mock::MockEndpointOptions options;
    options.port = 0;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());

    composer::EventSender sender;
    composer::SendOptions send;
    send.url = endpoint.url();
    send.event.customerNumber = QStringLiteral("+31687654321");
    QSignalSpy recorded(&endpoint, &mock::MockEndpoint::exchangeRecorded);
    QSignalSpy stored(&store, &history::HistoryStore::appended);
    sender.send(send);
    ASSERT_TRUE(recorded.wait(5000));
    ASSERT_TRUE(stored.count() > 0 || stored.wait(5000)) << "the exchange reaches the history's tables";

    QSignalSpy loaded(&m_editor, &TemplateEditor::previewRequestsChanged);
    m_editor.setHistoryPath(historyPath);
    ASSERT_TRUE(loaded.wait(5000));
    ASSERT_GE(requests()->count(), 4);
    EXPECT_TRUE(requests()->itemText(0).startsWith(QStringLiteral("#1 ")));
    EXPECT_TRUE(requests()->itemText(0).contains(QStringLiteral("+31687654321")));
    EXPECT_TRUE(requests()->itemText(1).startsWith(QStringLiteral("Sample")));

    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("crm-welcome-back")));
    requests()->setCurrentIndex(0);
    EXPECT_TRUE(previewBody()->text().contains(QStringLiteral("Hello Sanne de Vries, welcome back!")))
        << previewBody()->text().toStdString();
    EXPECT_TRUE(view()->placeholderNames().contains(QStringLiteral("message.customer.number")));
    endpoint.stop();
    store.close();
}

TEST_F(TemplateEditorTest, SwitchingAwayFromUnappliedChangesAsksFirst)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("duration-limit")));
    typeAt(QStringLiteral("\"max_duration_seconds\": 300"), 27, QStringLiteral("0"));
    ASSERT_TRUE(waitForCheck());
    EXPECT_TRUE(m_editor.hasPendingChanges());

    m_answer = QMessageBox::Cancel;
    EXPECT_FALSE(m_editor.selectTemplate(QStringLiteral("reject")));
    EXPECT_EQ(m_questions.size(), 1);
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("duration-limit"));
    EXPECT_EQ(list()->currentIndex().data(ui::TemplateListModel::IdRole).toString(), QStringLiteral("duration-limit"));
    EXPECT_TRUE(view()->text().contains(QStringLiteral("\"max_duration_seconds\": 3000")));

    m_answer = QMessageBox::Apply;
    EXPECT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    EXPECT_EQ(m_questions.size(), 2);
    EXPECT_TRUE(m_document.workspace().findTemplate(QStringLiteral("duration-limit"))->body.contains("3000"));

    typeAt(QStringLiteral("\"status\": 200"), 10, QStringLiteral("x"));
    m_answer = QMessageBox::Discard;
    EXPECT_TRUE(m_editor.selectTemplate(QStringLiteral("default")));
    EXPECT_EQ(stored(QStringLiteral("reject")).status, 200);
    EXPECT_TRUE(m_questions.constLast().contains(QStringLiteral("have errors")));
}

TEST_F(TemplateEditorTest, NewDuplicateAndDeleteWithConfirmation)
{
    const qsizetype count = m_document.workspace().templates.size();
    QTest::mouseClick(button("newTemplateButton"), Qt::LeftButton);
    EXPECT_EQ(m_document.workspace().templates.size(), count + 1);
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("new-template"));
    EXPECT_EQ(stored(QStringLiteral("new-template")).body, QByteArrayLiteral("{}"));
    m_editor.newTemplate();
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("new-template-2"));

    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    QTest::mouseClick(button("duplicateTemplateButton"), Qt::LeftButton);
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("reject-copy"));
    workspace::ResponseTemplate copy = stored(QStringLiteral("reject-copy"));
    copy.id = QStringLiteral("reject");
    copy.name = stored(QStringLiteral("reject")).name;
    EXPECT_EQ(copy, stored(QStringLiteral("reject")));

    // Del on the list asks; Cancel keeps the template, Yes deletes it.
    list()->setFocus();
    m_answer = QMessageBox::Cancel;
    QTest::keyClick(list(), Qt::Key_Delete);
    ASSERT_EQ(m_questions.size(), 1);
    EXPECT_TRUE(m_questions.constFirst().contains(QStringLiteral("reject-copy")));
    EXPECT_NE(m_document.workspace().findTemplate(QStringLiteral("reject-copy")), nullptr);
    m_answer = QMessageBox::Yes;
    QTest::keyClick(list(), Qt::Key_Delete);
    EXPECT_EQ(m_document.workspace().findTemplate(QStringLiteral("reject-copy")), nullptr);
    EXPECT_EQ(m_document.workspace().templates.size(), count + 2);

    // Deleting a template that rules answer with says so.
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    m_answer = QMessageBox::Cancel;
    EXPECT_FALSE(m_editor.deleteSelected());
    EXPECT_TRUE(m_questions.constLast().contains(QStringLiteral("rule answer")))
        << m_questions.constLast().toStdString();
}

TEST_F(TemplateEditorTest, ImportsWithAChoiceForTakenIdsAndExportsTheSelection)
{
    QTemporaryDir directory;
    workspace::ResponseTemplate changed = stored(QStringLiteral("reject"));
    changed.status = 409;
    workspace::ResponseTemplate fresh;
    fresh.id = QStringLiteral("fresh");
    fresh.name = QStringLiteral("Fresh");
    // As a file brings it: the body laid out by the template parser.
    fresh.body =
        QJsonDocument::fromJson(R"({"assistant": {"first_message": "Fresh!"}})").toJson(QJsonDocument::Indented);
    const QString file = directory.filePath(QStringLiteral("import.json"));
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(workspace::exportTemplates({changed, fresh, stored(QStringLiteral("default"))}));
    }

    // Keep both is the default for a taken id: nothing is lost.
    int reviews = 0;
    m_editor.setImportReviewer([&reviews](ui::TemplateImportPlan &plan, const QString &) {
        ++reviews;
        EXPECT_EQ(plan.items.size(), 3);
        EXPECT_EQ(plan.conflictCount(), 1);
        EXPECT_EQ(plan.items.at(0).choice, ui::ImportChoice::KeepBoth);
        EXPECT_EQ(plan.items.at(1).choice, ui::ImportChoice::Add);
        EXPECT_EQ(plan.items.at(2).choice, ui::ImportChoice::AlreadyThere);
        return true;
    });
    ASSERT_TRUE(m_editor.importTemplatesFromFile(file));
    EXPECT_EQ(reviews, 1);
    EXPECT_EQ(stored(QStringLiteral("reject-2")).status, 409);
    EXPECT_EQ(stored(QStringLiteral("reject")).status, 200);
    EXPECT_EQ(stored(QStringLiteral("fresh")), fresh);
    EXPECT_EQ(m_editor.currentTemplateId(), QStringLiteral("reject-2"));

    // Replace overwrites in place; Cancel changes nothing.
    m_editor.setImportReviewer([](ui::TemplateImportPlan &plan, const QString &) {
        plan.setConflictChoice(ui::ImportChoice::Replace);
        return true;
    });
    changed.status = 410;
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(workspace::exportTemplates({changed}));
    }
    ASSERT_TRUE(m_editor.importTemplatesFromFile(file));
    EXPECT_EQ(stored(QStringLiteral("reject")).status, 410);
    m_editor.setImportReviewer([](ui::TemplateImportPlan &, const QString &) { return false; });
    changed.status = 411;
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(workspace::exportTemplates({changed}));
    }
    EXPECT_FALSE(m_editor.importTemplatesFromFile(file));
    EXPECT_EQ(stored(QStringLiteral("reject")).status, 410);

    // A file that is not templates names its problem.
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write("{\"dockside_templates\": 1, \"templates\": [{\"id\": \"x\", \"status\": 42}]}");
    }
    EXPECT_FALSE(m_editor.importTemplatesFromFile(file));
    EXPECT_TRUE(label("templateMessage")->text().contains(QStringLiteral("$.templates[0].status")))
        << label("templateMessage")->text().toStdString();

    // Export two, and they come back as they were.
    const QString exported = directory.filePath(QStringLiteral("export.json"));
    QString error;
    ASSERT_TRUE(m_editor.exportTemplatesToFile({QStringLiteral("fresh"), QStringLiteral("reject")}, exported, &error))
        << error.toStdString();
    QFile in(exported);
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    const workspace::TemplateImport back = workspace::importTemplates(in.readAll());
    ASSERT_EQ(back.templates.size(), 2);
    EXPECT_EQ(back.templates.at(0), stored(QStringLiteral("reject")));
    EXPECT_EQ(back.templates.at(1), fresh);
    EXPECT_FALSE(m_editor.exportTemplatesToFile({}, exported, &error));
}

TEST(TemplateImport, PlansAndAppliesEachChoice)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    workspace::ResponseTemplate changed = *sample.findTemplate(QStringLiteral("reject"));
    changed.status = 409;
    workspace::TemplateImport import;
    import.templates = {changed, *sample.findTemplate(QStringLiteral("default"))};
    ui::TemplateImportPlan plan = ui::planTemplateImport(sample, import);
    ASSERT_EQ(plan.items.size(), 2);
    EXPECT_TRUE(plan.items.at(0).conflicting);
    EXPECT_EQ(plan.items.at(1).choice, ui::ImportChoice::AlreadyThere);

    plan.items[0].choice = ui::ImportChoice::Skip;
    ui::TemplateImportResult skipped = ui::applyTemplateImport(sample, plan);
    EXPECT_EQ(skipped.templates, sample.templates);
    EXPECT_EQ(skipped.skipped.size(), 2);
    EXPECT_EQ(skipped.summary(), QStringLiteral("Templates imported: skipped 2."));

    plan.items[0].choice = ui::ImportChoice::KeepBoth;
    const ui::TemplateImportResult kept = ui::applyTemplateImport(sample, plan);
    EXPECT_EQ(kept.added, QStringList {QStringLiteral("reject-2")});
    EXPECT_EQ(kept.renamedFrom, QStringList {QStringLiteral("reject → reject-2")});
    EXPECT_EQ(kept.templates.size(), sample.templates.size() + 1);
}

TEST(JsonProblemModel, ListsErrorsBeforeWarningsUnderTheTester)
{
    ui::JsonProblemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setProblems({{QStringLiteral("$.a"), 3, 5, QStringLiteral("warned"), ui::JsonMark::Severity::Warning},
                       {QStringLiteral("$.b"), 7, 2, QStringLiteral("broken"), ui::JsonMark::Severity::Error},
                       {QStringLiteral("$"), 0, 0, QStringLiteral("whole"), ui::JsonMark::Severity::Error}});
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.errorCount(), 2);
    EXPECT_EQ(model.warningCount(), 1);
    EXPECT_EQ(model.index(0, ui::JsonProblemModel::MessageColumn).data().toString(), QStringLiteral("whole"));
    EXPECT_EQ(model.index(0, ui::JsonProblemModel::PlaceColumn).data().toString(), QString());
    EXPECT_EQ(model.index(1, ui::JsonProblemModel::MessageColumn).data().toString(), QStringLiteral("$.b: broken"));
    EXPECT_EQ(model.index(1, ui::JsonProblemModel::PlaceColumn).data().toString(), QStringLiteral("7:2"));
    EXPECT_EQ(model.index(2, 0).data(ui::JsonProblemModel::IsErrorRole).toBool(), false);
    model.setProblems({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(JsonView, KeepsItsReadOnlyApiAndBecomesAnEditorOnRequest)
{
    JsonView view;
    EXPECT_TRUE(view.isReadOnly());
    view.setJson(R"({"a": 1})");
    view.setMarks({{2, 5, QStringLiteral("look here"), ui::JsonMark::Severity::Warning}});
    EXPECT_TRUE(view.isMarkedAt(2, 5));
    EXPECT_TRUE(view.isMarkedAt(2, 7));
    EXPECT_FALSE(view.isMarkedAt(2, 8));
    EXPECT_EQ(view.annotationOfLine(2), QStringLiteral("look here"));
    view.setMarks({});
    EXPECT_FALSE(view.isMarkedAt(2, 5));
    EXPECT_TRUE(view.annotationOfLine(2).isEmpty());
    view.setPlaceholderNames({QStringLiteral("now")});
    EXPECT_FALSE(view.showPlaceholderCompletion());
    view.setReadOnly(false);
    EXPECT_FALSE(view.isReadOnly());
    QSignalSpy changed(&view, &JsonView::textChanged);
    view.setText(QStringLiteral("{}"));
    EXPECT_GE(changed.count(), 1);
}

TEST(TemplateImportDialog, ShowsEachTemplateWithItsActionAndReturnsTheChoices)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    workspace::ResponseTemplate reject = *sample.findTemplate(QStringLiteral("reject"));
    reject.status = 409;
    workspace::ResponseTemplate closing = *sample.findTemplate(QStringLiteral("default"));
    closing.delayMs = 10;
    workspace::ResponseTemplate fresh;
    fresh.id = QStringLiteral("fresh");
    fresh.name = QStringLiteral("Fresh");
    workspace::TemplateImport import;
    import.templates = {reject, closing, fresh, *sample.findTemplate(QStringLiteral("duration-limit"))};
    import.errors = {{ QStringLiteral("$.templates[4].status"), 12, 17, QStringLiteral("Expected a whole number.") }};

    ui::TemplateImportDialog dialog(ui::planTemplateImport(sample, import), QStringLiteral("/tmp/in.json"));
    const auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("importTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->rowCount(), 4);
    EXPECT_EQ(table->item(0, 1)->text(), QStringLiteral("the id is used by a different template"));
    EXPECT_EQ(table->item(2, 1)->text(), QStringLiteral("new"));
    EXPECT_EQ(table->item(3, 2)->text(), QStringLiteral("Nothing to do"));
    EXPECT_TRUE(dialog.findChild<QPlainTextEdit *>(QStringLiteral("importErrors"))
                    ->toPlainText()
                    .contains(QStringLiteral("in.json:12:17: $.templates[4].status: Expected a whole number.")));

    auto *first = dialog.findChild<QComboBox *>(QStringLiteral("importChoice_0"));
    first->setCurrentIndex(first->findData(static_cast<int>(ui::ImportChoice::Replace)));
    EXPECT_EQ(dialog.plan().items.at(0).choice, ui::ImportChoice::Replace);
    EXPECT_EQ(dialog.plan().items.at(1).choice, ui::ImportChoice::KeepBoth);

    // One choice for every taken id at once.
    auto *all = dialog.findChild<QComboBox *>(QStringLiteral("importAllConflicts"));
    ASSERT_NE(all, nullptr);
    const int skip = all->findData(static_cast<int>(ui::ImportChoice::Skip));
    all->setCurrentIndex(skip);
    Q_EMIT all->activated(skip);
    const ui::TemplateImportPlan plan = dialog.plan();
    EXPECT_EQ(plan.items.at(0).choice, ui::ImportChoice::Skip);
    EXPECT_EQ(plan.items.at(1).choice, ui::ImportChoice::Skip);
    EXPECT_EQ(plan.items.at(2).choice, ui::ImportChoice::Add);
    EXPECT_EQ(plan.items.at(3).choice, ui::ImportChoice::AlreadyThere);
}
