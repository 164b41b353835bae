// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "templates/answerdraft.h"
#include "templates/overrideform.h"
#include "templates/templateeditor.h"
#include "templates/templatevalidation.h"
#include "workspace/workspacedocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::AnswerDraft;
using dockside::ui::AnswerKind;
using dockside::ui::OverrideForm;
using dockside::ui::TemplateEditor;
using dockside::ui::WorkspaceDocument;

namespace {

QJsonObject parsed(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject templateJson(const char *bodyJson)
{
    QJsonObject result {{QStringLiteral("id"), QStringLiteral("t")},
                        {QStringLiteral("name"), QStringLiteral("T")},
                        {QStringLiteral("status"), 200},
                        {QStringLiteral("delay_ms"), 0}};
    result.insert(QStringLiteral("body"), QJsonDocument::fromJson(bodyJson).object());
    return result;
}

// The Templates page with the form showing, as a support agent finds it.
class OverrideFormTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_editor.setValidationDelay(20);
        m_editor.setQuestionHandler([](QWidget *, const QString &, const QString &text, QMessageBox::StandardButtons,
                                       QMessageBox::StandardButton) {
            ADD_FAILURE() << "unexpected question: " << text.toStdString();
            return QMessageBox::Cancel;
        });
        m_editor.setFormShown(true);
        m_editor.resize(1400, 900);
        m_editor.show();
        m_editor.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&m_editor));
    }

    template<typename T> T *find(const char *name) const
    {
        T *found = m_editor.findChild<T *>(QLatin1String(name));
        EXPECT_NE(found, nullptr) << name;
        return found;
    }
    OverrideForm *form() const { return m_editor.overrideForm(); }
    ui::ValidatingJsonEditor *json() const { return find<ui::ValidatingJsonEditor>("templateJsonEditor"); }
    QJsonObject body() const { return parsed(json()->text()).value(QStringLiteral("body")).toObject(); }
    // click() rather than a mouse click at the centre: a wide radio button takes clicks on its label only.
    void click(const char *name) const { find<QAbstractButton>(name)->click(); }
    void type(const char *name, const QString &text) const
    {
        QWidget *field = find<QWidget>(name);
        field->setFocus();
        QTest::keyClicks(field, text);
    }
    bool apply()
    {
        return QTest::qWaitFor([this] { return !json()->isValidationPending(); }) && m_editor.applyChanges();
    }
    QJsonObject storedBody(const QString &id) const
    {
        return QJsonDocument::fromJson(m_document.workspace().findTemplate(id)->body).object();
    }

    WorkspaceDocument m_document {workspace::builtinSampleWorkspace()};
    TemplateEditor m_editor {&m_document};
};

} // namespace

TEST(AnswerDraftTest, ReadsTheThreeKindsOfAnswer)
{
    EXPECT_EQ(ui::readAnswerDraft(templateJson("{}")).draft.kind, AnswerKind::DefaultAssistant);
    const ui::AnswerReading reject = ui::readAnswerDraft(templateJson(R"({"error": "We are closed."})"));
    EXPECT_EQ(reject.draft.kind, AnswerKind::Reject);
    EXPECT_EQ(reject.draft.rejection, QStringLiteral("We are closed."));

    const ui::AnswerReading overrides = ui::readAnswerDraft(templateJson(R"({
        "max_duration_seconds": 600,
        "assistant": {"first_message": "Hello {{contact.name}}",
                      "llm_config": {"provider": "openai", "model": "gpt-4o",
                                     "messages": [{"role": "system", "content": "Be kind."},
                                                  {"role": "user", "content": "hi"}]},
                      "analysis_plan": {"structured_data_plan": {"enabled": true, "schema": {"type": "object",
                          "properties": {"intent": {"type": "string", "enum": ["book", "cancel"], "description": "Why"},
                                         "slots": {"type": "array"}}}}}}})"));
    const AnswerDraft &draft = overrides.draft;
    EXPECT_EQ(draft.kind, AnswerKind::Overrides);
    EXPECT_EQ(draft.greeting, QStringLiteral("Hello {{contact.name}}"));
    EXPECT_EQ(draft.provider, QStringLiteral("openai"));
    EXPECT_EQ(draft.model, QStringLiteral("gpt-4o"));
    EXPECT_EQ(draft.systemPrompt, QStringLiteral("Be kind."));
    EXPECT_EQ(draft.maxDurationSeconds, 600);
    EXPECT_TRUE(draft.analysisEnabled);
    ASSERT_EQ(draft.fields.size(), 1);
    EXPECT_EQ(draft.fields.first(),
              (ui::StructuredField {QStringLiteral("intent"),
                                    QStringLiteral("string"),
                                    {QStringLiteral("book"), QStringLiteral("cancel")},
                                    QStringLiteral("Why")}));
    // The user message and the array field are not the form's: named, and kept.
    EXPECT_EQ(
        overrides.keptPaths,
        (QStringList {QStringLiteral("$.body.assistant.llm_config.messages[1]"),
                      QStringLiteral("$.body.assistant.analysis_plan.structured_data_plan.schema.properties.slots")}));
    EXPECT_TRUE(overrides.unsupported.isEmpty());
}

