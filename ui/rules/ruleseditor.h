// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/rule.h"

#include <QList>
#include <QString>
#include <QWidget>

class QAction;
class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace dockside::ui {

class ActionEditor;
class ConditionEditor;
class InlineMessage;
class SearchFilterModel;
class RuleTableModel;
class RuleTester;
class WorkspaceDocument;

// The workspace's rules, first match wins: an ordered table with a filter (reorder by drag and drop, Move up/down
// or Alt+Up/Alt+Down; add, duplicate, delete with Del), the selected rule's id, name, conditions (each with its
// own editor) and answer (one template or an A/B split), and a "Test a number" box. Every valid change goes to
// the document at once through setRules; an invalid value is shown as an error beside it and not saved.
class RulesEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RulesEditor)

public:
    explicit RulesEditor(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~RulesEditor() override;

    // Selects a rule (e.g. the one the timeline says answered); false when there is none with that id.
    bool selectRule(const QString &ruleId);
    QString selectedRuleId() const;
    // Selects a condition of the selected rule for editing.
    void selectCondition(int condition);
    // Fills the "Test a number" box and shows which rule and template would answer that caller.
    void testNumber(const QString &callerNumber, const QString &eventType = {});

    RuleTableModel *model() const { return m_model; }
    SearchFilterModel *filterModel() const { return m_filter; }
    QLineEdit *searchField() const { return m_filterEdit; }
    ConditionEditor *conditionEditor() const { return m_conditionEditor; }
    ActionEditor *actionEditor() const { return m_actionEditor; }
    RuleTester *tester() const { return m_tester; }

    void addRule();
    void duplicateRule();
    // Deletes the selected rule; Undo (beside the buttons) brings it back while nothing else changed the rules.
    void deleteRule();
    void undoDelete();
    void moveRuleUp();
    void moveRuleDown();
    void addCondition(rules::Condition::Kind kind);
    void removeCondition();

private:
    QWidget *buildTablePane();
    QWidget *buildDetailPane();
    int selectedRow() const;
    void selectRow(int row);
    void refreshTemplates();
    void refreshFromDocument();
    void commitRules(const QList<rules::Rule> &rules);
    void replaceSelectedRule(const rules::Rule &rule);
    void loadDetail();
    void loadConditions(int selectCondition);
    void updateActions();
    void moveSelected(int step);
    QString uniqueId(const QString &base) const;
    QString idProblem(const QString &id) const;

    WorkspaceDocument *m_document = nullptr;
    RuleTableModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTableView *m_table = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_upAction = nullptr;
    QAction *m_downAction = nullptr;
    RuleTester *m_tester = nullptr;
    QWidget *m_undoBar = nullptr;
    QLabel *m_undoText = nullptr;
    QList<rules::Rule> m_beforeDelete;
    QList<rules::Rule> m_afterDelete;
    QString m_deletedId;

    QStackedWidget *m_detailStack = nullptr;
    QLabel *m_emptyDetail = nullptr;
    QLineEdit *m_id = nullptr;
    InlineMessage *m_idError = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_enabled = nullptr;
    QListWidget *m_conditions = nullptr;
    QPushButton *m_addCondition = nullptr;
    QPushButton *m_removeCondition = nullptr;
    QLabel *m_noConditions = nullptr;
    ConditionEditor *m_conditionEditor = nullptr;
    ActionEditor *m_actionEditor = nullptr;

    bool m_committing = false;
    bool m_loading = false;
};

} // namespace dockside::ui
