// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QBoxLayout;
class QCheckBox;
class QFormLayout;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace dockside::ui {

class CallStrip;
class DiffFilterModel;
class DiffTableModel;
class FindingsModel;
class SpeakButton;
class SpeechBubble;

// A call outcome drawn as a call: the strip (ringing, webhook latency against the deadline, how the call goes on),
// what the caller hears, the model and limits, the effective assistant beside the default with its differences,
// every violation and warning with its source, and the analysis prompt. Stands alone: give it an outcome.
class CallOutcomeView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallOutcomeView)

public:
    explicit CallOutcomeView(QWidget *parent = nullptr);
    ~CallOutcomeView() override;

    // defaultAssistant is what the outcome was computed against, shown beside the effective assistant.
    // callerLanguage: the contact's, for reading aloud when the answer names no language.
    void setOutcome(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant,
                    const QString &callerLanguage = {});
    // Shows the placeholder text instead of an outcome.
    void clear();
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

    bool hasOutcome() const { return m_outcome.has_value(); }
    const std::optional<contract::CallOutcome> &outcome() const { return m_outcome; }
    SpeakButton *speakButton() const { return m_speak; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *createContent();
    QWidget *createAssistantTab();
    QWidget *createFindingsTab();
    QWidget *createAnalysisTab();
    void applyTone();
    void showAssistant(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant);
    void showFindings(const contract::CallOutcome &outcome);
    void showAnalysis(const contract::CallOutcome &outcome);

    std::optional<contract::CallOutcome> m_outcome;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    CallStrip *m_strip = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_bubbleCaption = nullptr;
    SpeechBubble *m_bubble = nullptr;
    SpeakButton *m_speak = nullptr;
    QBoxLayout *m_callRow = nullptr;
    QFormLayout *m_facts = nullptr;
    QLabel *m_recognition = nullptr;
    QLabel *m_voice = nullptr;
    QLabel *m_model = nullptr;
    QLabel *m_tools = nullptr;
    QLabel *m_voicemail = nullptr;
    QLabel *m_silence = nullptr;
    QLabel *m_durationLimit = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_analysis = nullptr;
    QTabWidget *m_details = nullptr;

    QStackedWidget *m_assistantStack = nullptr;
    QLabel *m_assistantNote = nullptr;
    QLabel *m_changesSummary = nullptr;
    QCheckBox *m_onlyDifferences = nullptr;
    DiffTableModel *m_assistantModel = nullptr;
    DiffFilterModel *m_assistantFilter = nullptr;
    QTableView *m_assistantTable = nullptr;

    QStackedWidget *m_findingsStack = nullptr;
    FindingsModel *m_findingsModel = nullptr;
    QTableView *m_findingsTable = nullptr;

    QStackedWidget *m_analysisStack = nullptr;
    QLabel *m_analysisNote = nullptr;
    QTextBrowser *m_prompt = nullptr;
};

} // namespace dockside::ui