TEST(AnswerDraftTest, WritingKeepsWhatTheFormDoesNotShow)
{
    const QJsonObject original = templateJson(R"({
        "trace": 1,
        "assistant": {"first_message": "Hi", "tts_config": {"provider": "elevenlabs", "voice_id": "v"},
                      "llm_config": {"temperature": 0.3, "messages": [{"role": "user", "content": "u"}]},
                      "analysis_plan": {"structured_data_plan": {"enabled": true, "schema": {"type": "object",
                          "required": ["intent"],
                          "properties": {"intent": {"type": "string", "minLength": 2}, "slots": {"type": "array"}}}}}}})");
    ui::AnswerReading reading = ui::readAnswerDraft(original);
    ASSERT_TRUE(reading.unsupported.isEmpty());
    AnswerDraft draft = reading.draft;
    draft.greeting = QStringLiteral("Hello");
    draft.systemPrompt = QStringLiteral("Be brief.");
    draft.fields.first().allowedValues = {QStringLiteral("book")};
    draft.fields.append(
        {QStringLiteral("score"), QStringLiteral("integer"), {QStringLiteral("1"), QStringLiteral("2")}, {}});
    const QJsonObject written = ui::writeAnswerDraft(draft, original);
    const QJsonObject body = written.value(QStringLiteral("body")).toObject();
    const QJsonObject assistant = body.value(QStringLiteral("assistant")).toObject();
    EXPECT_EQ(body.value(QStringLiteral("trace")), QJsonValue(1));
    EXPECT_EQ(assistant.value(QStringLiteral("first_message")).toString(), QStringLiteral("Hello"));
    EXPECT_EQ(assistant.value(QStringLiteral("tts_config")).toObject().value(QStringLiteral("voice_id")).toString(),
              QStringLiteral("v"));
    const QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("temperature")).toDouble(), 0.3);
    const QJsonArray messages = llm.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 2);
    EXPECT_EQ(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Be brief."));
    EXPECT_EQ(messages.at(1).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("u"));
    const QJsonObject schema = assistant.value(QStringLiteral("analysis_plan"))
                                   .toObject()
                                   .value(QStringLiteral("structured_data_plan"))
                                   .toObject()
                                   .value(QStringLiteral("schema"))
                                   .toObject();
    EXPECT_EQ(schema.value(QStringLiteral("required")).toArray().size(), 1);
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    EXPECT_EQ(properties.value(QStringLiteral("slots")).toObject().value(QStringLiteral("type")).toString(),
              QStringLiteral("array"));
    EXPECT_EQ(properties.value(QStringLiteral("intent")).toObject().value(QStringLiteral("minLength")).toInt(), 2);
    EXPECT_EQ(properties.value(QStringLiteral("intent")).toObject().value(QStringLiteral("enum")).toArray(),
              QJsonArray {QStringLiteral("book")});
    EXPECT_EQ(properties.value(QStringLiteral("score")).toObject().value(QStringLiteral("enum")).toArray(),
              (QJsonArray {1, 2}));
    // Read back, the draft is what was written.
    EXPECT_EQ(ui::readAnswerDraft(written).draft, draft);
}

