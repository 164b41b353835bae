// SPDX-License-Identifier: GPL-3.0-or-later

#include "assistant/defaultassistantform.h"
#include "contract/defaultassistant.h"
#include "qtprinters.h"
#include "workspace/workspace.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacewriter.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::DefaultAssistantForm;
using dockside::ui::WorkspaceDocument;

namespace {

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

void showActive(QWidget &widget)
{
    widget.resize(1000, 650);
    widget.show();
    QApplication::setActiveWindow(&widget);
    EXPECT_TRUE(QTest::qWaitForWindowActive(&widget));
}

// A click on the box itself: the middle of a wide check box can be beside its text, where a click does nothing.
void clickCheckBox(QCheckBox *box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
}

void replaceText(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

QJsonObject assistantOf(const WorkspaceDocument &document)
{
    return document.workspace().defaultAssistant;
}

QJsonObject llmOf(const WorkspaceDocument &document)
{
    return assistantOf(document).value(QStringLiteral("llm_config")).toObject();
}

QJsonObject roundTrip(const WorkspaceDocument &document)
{
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(workspace::serializeWorkspace(document.workspace()));
    EXPECT_TRUE(load.errors.isEmpty()) << load.errors.value(0).message.toStdString();
    return load.workspace ? load.workspace->defaultAssistant : QJsonObject();
}

} // namespace

TEST(DefaultAssistantForm, ShowsTheBuiltInAssistant)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    const QJsonObject builtIn = contract::builtinDefaultAssistant();
    EXPECT_TRUE(form.isBuiltIn());
    EXPECT_FALSE(child<QPushButton>(form, "assistantReset")->isEnabled());
    EXPECT_EQ(child<QPlainTextEdit>(form, "assistantFirstMessage")->toPlainText(),
              builtIn.value(QStringLiteral("first_message")).toString());
    EXPECT_EQ(child<QComboBox>(form, "assistantProvider")->currentData().toString(), QStringLiteral("openai"));
    EXPECT_EQ(child<QLineEdit>(form, "assistantModel")->text(), QStringLiteral("gpt-4o-mini"));
    EXPECT_TRUE(
        child<QPlainTextEdit>(form, "assistantSystemPrompt")->toPlainText().startsWith(QStringLiteral("Je bent")));
    EXPECT_EQ(child<QSpinBox>(form, "assistantMaxDuration")->value(), 600);
    EXPECT_TRUE(child<QCheckBox>(form, "assistantEvent_tool-calls")->isChecked());
    EXPECT_FALSE(child<QCheckBox>(form, "assistantAnalysis")->isChecked());
    EXPECT_EQ(QJsonDocument::fromJson(form.jsonText().toUtf8()).object(), builtIn);
    EXPECT_FALSE(document.isModified());
}

TEST(DefaultAssistantForm, FormEditsReachTheDocumentAndTheJson)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    showActive(form);

    replaceText(child<QPlainTextEdit>(form, "assistantFirstMessage"), QStringLiteral("Welcome to Acme!"));
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("first_message")).toString(),
              QStringLiteral("Welcome to Acme!"));
    EXPECT_TRUE(form.jsonText().contains(QStringLiteral("Welcome to Acme!")));
    EXPECT_FALSE(form.isBuiltIn());
    EXPECT_TRUE(child<QPushButton>(form, "assistantReset")->isEnabled());
    EXPECT_TRUE(document.isModified());

    auto *provider = child<QComboBox>(form, "assistantProvider");
    provider->setCurrentIndex(provider->findData(QStringLiteral("mistral")));
    replaceText(child<QLineEdit>(form, "assistantModel"), QStringLiteral("mistral-large"));
    EXPECT_EQ(llmOf(document).value(QStringLiteral("provider")).toString(), QStringLiteral("mistral"));
    EXPECT_EQ(llmOf(document).value(QStringLiteral("model")).toString(), QStringLiteral("mistral-large"));

    replaceText(child<QPlainTextEdit>(form, "assistantSystemPrompt"), QStringLiteral("Be brief."));
    const QJsonArray messages = llmOf(document).value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Be brief."));

    replaceText(child<QSpinBox>(form, "assistantMaxDuration"), QStringLiteral("300"));
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("max_duration_seconds")).toInt(), 300);
    replaceText(child<QSpinBox>(form, "assistantMaxDuration"), QStringLiteral("0"));
    EXPECT_FALSE(assistantOf(document).contains(QStringLiteral("max_duration_seconds"))) << "no limit";

    clickCheckBox(child<QCheckBox>(form, "assistantEvent_tool-calls"));
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("webhook_events")).toArray(),
              (QJsonArray {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                           QStringLiteral("end-of-call-report")}));
    clickCheckBox(child<QCheckBox>(form, "assistantAnalysis"));
    EXPECT_TRUE(assistantOf(document)
                    .value(QStringLiteral("analysis_plan"))
                    .toObject()
                    .value(QStringLiteral("structured_data_plan"))
                    .toObject()
                    .value(QStringLiteral("enabled"))
                    .toBool());

    EXPECT_EQ(QJsonDocument::fromJson(form.jsonText().toUtf8()).object(), assistantOf(document));
    EXPECT_EQ(roundTrip(document), assistantOf(document));
}

