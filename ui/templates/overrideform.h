// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "answerdraft.h"

#include <QStringList>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace dockside::ui {

class InlineMessage;

// A response template as a form, for people who do not write JSON: answer with the default assistant, with
// overrides (greeting, model, system prompt, duration limit, analysis fields) or reject the call with a sentence;
// the template's name, status code and delay. It shows an AnswerDraft and says when the user changed it (edited);
// the owner writes the draft into the template's JSON, or shows what is still missing with setProblems. What the
// form cannot show is listed with a link to it in the JSON.
class OverrideForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverrideForm)

public:
    explicit OverrideForm(QWidget *parent = nullptr);
    ~OverrideForm() override;

    // Shows a template's reading; the form keeps the text fields' cursors where they are when their text is equal.
    void load(const AnswerReading &reading);
    // The form cannot show the template now (its JSON does not parse, or it is a text answer): why, in words.
    void setUnavailable(const QString &reason);
    bool isAvailable() const { return m_available; }
    AnswerDraft draft() const;

    // What the draft still needs (empty: nothing); each with a link to its place in the JSON.
    void setProblems(const QList<DraftProblem> &problems);
    QString problemText() const;
    QString keptText() const;

    void setPlaceholderNames(const QStringList &names);
    void setModelSuggestions(const QStringList &models);
    // What the chosen preview caller hears first with this template, rendered; who is the caller's label.
    void setGreetingPreview(const QString &who, const QString &heard);

Q_SIGNALS:
    // The user changed a field: draft() has the new state.
    void edited();
    // The user asked to see a path in the JSON.
    void showPathRequested(const QString &jsonPath);

private:
    QWidget *buildTemplateGroup();
    QWidget *buildOverridesGroup();
    QWidget *buildRejectGroup();
    QToolButton *placeholderButton(QPlainTextEdit *target);
    void insertPlaceholder(QPlainTextEdit *target, const QString &name);
    void addField();
    void removeSelectedFields();
    void appendFieldRow(const StructuredField &field);
    QList<StructuredField> fields() const;
    void updateVisibility();
    void updateDurationHint();
    void userEdited();

    bool m_available = true;
    bool m_loading = false;
    AnswerReading m_reading;
    QStringList m_placeholders;

    QLabel *m_unavailable = nullptr;
    QWidget *m_content = nullptr;
    QButtonGroup *m_kind = nullptr;
    QLineEdit *m_name = nullptr;
    QSpinBox *m_status = nullptr;
    QSpinBox *m_delay = nullptr;
    QGroupBox *m_overrides = nullptr;
    QPlainTextEdit *m_greeting = nullptr;
    QLabel *m_greetingPreview = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_model = nullptr;
    QPlainTextEdit *m_systemPrompt = nullptr;
    QSpinBox *m_minutes = nullptr;
    QSpinBox *m_seconds = nullptr;
    QLabel *m_durationHint = nullptr;
    QCheckBox *m_analysis = nullptr;
    QTableWidget *m_fields = nullptr;
    QPushButton *m_addField = nullptr;
    QPushButton *m_removeField = nullptr;
    QGroupBox *m_reject = nullptr;
    QPlainTextEdit *m_rejection = nullptr;
    InlineMessage *m_problems = nullptr;
    QLabel *m_kept = nullptr;
    QString m_problemText;
};

} // namespace dockside::ui