TEST(AnswerDraftTest, SaysWhatIsMissingInWordsAndRefusesWhatItCannotShow)
{
    AnswerDraft draft;
    draft.name = QStringLiteral("Closed");
    draft.kind = AnswerKind::Reject;
    const QList<ui::DraftProblem> missing = ui::draftProblems(draft);
    ASSERT_EQ(missing.size(), 1);
    EXPECT_EQ(missing.first().text, QStringLiteral("Type the sentence the caller hears when the call is rejected."));
    EXPECT_EQ(missing.first().jsonPath, QStringLiteral("$.body.error"));

    draft.kind = AnswerKind::Overrides;
    draft.analysisEnabled = true;
    draft.fields = {{QStringLiteral("score"), QStringLiteral("number"), {QStringLiteral("high")}, {}}, {}};
    const QList<ui::DraftProblem> problems = ui::draftProblems(draft);
    ASSERT_EQ(problems.size(), 2);
    EXPECT_EQ(problems.at(0).text, QStringLiteral("Analysis field “score” holds a number, but “high” is not one."));
    EXPECT_EQ(problems.at(1).text, QStringLiteral("Analysis field 2 has no name."));

    EXPECT_FALSE(ui::readAnswerDraft(templateJson(R"({"assistant": {"first_message": 5}})")).unsupported.isEmpty());
    EXPECT_FALSE(ui::readAnswerDraft(templateJson(R"({"max_duration_seconds": "{{limit}}"})")).unsupported.isEmpty());
    QJsonObject text = templateJson("{}");
    text.remove(QStringLiteral("body"));
    text.insert(QStringLiteral("raw_body"), QStringLiteral("hello"));
    EXPECT_TRUE(ui::readAnswerDraft(text).unsupported.contains(QStringLiteral("text")));
    EXPECT_EQ(ui::formFieldName(QStringLiteral("$.body.assistant.first_message")), QStringLiteral("Greeting"));
}

TEST_F(OverrideFormTest, OverridesTypedInTheFormAreTheTemplatesJson)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("default")));
    EXPECT_TRUE(find<QRadioButton>("answerDefault")->isChecked());
    EXPECT_FALSE(find<QWidget>("formOverrides")->isVisible());

    click("answerOverrides");
    EXPECT_TRUE(find<QWidget>("formOverrides")->isVisible());
    type("formGreeting", QStringLiteral("Good morning Mrs de Vries"));
    find<QComboBox>("formProvider")
        ->setCurrentIndex(find<QComboBox>("formProvider")->findData(QStringLiteral("mistral")));
    type("formModel", QStringLiteral("mistral-large-latest"));
    type("formSystemPrompt", QStringLiteral("Speak slowly."));
    find<QSpinBox>("formMinutes")->setValue(10);
    find<QSpinBox>("formSeconds")->setValue(30);
    EXPECT_EQ(find<QLabel>("formDurationHint")->text(), QStringLiteral("the call ends after 630 s"));

    const QJsonObject written = body();
    const QJsonObject assistant = written.value(QStringLiteral("assistant")).toObject();
    EXPECT_EQ(assistant.value(QStringLiteral("first_message")).toString(), QStringLiteral("Good morning Mrs de Vries"));
    const QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    EXPECT_EQ(llm.value(QStringLiteral("provider")).toString(), QStringLiteral("mistral"));
    EXPECT_EQ(llm.value(QStringLiteral("model")).toString(), QStringLiteral("mistral-large-latest"));
    EXPECT_EQ(llm.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("content")),
              QJsonValue(QStringLiteral("Speak slowly.")));
    EXPECT_EQ(written.value(QStringLiteral("max_duration_seconds")).toInt(), 630);

    // The analysis: switched on, with a field typed into the table.
    click("formAnalysis");
    EXPECT_TRUE(form()->problemText().contains(QStringLiteral("Add a field"))) << form()->problemText().toStdString();
    EXPECT_FALSE(body().value(QStringLiteral("assistant")).toObject().contains(QStringLiteral("analysis_plan")));
    click("formAddField");
    auto *fields = find<QTableWidget>("formFields");
    ASSERT_EQ(fields->rowCount(), 1);
    fields->item(0, 0)->setText(QStringLiteral("intent"));
    fields->item(0, 2)->setText(QStringLiteral("book, cancel"));
    EXPECT_TRUE(form()->problemText().isEmpty()) << form()->problemText().toStdString();
    const QJsonObject intent = body()
                                   .value(QStringLiteral("assistant"))
                                   .toObject()
                                   .value(QStringLiteral("analysis_plan"))
                                   .toObject()
                                   .value(QStringLiteral("structured_data_plan"))
                                   .toObject()
                                   .value(QStringLiteral("schema"))
                                   .toObject()
                                   .value(QStringLiteral("properties"))
                                   .toObject()
                                   .value(QStringLiteral("intent"))
                                   .toObject();
    EXPECT_EQ(intent.value(QStringLiteral("type")).toString(), QStringLiteral("string"));
    EXPECT_EQ(intent.value(QStringLiteral("enum")).toArray(),
              (QJsonArray {QStringLiteral("book"), QStringLiteral("cancel")}));

    ASSERT_TRUE(apply());
    EXPECT_EQ(storedBody(QStringLiteral("default")).value(QStringLiteral("max_duration_seconds")).toInt(), 630);
    // The preview is the composer's card, and the form shows what the chosen caller hears.
    EXPECT_TRUE(QTest::qWaitFor([this] {
        return find<QLabel>("formGreetingPreview")->text().contains(QStringLiteral("“Good morning Mrs de Vries”"));
    })) << find<QLabel>("formGreetingPreview")->text().toStdString();
}

