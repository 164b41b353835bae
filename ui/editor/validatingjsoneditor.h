// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "jsonproblemmodel.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

class QLabel;
class QTimer;
class QTreeView;

namespace dockside::ui {

class JsonView;

using JsonValidator = std::function<QList<JsonProblem>(const QByteArray &utf8Text)>;

// An editable JsonView that checks its text with a validator a moment after each edit, marks every problem at its
// line and column and lists them beneath (a click jumps there). It keeps the applied text as its baseline: the
// owner applies (reading text()) and revert() goes back. Nothing is applied from here.
class ValidatingJsonEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValidatingJsonEditor)

public:
    explicit ValidatingJsonEditor(QWidget *parent = nullptr);
    ~ValidatingJsonEditor() override;

    void setValidator(JsonValidator validator);
    // The time between the last keystroke and the check.
    void setValidationDelay(int milliseconds);

    // Loads text as the applied state: not dirty, fresh undo history, checked at once.
    void setBaseline(const QString &text);
    const QString &baseline() const { return m_baseline; }
    // A new applied state that leaves the text as it is (the applied version changed elsewhere).
    void rebase(const QString &baseline);
    // Back to the baseline.
    void revert();
    QString text() const;
    bool isDirty() const { return m_dirty; }

    // Checks the current text now (cancelling a pending check) and returns whether it has no errors.
    bool validateNow();
    bool hasErrors() const { return m_problems.errorCount() > 0; }
    const QList<JsonProblem> &problems() const { return m_problems.problems(); }
    // True while an edit waits for its check.
    bool isValidationPending() const;

    JsonView *view() const { return m_view; }
    JsonProblemModel *problemModel() { return &m_problems; }

Q_SIGNALS:
    // After every check, also the immediate ones.
    void validated(bool hasErrors);
    void dirtyChanged(bool dirty);
    // Every edit, before its check.
    void edited();

private:
    void textChanged();
    void showProblem(const QModelIndex &index);
    void updateSummary();

    JsonView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QTreeView *m_problemView = nullptr;
    QTimer *m_debounce = nullptr;
    JsonProblemModel m_problems;
    JsonValidator m_validator;
    QString m_baseline;
    bool m_dirty = false;
    bool m_loading = false;
};

} // namespace dockside::ui
