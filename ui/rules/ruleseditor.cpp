// SPDX-License-Identifier: GPL-3.0-or-later

#include "ruleseditor.h"

#include "actioneditor.h"
#include "conditioneditor.h"
#include "inlinemessage.h"
#include "ruletablemodel.h"
#include "ruletester.h"

#include "common/searchfiltermodel.h"

#include "workspace/workspacedocument.h"

#include "workspace/workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

QAction *makeAction(const QString &text, const QKeySequence &shortcut, const QString &tip, QWidget *owner)
{
    auto *action = new QAction(text, owner);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        // Only while the table has the focus: Del or Alt+Up in a field of the detail pane keep their meaning.
        action->setShortcutContext(Qt::WidgetShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    } else {
        action->setToolTip(tip);
    }
    action->setStatusTip(tip);
    owner->addAction(action);
    return action;
}

QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

RulesEditor::RulesEditor(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new RuleTableModel(this))
    , m_filter(new SearchFilterModel(this))
{
    setObjectName(QStringLiteral("rulesEditor"));
    m_filter->setSourceModel(m_model);

    // The ordered table across the top, where its columns have room; the selected rule and the tester below.
    m_tester = new RuleTester(m_document, this);
    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->setObjectName(QStringLiteral("rulesDetailSplitter"));
    lower->setChildrenCollapsible(false);
    lower->addWidget(buildDetailPane());
    lower->addWidget(m_tester);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("rulesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTablePane());
    splitter->addWidget(lower);
    // Room for the sample's seven rules and a few more before the table scrolls.
    const int row = fontMetrics().height() + 10;
    splitter->setSizes({row * 10 + 60, 400});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_document, &WorkspaceDocument::workspaceReset, this, [this] {
        refreshTemplates();
        refreshFromDocument();
    });
    connect(m_document, &WorkspaceDocument::rulesChanged, this, &RulesEditor::refreshFromDocument);
    connect(m_document, &WorkspaceDocument::templatesChanged, this, &RulesEditor::refreshTemplates);
    connect(m_model, &RuleTableModel::rulesEdited, this, [this] {
        commitRules(m_model->rules());
        // The table changed a rule (its switch, name or place): show that in the detail pane too.
        loadDetail();
    });

    refreshTemplates();
    m_model->setRules(m_document->workspace().rules.rules());
    selectRow(m_model->rowCount() > 0 ? 0 : -1);
    loadDetail();
}

RulesEditor::~RulesEditor() = default;