TEST(DefaultAssistantForm, TheJsonEditsTheRestAndRefusesErrors)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    showActive(form);
    auto *json = child<QWidget>(form, "assistantJson");

    // Not JSON: shown with its place, not saved.
    replaceText(json, QStringLiteral("{\"first_message\": \"Hi\",}"));
    EXPECT_TRUE(form.errorText().contains(QStringLiteral("line 1, column"))) << form.errorText().toStdString();
    EXPECT_TRUE(form.isBuiltIn());

    // JSON the core refuses (a duration as text): named by path, not saved.
    replaceText(json, QStringLiteral("{\"first_message\": \"Hi\", \"max_duration_seconds\": \"300\"}"));
    EXPECT_TRUE(form.errorText().contains(QStringLiteral("$.max_duration_seconds"))) << form.errorText().toStdString();
    EXPECT_TRUE(form.isBuiltIn());

    // A key the form does not show is kept when the form is edited afterwards.
    replaceText(json,
                QStringLiteral("{\"first_message\": \"Hi\", \"max_duration_seconds\": 120, "
                               "\"llm_config\": {\"model\": \"gpt-4o\", \"temperature\": 0.3}}"));
    EXPECT_TRUE(form.errorText().isEmpty()) << form.errorText().toStdString();
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("first_message")).toString(), QStringLiteral("Hi"));
    EXPECT_EQ(child<QPlainTextEdit>(form, "assistantFirstMessage")->toPlainText(), QStringLiteral("Hi"));
    EXPECT_EQ(child<QSpinBox>(form, "assistantMaxDuration")->value(), 120);
    EXPECT_EQ(child<QLineEdit>(form, "assistantModel")->text(), QStringLiteral("gpt-4o"));
    EXPECT_FALSE(child<QCheckBox>(form, "assistantEvent_status-update")->isChecked());

    replaceText(child<QLineEdit>(form, "assistantModel"), QStringLiteral("gpt-4.1"));
    EXPECT_EQ(llmOf(document).value(QStringLiteral("temperature")).toDouble(), 0.3);
    EXPECT_EQ(llmOf(document).value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4.1"));
    EXPECT_FALSE(assistantOf(document).contains(QStringLiteral("webhook_events")))
        << "keys the assistant lacks are not added by the form";

    // An empty model is left out rather than saved as "" (the schema wants a non-empty one).
    replaceText(child<QLineEdit>(form, "assistantModel"), QString());
    EXPECT_FALSE(llmOf(document).contains(QStringLiteral("model")));
    EXPECT_EQ(roundTrip(document), assistantOf(document));

    QTest::mouseClick(child<QPushButton>(form, "assistantReset"), Qt::LeftButton);
    EXPECT_TRUE(form.isBuiltIn());
    EXPECT_EQ(assistantOf(document), contract::builtinDefaultAssistant());
    EXPECT_EQ(child<QLineEdit>(form, "assistantModel")->text(), QStringLiteral("gpt-4o-mini"));
}

TEST(DefaultAssistantForm, AnUnknownProviderStaysVisibleAndIsExplained)
{
    QJsonObject assistant = contract::builtinDefaultAssistant();
    QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    llm.insert(QStringLiteral("provider"), QStringLiteral("anthropic"));
    assistant.insert(QStringLiteral("llm_config"), llm);
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    document.setDefaultAssistant(assistant);
    EXPECT_EQ(child<QComboBox>(form, "assistantProvider")->currentData().toString(), QStringLiteral("anthropic"));
    EXPECT_TRUE(child<QLabel>(form, "assistantFormMessage")->text().contains(QStringLiteral("$.llm_config.provider")));

    // Picking a known provider fixes it.
    auto *provider = child<QComboBox>(form, "assistantProvider");
    provider->setCurrentIndex(provider->findData(QStringLiteral("openai")));
    EXPECT_EQ(llmOf(document).value(QStringLiteral("provider")).toString(), QStringLiteral("openai"));
    EXPECT_TRUE(form.errorText().isEmpty()) << form.errorText().toStdString();
}