TEST_F(OverrideFormTest, RejectingAndTheDefaultAssistantWriteTheirOwnAnswers)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("personalize-greeting")));
    EXPECT_TRUE(find<QRadioButton>("answerOverrides")->isChecked());
    const QString before = json()->text();

    // Reject without a sentence: nothing is written, and the form says what is missing in words.
    click("answerReject");
    EXPECT_EQ(json()->text(), before);
    EXPECT_EQ(form()->problemText(), QStringLiteral("Type the sentence the caller hears when the call is rejected."));
    type("formRejection", QStringLiteral("Sorry, we are closed."));
    EXPECT_TRUE(form()->problemText().isEmpty());
    EXPECT_EQ(body(), (QJsonObject {{QStringLiteral("error"), QStringLiteral("Sorry, we are closed.")}}));

    // Back to overrides: the greeting comes back as it was.
    click("answerOverrides");
    EXPECT_EQ(body().value(QStringLiteral("assistant")).toObject().value(QStringLiteral("first_message")).toString(),
              QStringLiteral("Hello John, great to hear from you! How can I help?"));
    EXPECT_FALSE(body().contains(QStringLiteral("error")));

    click("answerDefault");
    EXPECT_EQ(body(), QJsonObject());

    // Another template's overrides never come along: the rejection template switched to overrides starts empty.
    m_editor.revertChanges();
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("reject")));
    click("answerOverrides");
    EXPECT_EQ(body(), QJsonObject());
    m_editor.revertChanges();
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("personalize-greeting")));
    click("answerDefault");
    find<QSpinBox>("formStatus")->setValue(503);
    find<QSpinBox>("formDelay")->setValue(1200);
    EXPECT_EQ(parsed(json()->text()).value(QStringLiteral("status")).toInt(), 503);
    EXPECT_EQ(parsed(json()->text()).value(QStringLiteral("delay_ms")).toInt(), 1200);
    ASSERT_TRUE(apply());
    const workspace::ResponseTemplate *stored =
        m_document.workspace().findTemplate(QStringLiteral("personalize-greeting"));
    EXPECT_EQ(stored->status, 503);
    EXPECT_EQ(stored->delayMs, 1200);
    EXPECT_EQ(storedBody(QStringLiteral("personalize-greeting")), QJsonObject());
}