QWidget *RulesEditor::buildTablePane()
{
    auto *pane = new QWidget(this);
    m_filterEdit = new QLineEdit(pane);
    m_filterEdit->setObjectName(QStringLiteral("rulesFilter"));
    m_filterEdit->setAccessibleName(tr("Filter rules"));
    m_filterEdit->setPlaceholderText(tr("Filter rules by name, condition or template"));
    installSearch(m_filterEdit, m_filter);

    m_table = new QTableView(pane);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setAccessibleName(tr("Rules"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDragDropMode(QAbstractItemView::InternalMove);
    m_table->setDefaultDropAction(Qt::MoveAction);
    m_table->setDragDropOverwriteMode(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->verticalHeader()->setToolTip(tr("The order: the first enabled rule whose conditions all match answers"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(RuleTableModel::EnabledColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RuleTableModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(RuleTableModel::ConditionsColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RuleTableModel::AnswerColumn, QHeaderView::Interactive);
    header->resizeSection(RuleTableModel::NameColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 38);
    header->resizeSection(RuleTableModel::AnswerColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 32);
    header->setStretchLastSection(false);

    m_addAction = makeAction(tr("Add"), QKeySequence(Qt::Key_Insert),
                             tr("Add a rule after the selected one; it starts switched off"), m_table);
    m_duplicateAction = makeAction(tr("Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                                   tr("Copy the selected rule, right after it"), m_table);
    m_deleteAction = makeAction(tr("Delete"), QKeySequence::Delete, tr("Delete the selected rule"), m_table);
    m_upAction = makeAction(tr("Move up"), QKeySequence(Qt::ALT | Qt::Key_Up),
                            tr("Move the selected rule up: it is looked at earlier"), m_table);
    m_downAction = makeAction(tr("Move down"), QKeySequence(Qt::ALT | Qt::Key_Down),
                              tr("Move the selected rule down: it is looked at later"), m_table);
    m_addAction->setObjectName(QStringLiteral("addRuleAction"));
    m_duplicateAction->setObjectName(QStringLiteral("duplicateRuleAction"));
    m_deleteAction->setObjectName(QStringLiteral("deleteRuleAction"));
    m_upAction->setObjectName(QStringLiteral("moveRuleUpAction"));
    m_downAction->setObjectName(QStringLiteral("moveRuleDownAction"));
    connect(m_addAction, &QAction::triggered, this, &RulesEditor::addRule);
    connect(m_duplicateAction, &QAction::triggered, this, &RulesEditor::duplicateRule);
    connect(m_deleteAction, &QAction::triggered, this, &RulesEditor::deleteRule);
    connect(m_upAction, &QAction::triggered, this, &RulesEditor::moveRuleUp);
    connect(m_downAction, &QAction::triggered, this, &RulesEditor::moveRuleDown);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_undoBar = new QWidget(pane);
    m_undoBar->setObjectName(QStringLiteral("rulesUndoBar"));
    m_undoText = new QLabel(m_undoBar);
    auto *undo = new QToolButton(m_undoBar);
    undo->setText(tr("Undo"));
    undo->setToolTip(tr("Bring the deleted rule back in its place"));
    undo->setObjectName(QStringLiteral("rulesUndo"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    undoLayout->addWidget(m_undoText);
    undoLayout->addWidget(undo);
    m_undoBar->hide();
    connect(undo, &QToolButton::clicked, this, &RulesEditor::undoDelete);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_addAction, m_duplicateAction, m_deleteAction})
        buttons->addWidget(buttonFor(action, pane));
    buttons->addSpacing(12);
    buttons->addWidget(m_undoBar);
    buttons->addStretch();
    for (QAction *action : {m_upAction, m_downAction})
        buttons->addWidget(buttonFor(action, pane));

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        loadDetail();
        updateActions();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &RulesEditor::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &RulesEditor::updateActions);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RulesEditor::updateActions);
    return pane;
}

QWidget *RulesEditor::buildDetailPane()
{
    m_detailStack = new QStackedWidget(this);
    m_emptyDetail = new QLabel(tr("Select a rule to edit it, or add one."), m_detailStack);
    m_emptyDetail->setAlignment(Qt::AlignCenter);
    m_emptyDetail->setForegroundRole(QPalette::PlaceholderText);
    m_detailStack->addWidget(m_emptyDetail);

    auto *detail = new QWidget;
    m_id = new QLineEdit(detail);
    m_id->setObjectName(QStringLiteral("ruleId"));
    m_id->setToolTip(tr("Names the rule in traces and in the history; unique in the workspace"));
    m_idError = new InlineMessage(detail);
    m_idError->setObjectName(QStringLiteral("ruleIdError"));
    m_name = new QLineEdit(detail);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_enabled = new QCheckBox(tr("On"), detail);
    m_enabled->setToolTip(tr("Rules that are off are skipped when a request arrives"));
    m_enabled->setObjectName(QStringLiteral("ruleEnabled"));

    auto *ruleBox = new QGroupBox(tr("Rule"), detail);
    auto *ruleGrid = new QGridLayout(ruleBox);
    ruleGrid->addWidget(new QLabel(tr("Name:"), ruleBox), 0, 0);
    ruleGrid->addWidget(m_name, 0, 1, 1, 2);
    ruleGrid->addWidget(new QLabel(tr("Id:"), ruleBox), 1, 0);
    ruleGrid->addWidget(m_id, 1, 1);
    ruleGrid->addWidget(m_enabled, 1, 2);
    ruleGrid->addWidget(m_idError, 2, 1, 1, 2);
    ruleGrid->setColumnStretch(1, 1);

    m_conditions = new QListWidget(detail);
    m_conditions->setObjectName(QStringLiteral("ruleConditions"));
    m_conditions->setAccessibleName(tr("Conditions"));
    m_conditions->setMaximumHeight(m_conditions->fontMetrics().lineSpacing() * 4 + 8);
    // Conditions wrap rather than scroll sideways: the whole of each is worth reading.
    m_conditions->setWordWrap(true);
    m_conditions->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_conditions->setResizeMode(QListView::Adjust);
    m_addCondition = new QPushButton(tr("Add condition"), detail);
    m_addCondition->setObjectName(QStringLiteral("addCondition"));
    m_addCondition->setToolTip(tr("Add a condition of the chosen kind; the rule answers only when all match"));
    auto *kinds = new QMenu(m_addCondition);
    for (const rules::Condition::Kind kind :
         {rules::Condition::Kind::Event, rules::Condition::Kind::Caller, rules::Condition::Kind::Called,
          rules::Condition::Kind::BusinessHours, rules::Condition::Kind::Header, rules::Condition::Kind::JsonPointer,
          rules::Condition::Kind::ContactKnown, rules::Condition::Kind::ContactField}) {
        QAction *action = kinds->addAction(ConditionEditor::kindLabel(kind));
        action->setObjectName(QStringLiteral("addCondition_") + rules::Condition::kindName(kind));
        connect(action, &QAction::triggered, this, [this, kind] { addCondition(kind); });
    }
    m_addCondition->setMenu(kinds);
    m_removeCondition = new QPushButton(tr("Remove"), detail);
    m_removeCondition->setObjectName(QStringLiteral("removeCondition"));
    m_removeCondition->setToolTip(tr("Remove the selected condition (Del)"));
    auto *removeShortcut = new QAction(m_conditions);
    removeShortcut->setShortcut(QKeySequence::Delete);
    removeShortcut->setShortcutContext(Qt::WidgetShortcut);
    m_conditions->addAction(removeShortcut);
    m_noConditions = new QLabel(tr("No conditions: this rule matches every request."), detail);
    m_noConditions->setForegroundRole(QPalette::PlaceholderText);
    m_conditionEditor = new ConditionEditor(detail);
    m_conditionEditor->setObjectName(QStringLiteral("conditionEditor"));

    auto *conditionButtons = new QVBoxLayout;
    conditionButtons->addWidget(m_addCondition);
    conditionButtons->addWidget(m_removeCondition);
    conditionButtons->addStretch();
    auto *conditionList = new QHBoxLayout;
    conditionList->addWidget(m_conditions, 1);
    conditionList->addLayout(conditionButtons);
    auto *conditionBox = new QGroupBox(tr("When all of these match"), detail);
    auto *conditionLayout = new QVBoxLayout(conditionBox);
    conditionLayout->addLayout(conditionList);
    conditionLayout->addWidget(m_noConditions);
    conditionLayout->addWidget(m_conditionEditor);

    m_actionEditor = new ActionEditor(detail);
    m_actionEditor->setObjectName(QStringLiteral("actionEditor"));
    auto *answerBox = new QGroupBox(tr("Answer with"), detail);
    auto *answerLayout = new QVBoxLayout(answerBox);
    answerLayout->addWidget(m_actionEditor);

    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(ruleBox);
    detailLayout->addWidget(conditionBox);
    detailLayout->addWidget(answerBox);
    detailLayout->addStretch();

    auto *scroll = new QScrollArea(m_detailStack);
    scroll->setObjectName(QStringLiteral("ruleDetail"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(detail);
    m_detailStack->addWidget(scroll);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        rules::Rule rule = m_model->ruleAt(selectedRow());
        rule.name = text.trimmed();
        replaceSelectedRule(rule);
    });
    // An id is committed when editing ends, not per keystroke: typing "vip-2" must not rename the rule "v" first.
    connect(m_id, &QLineEdit::textEdited, this, [this](const QString &text) {
        const QString problem = idProblem(text.trimmed());
        if (problem.isEmpty())
            m_idError->clearMessage();
        else
            m_idError->showError(tr("Not saved: %1").arg(problem));
    });
    connect(m_id, &QLineEdit::editingFinished, this, [this] {
        const int row = selectedRow();
        if (row < 0 || m_loading)
            return;
        rules::Rule rule = m_model->ruleAt(row);
        const QString id = m_id->text().trimmed();
        if (id == rule.id)
            return;
        const QString problem = idProblem(id);
        if (!problem.isEmpty()) {
            m_id->setText(rule.id);
            m_idError->showError(tr("Not saved: %1 The rule keeps the id %2.").arg(problem, rule.id));
            return;
        }
        m_idError->clearMessage();
        rule.id = id;
        replaceSelectedRule(rule);
    });
    connect(m_enabled, &QCheckBox::clicked, this, [this](bool enabled) {
        rules::Rule rule = m_model->ruleAt(selectedRow());
        rule.enabled = enabled;
        replaceSelectedRule(rule);
    });
    connect(m_conditions, &QListWidget::currentRowChanged, this, [this](int row) {
        const rules::Rule rule = m_model->ruleAt(selectedRow());
        const bool valid = row >= 0 && row < rule.conditions.size();
        m_removeCondition->setEnabled(valid);
        m_conditionEditor->setVisible(valid);
        if (valid)
            m_conditionEditor->setCondition(rule.conditions.at(row));
    });
    connect(m_removeCondition, &QPushButton::clicked, this, &RulesEditor::removeCondition);
    connect(removeShortcut, &QAction::triggered, this, &RulesEditor::removeCondition);
    connect(m_conditionEditor, &ConditionEditor::conditionEdited, this, [this](const rules::Condition &condition) {
        const int index = m_conditions->currentRow();
        rules::Rule rule = m_model->ruleAt(selectedRow());
        if (index < 0 || index >= rule.conditions.size())
            return;
        rule.conditions[index] = condition;
        replaceSelectedRule(rule);
        m_conditions->item(index)->setText(condition.describe());
        m_conditions->item(index)->setToolTip(condition.describe());
    });
    connect(m_actionEditor, &ActionEditor::actionEdited, this, [this](const rules::RuleAction &action) {
        rules::Rule rule = m_model->ruleAt(selectedRow());
        rule.action = action;
        replaceSelectedRule(rule);
    });
    return m_detailStack;
}

int RulesEditor::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return -1;
    return m_filter->mapToSource(current).row();
}

QString RulesEditor::selectedRuleId() const
{
    const int row = selectedRow();
    return row >= 0 ? m_model->ruleAt(row).id : QString();
}

void RulesEditor::selectRow(int row)
{
    QModelIndex index =
        row >= 0 ? m_filter->mapFromSource(m_model->index(row, RuleTableModel::NameColumn)) : QModelIndex();
    if (row >= 0 && !index.isValid()) {
        // Hidden by the filter: show everything rather than select something the user cannot see.
        m_filterEdit->clear();
        index = m_filter->mapFromSource(m_model->index(row, RuleTableModel::NameColumn));
    }
    if (!index.isValid()) {
        m_table->selectionModel()->clear();
        loadDetail();
        updateActions();
        return;
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    loadDetail();
    updateActions();
}

bool RulesEditor::selectRule(const QString &ruleId)
{
    const int row = m_model->rowOfId(ruleId);
    if (row < 0)
        return false;
    selectRow(row);
    return true;
}

void RulesEditor::selectCondition(int condition)
{
    if (condition >= 0 && condition < m_conditions->count())
        m_conditions->setCurrentRow(condition);
}

void RulesEditor::testNumber(const QString &callerNumber, const QString &eventType)
{
    if (!eventType.isEmpty())
        m_tester->setEventType(eventType);
    m_tester->setCallerNumber(callerNumber);
}

void RulesEditor::refreshTemplates()
{
    QList<QPair<QString, QString>> templates;
    QHash<QString, QString> names;
    for (const workspace::ResponseTemplate &responseTemplate : m_document->workspace().templates) {
        templates.append(QPair<QString, QString>(responseTemplate.id, responseTemplate.name));
        names.insert(responseTemplate.id,
                     responseTemplate.name.isEmpty() ? responseTemplate.id : responseTemplate.name);
    }
    m_actionEditor->setTemplates(templates);
    m_model->setTemplateNames(names);
    updateActions();
}

void RulesEditor::refreshFromDocument()
{
    const QString id = selectedRuleId();
    const int row = selectedRow();
    m_model->setRules(m_document->workspace().rules.rules());
    if (!m_undoBar->isHidden() && m_document->workspace().rules.rules() != m_afterDelete)
        m_undoBar->hide();
    if (m_committing)
        return; // our own change: the fields already show it
    int newRow = m_model->rowOfId(id);
    if (newRow < 0)
        newRow = std::min(row, m_model->rowCount() - 1);
    if (newRow < 0 && m_model->rowCount() > 0)
        newRow = 0;
    selectRow(newRow);
}

void RulesEditor::commitRules(const QList<rules::Rule> &rules)
{
    const QScopedValueRollback guard(m_committing, true);
    m_document->setRules(rules::RuleSet(rules));
}

void RulesEditor::replaceSelectedRule(const rules::Rule &rule)
{
    const int row = selectedRow();
    if (row < 0 || m_loading)
        return;
    QList<rules::Rule> rules = m_model->rules();
    rules[row] = rule;
    commitRules(rules);
}

void RulesEditor::loadDetail()
{
    const QScopedValueRollback guard(m_loading, true);
    const int row = selectedRow();
    if (row < 0) {
        m_detailStack->setCurrentIndex(0);
        return;
    }
    const rules::Rule rule = m_model->ruleAt(row);
    const bool sameRule = m_id->property("ruleRow").toInt() == row && m_id->text() == rule.id;
    m_id->setProperty("ruleRow", row);
    m_id->setText(rule.id);
    m_idError->clearMessage();
    m_name->setText(rule.name);
    m_enabled->setChecked(rule.enabled);
    loadConditions(sameRule ? m_conditions->currentRow() : 0);
    m_actionEditor->setAction(rule.action);
    m_detailStack->setCurrentIndex(1);
}

void RulesEditor::loadConditions(int selectCondition)
{
    const rules::Rule rule = m_model->ruleAt(selectedRow());
    const QSignalBlocker blocker(m_conditions);
    m_conditions->clear();
    for (const rules::Condition &condition : rule.conditions) {
        auto *item = new QListWidgetItem(condition.describe(), m_conditions);
        item->setToolTip(condition.describe());
    }
    m_noConditions->setVisible(rule.conditions.isEmpty());
    const int count = static_cast<int>(rule.conditions.size());
    const int row = count == 0 ? -1 : std::clamp(selectCondition, 0, count - 1);
    m_conditions->setCurrentRow(row);
    m_removeCondition->setEnabled(row >= 0);
    m_conditionEditor->setVisible(row >= 0);
    if (row >= 0)
        m_conditionEditor->setCondition(rule.conditions.at(row));
}

void RulesEditor::updateActions()
{
    const int row = selectedRow();
    const bool selected = row >= 0;
    const bool hasTemplates = !m_document->workspace().templates.isEmpty();
    m_addAction->setEnabled(hasTemplates);
    m_addAction->setToolTip(hasTemplates ? tr("Add a rule after the selected one; it starts switched off (Ins)")
                                         : tr("A rule answers with a template: add a template first"));
    m_duplicateAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_upAction->setEnabled(selected && current.row() > 0);
    m_downAction->setEnabled(selected && current.row() + 1 < m_filter->rowCount());
}

QString RulesEditor::idProblem(const QString &id) const
{
    if (id.isEmpty())
        return tr("a rule needs an id; it names the rule in traces and the history.");
    const int other = m_model->rowOfId(id);
    if (other >= 0 && other != selectedRow())
        return tr("rule %1 (%2) already has the id %3.").arg(other + 1).arg(m_model->ruleAt(other).name, id);
    return {};
}

QString RulesEditor::uniqueId(const QString &base) const
{
    if (m_model->rowOfId(base) < 0)
        return base;
    for (int suffix = 2;; ++suffix) {
        const QString candidate = QStringLiteral("%1-%2").arg(base).arg(suffix);
        if (m_model->rowOfId(candidate) < 0)
            return candidate;
    }
}

void RulesEditor::addRule()
{
    const workspace::Workspace &workspace = m_document->workspace();
    const workspace::ResponseTemplate *answer = workspace.fallbackTemplate();
    if (!answer)
        return;
    rules::Rule rule;
    rule.id = uniqueId(QStringLiteral("rule"));
    rule.name = tr("New rule");
    // Off until the user says otherwise: a rule without conditions would otherwise answer every request.
    rule.enabled = false;
    rule.action = rules::RuleAction::single(answer->id);
    const int selected = selectedRow();
    const int insertAt = selected >= 0 ? selected + 1 : m_model->rowCount();
    QList<rules::Rule> rules = m_model->rules();
    rules.insert(insertAt, rule);
    commitRules(rules);
    selectRow(insertAt);
    m_name->setFocus();
    m_name->selectAll();
}

void RulesEditor::duplicateRule()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    rules::Rule copy = m_model->ruleAt(row);
    copy.id = uniqueId(copy.id + QStringLiteral("-copy"));
    copy.name = tr("%1 (copy)").arg(copy.name);
    QList<rules::Rule> rules = m_model->rules();
    rules.insert(row + 1, copy);
    commitRules(rules);
    selectRow(row + 1);
}

void RulesEditor::deleteRule()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    m_beforeDelete = m_model->rules();
    m_afterDelete = m_beforeDelete;
    const rules::Rule deleted = m_afterDelete.takeAt(row);
    m_deletedId = deleted.id;
    commitRules(m_afterDelete);
    selectRow(std::min(row, static_cast<int>(m_afterDelete.size()) - 1));
    m_undoText->setText(tr("Deleted “%1”.").arg(deleted.name.isEmpty() ? deleted.id : deleted.name));
    m_undoBar->show();
}

void RulesEditor::undoDelete()
{
    m_undoBar->hide();
    if (m_document->workspace().rules.rules() != m_afterDelete)
        return; // something else changed the rules since: restoring the old list would undo that too
    commitRules(m_beforeDelete);
    selectRule(m_deletedId);
}

void RulesEditor::moveRuleUp()
{
    moveSelected(-1);
}

void RulesEditor::moveRuleDown()
{
    moveSelected(1);
}

void RulesEditor::moveSelected(int step)
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const int from = selectedRow();
    const int neighbour = current.row() + step;
    if (from < 0 || neighbour < 0 || neighbour >= m_filter->rowCount())
        return;
    // With a filter, the rule moves past the neighbour the user sees, however many hidden rules lie between.
    const int to = m_filter->mapToSource(m_filter->index(neighbour, 0)).row();
    m_model->moveRows(QModelIndex(), from, 1, QModelIndex(), step < 0 ? to : to + 1);
    m_table->scrollTo(m_table->selectionModel()->currentIndex());
    updateActions();
}

void RulesEditor::addCondition(rules::Condition::Kind kind)
{
    const int row = selectedRow();
    if (row < 0)
        return;
    QList<base::LoadError> errors;
    const std::optional<rules::Condition> condition =
        rules::Condition::fromJson(ConditionEditor::defaultJson(kind), QStringLiteral("$"), errors);
    if (!condition)
        return;
    rules::Rule rule = m_model->ruleAt(row);
    rule.conditions.append(*condition);
    replaceSelectedRule(rule);
    loadConditions(static_cast<int>(rule.conditions.size()) - 1);
}

void RulesEditor::removeCondition()
{
    const int index = m_conditions->currentRow();
    rules::Rule rule = m_model->ruleAt(selectedRow());
    if (index < 0 || index >= rule.conditions.size())
        return;
    rule.conditions.removeAt(index);
    replaceSelectedRule(rule);
    loadConditions(std::min(index, static_cast<int>(rule.conditions.size()) - 1));
}

} // namespace dockside::ui