// CONTRACT.md §3a: the form holds the whole assistant, not only the seed's keys.
TEST(DefaultAssistantForm, ShowsRecognitionVoiceAndCallHandling)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    EXPECT_EQ(child<QComboBox>(form, "assistantSttProvider")->currentData().toString(), QStringLiteral("deepgram"));
    EXPECT_EQ(child<QComboBox>(form, "assistantSttLanguage")->currentText(), QStringLiteral("Dutch (nl)"));
    EXPECT_EQ(child<QComboBox>(form, "assistantTtsProvider")->currentData().toString(), QStringLiteral("elevenlabs"));
    EXPECT_FALSE(child<QLineEdit>(form, "assistantVoiceId")->text().isEmpty());
    EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(form, "assistantSpeed")->value(), 1.0);
    EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(form, "assistantTemperature")->value(), 0.4);
    EXPECT_TRUE(child<QCheckBox>(form, "assistantVoicemail")->isChecked());
    EXPECT_TRUE(child<QLineEdit>(form, "assistantVoicemailMessage")->isEnabled());
    EXPECT_TRUE(child<QCheckBox>(form, "assistantSilenceHandling")->isChecked());
    EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(form, "assistantSilenceTimeout")->value(), 20.0);
    EXPECT_TRUE(child<QCheckBox>(form, "assistantGdprMode")->isChecked());
    EXPECT_TRUE(child<QLabel>(form, "assistantTools")->text().startsWith(QStringLiteral("none")));
    EXPECT_FALSE(document.isModified()) << "loading the form changes nothing";
}

TEST(DefaultAssistantForm, LanguageVoiceAndVoicemailEditsReachTheDocument)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    DefaultAssistantForm form(&document);
    showActive(form);

    auto *language = child<QComboBox>(form, "assistantSttLanguage");
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    const QJsonObject stt = assistantOf(document).value(QStringLiteral("stt_config")).toObject();
    EXPECT_EQ(stt.value(QStringLiteral("language")).toString(), QStringLiteral("de"));
    EXPECT_EQ(stt.value(QStringLiteral("provider")).toString(), QStringLiteral("deepgram")) << "the rest is kept";

    // A code the list does not offer can be typed.
    replaceText(language->lineEdit(), QStringLiteral("sv"));
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("stt_config")).toObject().value(QStringLiteral("language")),
              QJsonValue(QStringLiteral("sv")));

    replaceText(child<QLineEdit>(form, "assistantVoiceId"), QStringLiteral("voice-42"));
    QJsonObject tts = assistantOf(document).value(QStringLiteral("tts_config")).toObject();
    EXPECT_EQ(tts.value(QStringLiteral("voice_id")).toString(), QStringLiteral("voice-42"));
    EXPECT_EQ(tts.value(QStringLiteral("stability")), QJsonValue(0.5)) << "settings the form does not show are kept";

    auto *speed = child<QDoubleSpinBox>(form, "assistantSpeed");
    speed->setValue(1.25);
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("tts_config")).toObject().value(QStringLiteral("speed")),
              QJsonValue(1.25));
    speed->setValue(speed->minimum());
    EXPECT_FALSE(assistantOf(document).value(QStringLiteral("tts_config")).toObject().contains(QStringLiteral("speed")))
        << "(not set) removes the key";

    clickCheckBox(child<QCheckBox>(form, "assistantVoicemail"));
    EXPECT_EQ(assistantOf(document).value(QStringLiteral("voicemail_detection")), QJsonValue(false));
    EXPECT_FALSE(child<QLineEdit>(form, "assistantVoicemailMessage")->isEnabled());

    EXPECT_TRUE(form.jsonText().contains(QStringLiteral("\"voice-42\"")));
    EXPECT_EQ(roundTrip(document), assistantOf(document));
}

TEST(DefaultAssistantForm, ToolsInTheJsonAreNamedInTheForm)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    QJsonObject assistant = contract::builtinDefaultAssistant();
    QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    llm.insert(QStringLiteral("tools"),
               QJsonArray {QJsonObject {
                   {QStringLiteral("type"), QStringLiteral("function")},
                   {QStringLiteral("function"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("book_callback")},
                                 {QStringLiteral("parameters"),
                                  QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                                               {QStringLiteral("properties"),
                                                QJsonObject {{QStringLiteral("when"), QJsonObject {}}}}}}}}}});
    assistant.insert(QStringLiteral("llm_config"), llm);
    document.setDefaultAssistant(assistant);
    DefaultAssistantForm form(&document);
    EXPECT_EQ(child<QLabel>(form, "assistantTools")->text(), QStringLiteral("book_callback(when)"));
}
