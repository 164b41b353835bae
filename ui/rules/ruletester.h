// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/ruleevaluation.h"

#include <QDateTime>
#include <QGroupBox>
#include <QString>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace dockside::ui {

class WorkspaceDocument;

// "Test a number": builds the event the platform would send for a caller (event type, time, call id) and runs
// the workspace's rules on it through the core (RuleSet::evaluate), to show which rule and template would
// answer and why, without sending anything. It follows every edit of the rules, contacts and templates.
class RuleTester final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleTester)

public:
    explicit RuleTester(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~RuleTester() override;

    void setCallerNumber(const QString &number);
    // One of the four event names; an unknown name is ignored.
    void setEventType(const QString &eventType);
    // An invalid time means "now".
    void setTime(const QDateTime &time);

    const rules::RuleEvaluation &evaluation() const { return m_evaluation; }
    // The template that would answer: the matching rule's, else the workspace's fallback.
    QString answeringTemplateId() const { return m_templateId; }
    QString resultText() const;

public Q_SLOTS:
    void evaluate();

private:
    WorkspaceDocument *m_document = nullptr;
    QLineEdit *m_caller = nullptr;
    QComboBox *m_event = nullptr;
    QCheckBox *m_now = nullptr;
    QDateTimeEdit *m_time = nullptr;
    QLineEdit *m_callId = nullptr;
    QLabel *m_result = nullptr;
    QPlainTextEdit *m_trace = nullptr;
    rules::RuleEvaluation m_evaluation;
    QString m_templateId;
};

} // namespace dockside::ui