TEST_F(OverrideFormTest, TheFormFollowsTheJsonAndOneUndoCoversBoth)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("call-analysis")));
    EXPECT_TRUE(find<QCheckBox>("formAnalysis")->isChecked());
    auto *fields = find<QTableWidget>("formFields");
    ASSERT_GE(fields->rowCount(), 2);
    EXPECT_EQ(fields->item(0, 0)->text(), QStringLiteral("appointment_booked"));

    // JSON to form.
    const QString original = json()->text();
    QJsonObject edited = parsed(original);
    QJsonObject editedBody = edited.value(QStringLiteral("body")).toObject();
    QJsonObject assistant = editedBody.value(QStringLiteral("assistant")).toObject();
    assistant.insert(QStringLiteral("first_message"), QStringLiteral("Typed in JSON"));
    editedBody.insert(QStringLiteral("assistant"), assistant);
    edited.insert(QStringLiteral("body"), editedBody);
    json()->view()->replaceText(QString::fromUtf8(QJsonDocument(edited).toJson()));
    EXPECT_EQ(find<QPlainTextEdit>("formGreeting")->toPlainText(), QStringLiteral("Typed in JSON"));

    // Form to JSON, then Ctrl+Z in the form's field takes back the form's edit and the JSON's, in order.
    find<QPlainTextEdit>("formGreeting")->moveCursor(QTextCursor::End);
    type("formGreeting", QStringLiteral("!"));
    EXPECT_TRUE(json()->text().contains(QStringLiteral("Typed in JSON!")));
    QTest::keyClick(find<QWidget>("formGreeting"), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(find<QPlainTextEdit>("formGreeting")->toPlainText(), QStringLiteral("Typed in JSON"));
    EXPECT_FALSE(json()->text().contains(QStringLiteral("Typed in JSON!")));
    QTest::keyClick(find<QWidget>("formGreeting"), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(json()->text(), original);
    EXPECT_TRUE(find<QPlainTextEdit>("formGreeting")->toPlainText().isEmpty());
    click("templateRedoButton");
    EXPECT_EQ(find<QPlainTextEdit>("formGreeting")->toPlainText(), QStringLiteral("Typed in JSON"));

    // JSON the parser cannot read: the form steps aside and says why.
    json()->view()->replaceText(QStringLiteral("{ \"id\": "));
    EXPECT_FALSE(form()->isAvailable());
    EXPECT_TRUE(find<QLabel>("overrideFormUnavailable")->text().contains(QStringLiteral("line 1")));
    click("templateUndoButton");
    EXPECT_TRUE(form()->isAvailable());
}

TEST_F(OverrideFormTest, KeysTheFormCannotShowAreListedAndKept)
{
    // The German template sets speech recognition and a voice: not the form's fields.
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("greeting-de")));
    EXPECT_TRUE(form()->keptText().contains(QStringLiteral("$.body.assistant.stt_config")))
        << form()->keptText().toStdString();
    EXPECT_TRUE(form()->keptText().contains(QStringLiteral("$.body.assistant.tts_config")));
    EXPECT_TRUE(find<QLabel>("overrideFormKept")->isVisible());
    const QJsonObject sttBefore =
        body().value(QStringLiteral("assistant")).toObject().value(QStringLiteral("stt_config")).toObject();

    find<QPlainTextEdit>("formGreeting")->selectAll();
    type("formGreeting", QStringLiteral("Guten Tag!"));
    const QJsonObject assistant = body().value(QStringLiteral("assistant")).toObject();
    EXPECT_EQ(assistant.value(QStringLiteral("first_message")).toString(), QStringLiteral("Guten Tag!"));
    EXPECT_EQ(assistant.value(QStringLiteral("stt_config")).toObject(), sttBefore);
    EXPECT_TRUE(assistant.contains(QStringLiteral("tts_config")));

    // A kept key's link opens the JSON at it.
    auto *kept = find<QLabel>("overrideFormKept");
    Q_EMIT kept->linkActivated(QStringLiteral("$.body.assistant.tts_config"));
    EXPECT_FALSE(m_editor.isFormShown());
    EXPECT_TRUE(json()
                    ->text()
                    .split(QLatin1Char('\n'))
                    .at(json()->view()->cursorLine() - 1)
                    .contains(QStringLiteral("\"tts_config\"")));

    // A text answer cannot be a form: it says so, and the JSON is untouched.
    m_editor.revertChanges();
    m_editor.setFormShown(true);
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("fault-server-error")));
    EXPECT_FALSE(form()->isAvailable());
    EXPECT_TRUE(find<QLabel>("overrideFormUnavailable")->text().contains(QStringLiteral("text")));
}

TEST_F(OverrideFormTest, ThePlaceholderPickerInsertsTheContactsName)
{
    ASSERT_TRUE(m_editor.selectTemplate(QStringLiteral("personalize-greeting")));
    auto *greeting = find<QPlainTextEdit>("formGreeting");
    greeting->setFocus();
    greeting->moveCursor(QTextCursor::End);
    auto *picker = find<QToolButton>("formGreetingPlaceholder");
    ASSERT_NE(picker->menu(), nullptr);
    Q_EMIT picker->menu()->aboutToShow();
    QAction *name = nullptr;
    for (QAction *action : picker->menu()->actions()) {
        if (action->text() == QStringLiteral("{{contact.name}}"))
            name = action;
    }
    ASSERT_NE(name, nullptr);
    // The caller's fields come first.
    EXPECT_TRUE(picker->menu()->actions().first()->text().startsWith(QStringLiteral("{{contact.")));
    name->trigger();
    EXPECT_TRUE(greeting->toPlainText().endsWith(QStringLiteral("{{contact.name}}")));
    EXPECT_TRUE(body()
                    .value(QStringLiteral("assistant"))
                    .toObject()
                    .value(QStringLiteral("first_message"))
                    .toString()
                    .endsWith(QStringLiteral("{{contact.name}}")));
}
