// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QsciScintilla;

namespace dockside::ui {

class CallHandlingEditor;
class InlineMessage;
class SpeechSettingsEditor;
class WorkspaceDocument;

// The workspace's default assistant (what the platform uses when the webhook does not override it) as a form
// of the whole assistant CONTRACT.md §3a names: first message, speech recognition and voice, LLM provider, model,
// temperature and system prompt, the tools it offers, voicemail and silence handling, call duration limit,
// webhook events and structured-data analysis. Beside it the whole assistant as JSON, editable, for keys the
// form does not show; both stay in sync. Every edit is checked by the core (validateDefaultAssistant): an error
// keeps it from being saved and is shown, marked at its line in the JSON. "Reset to built-in default" restores
// the one Dockside ships. Writes through setDefaultAssistant.
class DefaultAssistantForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefaultAssistantForm)

public:
    explicit DefaultAssistantForm(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~DefaultAssistantForm() override;

    void resetToBuiltIn();
    bool isBuiltIn() const;
    // The reason the last edit was not saved, or empty.
    QString errorText() const;
    QString jsonText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildForm();
    QWidget *buildJsonPane();
    void loadFromDocument();
    void loadForm(const QJsonObject &assistant);
    void formEdited();
    void jsonEdited();
    bool commit(const QJsonObject &assistant);
    void showFindings(const QJsonObject &assistant);
    void markJsonError(int line);
    void styleJsonEditor();
    void updateStatus();

    WorkspaceDocument *m_document = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_reset = nullptr;
    QPlainTextEdit *m_firstMessage = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_model = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QPlainTextEdit *m_systemPrompt = nullptr;
    QLabel *m_tools = nullptr;
    SpeechSettingsEditor *m_speech = nullptr;
    CallHandlingEditor *m_callHandling = nullptr;
    QSpinBox *m_maxDuration = nullptr;
    std::array<QCheckBox *, 4> m_events {};
    QCheckBox *m_analysis = nullptr;
    InlineMessage *m_formMessage = nullptr;
    QsciScintilla *m_json = nullptr;
    InlineMessage *m_jsonMessage = nullptr;
    QJsonObject m_shown; // what the form and the JSON show when they agree
    bool m_loading = false;
    bool m_committing = false;
};

} // namespace dockside::ui
