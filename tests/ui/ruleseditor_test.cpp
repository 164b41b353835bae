// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/searchfiltermodel.h"
#include "qtprinters.h"
#include "rules/actioneditor.h"
#include "rules/businesshourseditor.h"
#include "rules/conditioneditor.h"
#include "rules/ruleseditor.h"
#include "rules/ruletablemodel.h"
#include "rules/ruletester.h"
#include "widgettesting.h"
#include "workspace/workspace.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacewriter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::testing::child;
using dockside::testing::clickRadio;
using dockside::testing::replaceText;
using dockside::ui::RulesEditor;
using dockside::ui::RuleTableModel;
using dockside::ui::SearchFilterModel;
using dockside::ui::WorkspaceDocument;

namespace {

// These tests were written against the seven use-case rules; the sample's first rule, which answers a forged
// signature with 401, is tested on its own in core and CLI tests.
workspace::Workspace useCaseWorkspace()
{
    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    QList<rules::Rule> rules = workspace.rules.rules();
    rules.removeIf([](const rules::Rule &rule) { return rule.id == QLatin1String("bad-signature"); });
    workspace.rules = rules::RuleSet(rules);
    return workspace;
}

QStringList ruleIds(const WorkspaceDocument &document)
{
    QStringList ids;
    for (const rules::Rule &rule : document.workspace().rules.rules())
        ids.append(rule.id);
    return ids;
}

const rules::Rule &ruleById(const WorkspaceDocument &document, const QString &id)
{
    static const rules::Rule none;
    for (const rules::Rule &rule : document.workspace().rules.rules()) {
        if (rule.id == id)
            return rule;
    }
    return none;
}

// The workspace as it would be saved and opened again: what the editors wrote must survive the file format.
workspace::Workspace roundTrip(const WorkspaceDocument &document)
{
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(workspace::serializeWorkspace(document.workspace()));
    EXPECT_TRUE(load.errors.isEmpty()) << load.errors.value(0).path.toStdString() << ": "
                                       << load.errors.value(0).message.toStdString();
    return load.workspace.value_or(workspace::Workspace());
}

void showActive(QWidget &widget)
{
    widget.resize(1000, 650);
    widget.show();
    QApplication::setActiveWindow(&widget);
    EXPECT_TRUE(QTest::qWaitForWindowActive(&widget));
}

// A completer's popup would take the next click.
void closePopups()
{
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
}

// Replaces the whole text at once, as a paste does: no keystroke in between is seen.
void pasteText(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    field->insert(text);
}

// A click on the box itself: the middle of a wide check box can be beside its text, where a click does nothing.
void clickCheckBox(QCheckBox *box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
}

QString jsonText(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

} // namespace

TEST(RuleTableModel, PassesTheModelTesterThroughEditsMovesAndResets)
{
    RuleTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const QList<rules::Rule> sample = useCaseWorkspace().rules.rules();
    model.setRules(sample);
    ASSERT_EQ(model.rowCount(), 7);
    QList<rules::Rule> renamed = sample;
    renamed[2].name = QStringLiteral("VIPs first");
    model.setRules(renamed);
    EXPECT_EQ(model.index(2, RuleTableModel::NameColumn).data().toString(), QStringLiteral("VIPs first"));

    QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
    EXPECT_TRUE(model.setData(model.index(0, RuleTableModel::EnabledColumn), Qt::Checked, Qt::CheckStateRole));
    EXPECT_TRUE(model.rules().at(0).enabled);
    EXPECT_TRUE(model.moveRows(QModelIndex(), 6, 1, QModelIndex(), 0));
    EXPECT_EQ(model.rules().at(0).id, QStringLiteral("ab-greeting"));
    EXPECT_FALSE(model.moveRows(QModelIndex(), 3, 1, QModelIndex(), 4)) << "onto itself";
    EXPECT_EQ(edited.count(), 2);

    model.setRules({});
    model.setRules(sample);
    EXPECT_EQ(model.rowCount(), 7);
}

TEST(RuleTableModel, SaysConditionsAndAnswersInWords)
{
    RuleTableModel model;
    QHash<QString, QString> names;
    for (const workspace::ResponseTemplate &t : useCaseWorkspace().templates)
        names.insert(t.id, t.name);
    model.setTemplateNames(names);
    model.setRules(useCaseWorkspace().rules.rules());
    const int closed = model.rowOfId(QStringLiteral("closed"));
    EXPECT_EQ(model.index(closed, RuleTableModel::ConditionsColumn).data().toString(),
              QStringLiteral("event type is \"assistant-request\" and outside business hours (Mon, Tue, Wed, Thu, Fri "
                             "09:00-12:30, 13:30-17:30; Sat 10:00-14:00, Europe/Amsterdam)"));
    EXPECT_EQ(model.index(closed, RuleTableModel::AnswerColumn).data().toString(), QStringLiteral("Reject the call"));
    EXPECT_EQ(model.index(model.rowOfId(QStringLiteral("ab-greeting")), RuleTableModel::AnswerColumn).data().toString(),
              QStringLiteral("A/B: Personalize greeting 50% · Use default configuration 50%"));
    EXPECT_EQ(model.index(0, RuleTableModel::ConditionsColumn).data().toString(), QStringLiteral("every request"));
    EXPECT_EQ(model.headerData(0, Qt::Vertical).toInt(), 1) << "the row number is the rule's place";

    names.remove(QStringLiteral("reject"));
    model.setTemplateNames(names);
    EXPECT_TRUE(model.index(closed, RuleTableModel::AnswerColumn).data().toString().contains(QStringLiteral("reject")));
    EXPECT_EQ(model.index(closed, 0).data(RuleTableModel::MissingTemplatesRole).toStringList(),
              QStringList {QStringLiteral("reject")});
}

TEST(RuleTableModel, SearchFindsNamesConditionsAndTemplateIds)
{
    RuleTableModel model;
    SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QList<rules::Rule> sample = useCaseWorkspace().rules.rules();
    model.setRules(sample);
    filter.setQuery(QStringLiteral("german"));
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setQuery(QStringLiteral("contact book"));
    EXPECT_EQ(filter.rowCount(), 1) << "conditions are searched in words";
    filter.setQuery(QStringLiteral("greeting-de"));
    EXPECT_EQ(filter.rowCount(), 2) << "and template ids";
    model.setRules({});
    EXPECT_EQ(filter.rowCount(), 0);
    model.setRules(sample);
    EXPECT_EQ(filter.rowCount(), 2) << "a reset keeps the query";
    filter.setQuery(QString());
    EXPECT_EQ(filter.rowCount(), 7);
}

TEST(RuleTableModel, DragAndDropThroughTheFilterMovesTheRule)
{
    RuleTableModel model;
    SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRules(useCaseWorkspace().rules.rules());
    // Drag "crm" (row 4) between rows 0 and 1.
    std::unique_ptr<QMimeData> data(filter.mimeData({filter.index(4, RuleTableModel::NameColumn)}));
    ASSERT_TRUE(data);
    EXPECT_TRUE(filter.dropMimeData(data.get(), Qt::MoveAction, 1, 0, QModelIndex()));
    EXPECT_EQ(model.rules().at(1).id, QStringLiteral("crm"));
    // Dropped onto a row further down, it lands after that row.
    std::unique_ptr<QMimeData> again(filter.mimeData({filter.index(1, RuleTableModel::NameColumn)}));
    EXPECT_TRUE(filter.dropMimeData(again.get(), Qt::MoveAction, -1, -1, filter.index(3, 0)));
    EXPECT_EQ(model.rules().at(3).id, QStringLiteral("crm"));
}

TEST(RulesEditor, EditsANameCellAndReordersWithTheKeyboard)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    auto *table = child<QTableView>(editor, "rulesTable");
    ASSERT_TRUE(table);

    ASSERT_TRUE(editor.selectRule(QStringLiteral("vip")));
    const QModelIndex name = table->currentIndex().siblingAtColumn(RuleTableModel::NameColumn);
    table->setCurrentIndex(name);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F2);
    QWidget *cellEditor = QApplication::focusWidget();
    ASSERT_TRUE(qobject_cast<QLineEdit *>(cellEditor));
    QTest::keyClick(cellEditor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(cellEditor, QStringLiteral("VIP callers"));
    QTest::keyClick(cellEditor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits from a queued call
    EXPECT_EQ(ruleById(document, QStringLiteral("vip")).name, QStringLiteral("VIP callers"));
    EXPECT_TRUE(document.isModified());
    EXPECT_EQ(child<QLineEdit>(editor, "ruleName")->text(), QStringLiteral("VIP callers")) << "detail follows";

    table->setFocus();
    QTest::keyClick(table, Qt::Key_Up, Qt::AltModifier);
    QTest::keyClick(table, Qt::Key_Up, Qt::AltModifier);
    EXPECT_EQ(ruleIds(document).at(0), QStringLiteral("vip")) << ruleIds(document).join(u',').toStdString();
    EXPECT_EQ(editor.selectedRuleId(), QStringLiteral("vip")) << "the selection follows the rule";
    EXPECT_FALSE(child<QAction>(editor, "moveRuleUpAction")->isEnabled());
    QTest::keyClick(table, Qt::Key_Down, Qt::AltModifier);
    EXPECT_EQ(ruleIds(document).at(1), QStringLiteral("vip"));
    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);
}

TEST(RulesEditor, AddsDuplicatesAndDeletesRules)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    auto *table = child<QTableView>(editor, "rulesTable");

    ASSERT_TRUE(editor.selectRule(QStringLiteral("crm")));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Insert);
    QStringList ids = ruleIds(document);
    ASSERT_EQ(ids.size(), 8);
    EXPECT_EQ(ids.at(5), QStringLiteral("rule")) << "after the selected rule";
    const rules::Rule added = ruleById(document, QStringLiteral("rule"));
    EXPECT_FALSE(added.enabled) << "a new rule changes nothing until switched on";
    EXPECT_EQ(added.action.templateId(), QStringLiteral("default")) << "the fallback template";
    EXPECT_EQ(editor.selectedRuleId(), QStringLiteral("rule"));

    child<QAction>(editor, "duplicateRuleAction")->trigger();
    EXPECT_EQ(ruleIds(document).at(6), QStringLiteral("rule-copy"));

    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    EXPECT_EQ(editor.selectedRuleId(), QStringLiteral("german-region")) << "the next rule is selected";
    ASSERT_TRUE(editor.selectRule(QStringLiteral("rule")));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    EXPECT_EQ(ruleIds(document), ruleIds(WorkspaceDocument(useCaseWorkspace())));

    // Del with Undo: the rule comes back in its place, selected.
    ASSERT_TRUE(editor.selectRule(QStringLiteral("vip")));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    EXPECT_EQ(ruleIds(document).indexOf(QStringLiteral("vip")), -1);
    ASSERT_FALSE(child<QWidget>(editor, "rulesUndoBar")->isHidden());
    QTest::mouseClick(child<QToolButton>(editor, "rulesUndo"), Qt::LeftButton);
    EXPECT_EQ(ruleIds(document).indexOf(QStringLiteral("vip")), 2);
    EXPECT_EQ(editor.selectedRuleId(), QStringLiteral("vip"));
    EXPECT_TRUE(child<QWidget>(editor, "rulesUndoBar")->isHidden());
    EXPECT_EQ(roundTrip(document).rules, useCaseWorkspace().rules);
}

TEST(RulesEditor, RefusesADuplicateIdInsteadOfSavingIt)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ASSERT_TRUE(editor.selectRule(QStringLiteral("crm")));
    auto *id = child<QLineEdit>(editor, "ruleId");
    replaceText(id, QStringLiteral("vip"));
    EXPECT_TRUE(child<QLabel>(editor, "ruleIdError")->isVisible());
    EXPECT_TRUE(child<QLabel>(editor, "ruleIdError")->text().contains(QStringLiteral("already has the id")));
    EXPECT_EQ(ruleIds(document).count(QStringLiteral("vip")), 1);
    EXPECT_EQ(ruleById(document, QStringLiteral("crm")).id, QStringLiteral("crm"));
    QTest::keyClick(id, Qt::Key_Return);
    EXPECT_EQ(id->text(), QStringLiteral("crm")) << "an id that cannot be saved is put back";
    EXPECT_TRUE(child<QLabel>(editor, "ruleIdError")->text().contains(QStringLiteral("keeps the id crm")));
    QTest::keyClicks(id, QStringLiteral("-2"));
    EXPECT_EQ(id->text(), QStringLiteral("crm-2"));
    replaceText(id, QStringLiteral("vip"));
    QTest::keyClicks(id, QStringLiteral("-2"));
    EXPECT_FALSE(child<QLabel>(editor, "ruleIdError")->isVisible());
    EXPECT_EQ(ruleById(document, QStringLiteral("crm")).id, QStringLiteral("crm")) << "saved when editing ends";
    QTest::keyClick(id, Qt::Key_Return);
    EXPECT_EQ(ruleById(document, QStringLiteral("vip-2")).action.templateId(), QStringLiteral("crm-welcome-back"));
    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);
}

TEST(RulesEditor, AddsABusinessHoursConditionWithATimeZone)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ASSERT_TRUE(editor.selectRule(QStringLiteral("german-region")));
    child<QAction>(editor, "addCondition_business_hours")->trigger();
    ASSERT_EQ(ruleById(document, QStringLiteral("german-region")).conditions.size(), 2);
    EXPECT_EQ(ruleById(document, QStringLiteral("german-region")).conditions.at(1).kind(),
              rules::Condition::Kind::BusinessHours);

    ui::BusinessHoursEditor *hours = editor.conditionEditor()->businessHoursEditor();
    ASSERT_TRUE(hours->isVisible());
    auto *zone = child<QComboBox>(*hours, "hoursZone");
    replaceText(zone->lineEdit(), QStringLiteral("Asia/Tokyo"));
    closePopups();
    // Mon-Fri are ticked by default; add Saturday and change the hours.
    clickCheckBox(child<QCheckBox>(*hours, "hoursDay0_sat"));
    replaceText(child<QLineEdit>(*hours, "hoursWindows0"), QStringLiteral("08:00-12:00, 13:00-18:00"));
    EXPECT_FALSE(editor.conditionEditor()->hasError()) << editor.conditionEditor()->errorText().toStdString();

    const QJsonObject saved = ruleById(document, QStringLiteral("german-region")).conditions.at(1).toJson();
    EXPECT_EQ(saved.value(QStringLiteral("zone")).toString(), QStringLiteral("Asia/Tokyo"));
    const QJsonArray spans = saved.value(QStringLiteral("hours")).toArray();
    ASSERT_EQ(spans.size(), 1);
    EXPECT_EQ(spans.at(0).toObject().value(QStringLiteral("days")).toArray().size(), 6);
    EXPECT_EQ(spans.at(0).toObject().value(QStringLiteral("windows")).toArray(),
              (QJsonArray {QStringLiteral("08:00-12:00"), QStringLiteral("13:00-18:00")}));
    EXPECT_TRUE(child<QListWidget>(editor, "ruleConditions")->item(1)->text().contains(QStringLiteral("Asia/Tokyo")));

    // Wednesday 2025-12-10 01:30 UTC is 10:30 in Tokyo: open, so this (not negated) condition matches.
    hours->setReferenceTime(QDateTime(QDate(2025, 12, 10), QTime(1, 30), QTimeZone::utc()));
    EXPECT_EQ(hours->isOpenAt(QDateTime(QDate(2025, 12, 10), QTime(1, 30), QTimeZone::utc())), true);
    EXPECT_TRUE(hours->hintText().contains(QStringLiteral("Wed 10:30 in Asia/Tokyo")))
        << hours->hintText().toStdString();
    EXPECT_TRUE(hours->hintText().contains(QStringLiteral("open, so this condition matches")));
    clickCheckBox(child<QCheckBox>(editor, "conditionNegate"));
    EXPECT_TRUE(hours->hintText().contains(QStringLiteral("does not match")));
    EXPECT_TRUE(ruleById(document, QStringLiteral("german-region")).conditions.at(1).isNegated());

    // An unknown zone or a bad window is shown and not saved.
    const rules::RuleSet before = document.workspace().rules;
    pasteText(zone->lineEdit(), QStringLiteral("Mars/Olympus_Mons"));
    EXPECT_TRUE(editor.conditionEditor()->hasError());
    EXPECT_TRUE(editor.conditionEditor()->errorText().contains(QStringLiteral("Unknown time zone")));
    EXPECT_EQ(document.workspace().rules, before);
    pasteText(zone->lineEdit(), QStringLiteral("Asia/Tokyo"));
    closePopups();
    EXPECT_FALSE(editor.conditionEditor()->hasError());
    pasteText(child<QLineEdit>(*hours, "hoursWindows0"), QStringLiteral("18:00-08:00"));
    EXPECT_TRUE(editor.conditionEditor()->errorText().contains(QStringLiteral("ends before it starts")));
    EXPECT_EQ(document.workspace().rules, before);

    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);
}

TEST(RulesEditor, ValidatesARegexLiveAndEditsAList)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ASSERT_TRUE(editor.selectRule(QStringLiteral("german-region")));
    auto *value = child<QLineEdit>(editor, "conditionValue");
    ASSERT_TRUE(value->isVisible());
    EXPECT_EQ(value->text(), QStringLiteral("^\\+(49|43|41)"));

    const rules::RuleSet before = document.workspace().rules;
    pasteText(value, QStringLiteral("^\\+(49|43"));
    EXPECT_TRUE(editor.conditionEditor()->errorText().contains(QStringLiteral("Not a valid regular expression")))
        << editor.conditionEditor()->errorText().toStdString();
    EXPECT_EQ(document.workspace().rules, before);
    QTest::keyClicks(value, QStringLiteral("|32)"));
    EXPECT_FALSE(editor.conditionEditor()->hasError());
    EXPECT_EQ(
        ruleById(document, QStringLiteral("german-region")).conditions.at(0).toJson().value(QStringLiteral("regex")),
        QStringLiteral("^\\+(49|43|32)"));

    // "is one of": a list of numbers, normalised as the contacts are. A regex is not carried into the list.
    auto *mode = child<QComboBox>(editor, "conditionMode");
    mode->setCurrentIndex(mode->findData(QStringLiteral("in")));
    EXPECT_TRUE(editor.conditionEditor()->errorText().contains(QStringLiteral("non-empty array")));
    auto *input = child<QLineEdit>(editor, "listInput");
    replaceText(input, QStringLiteral("+49 30 901820"));
    QTest::keyClick(input, Qt::Key_Return);
    replaceText(input, QStringLiteral("+43 1 234567"));
    QTest::keyClick(input, Qt::Key_Return);
    const QJsonObject saved = ruleById(document, QStringLiteral("german-region")).conditions.at(0).toJson();
    EXPECT_EQ(saved.value(QStringLiteral("in")).toArray(),
              (QJsonArray {QStringLiteral("+4930901820"), QStringLiteral("+431234567")}))
        << jsonText(saved).toStdString();
    EXPECT_TRUE(
        child<QListWidget>(editor, "ruleConditions")->item(0)->text().startsWith(QStringLiteral("caller is in")));

    // Back to one value: the list's first entry is carried over.
    mode->setCurrentIndex(mode->findData(QStringLiteral("prefix")));
    EXPECT_EQ(value->text(), QStringLiteral("+49 30 901820"));
    EXPECT_EQ(
        ruleById(document, QStringLiteral("german-region")).conditions.at(0).toJson().value(QStringLiteral("prefix")),
        QStringLiteral("+4930901820"));
    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);
}

TEST(RulesEditor, SetsABWeightsAndShowsTheShares)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ASSERT_TRUE(editor.selectRule(QStringLiteral("ab-greeting")));
    ui::ActionEditor *action = editor.actionEditor();
    ASSERT_TRUE(action->isSplit());
    ASSERT_EQ(action->armCount(), 2);
    EXPECT_EQ(action->shareText(0), QStringLiteral("50%"));

    replaceText(child<QSpinBox>(*action, "armWeight0"), QStringLiteral("70"));
    replaceText(child<QSpinBox>(*action, "armWeight1"), QStringLiteral("30"));
    EXPECT_EQ(action->shareText(0), QStringLiteral("70%"));
    EXPECT_EQ(action->shareText(1), QStringLiteral("30%"));
    const QList<rules::SplitArm> arms = ruleById(document, QStringLiteral("ab-greeting")).action.arms();
    ASSERT_EQ(arms.size(), 2);
    EXPECT_EQ(arms.at(0).weight, 70);
    EXPECT_EQ(arms.at(1).weight, 30);

    QTest::mouseClick(child<QPushButton>(*action, "actionAddArm"), Qt::LeftButton);
    EXPECT_EQ(ruleById(document, QStringLiteral("ab-greeting")).action.arms().size(), 3);
    EXPECT_EQ(action->shareText(2), QStringLiteral("33.3%"));

    // All weights 0: refused by the core, shown, not saved.
    for (const char *name : {"armWeight0", "armWeight1", "armWeight2"})
        replaceText(child<QSpinBox>(*action, name), QStringLiteral("0"));
    EXPECT_TRUE(action->errorText().contains(QStringLiteral("weight above 0"))) << action->errorText().toStdString();
    EXPECT_EQ(document.workspace().rules.rules().last().action.arms().at(2).weight, 50);

    // Back to one template: the first arm's.
    QTest::mouseClick(child<QRadioButton>(*action, "actionSingle"), Qt::LeftButton);
    EXPECT_FALSE(ruleById(document, QStringLiteral("ab-greeting")).action.isSplit());
    EXPECT_EQ(ruleById(document, QStringLiteral("ab-greeting")).action.templateId(),
              QStringLiteral("personalize-greeting"));
    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);
}

TEST(RulesEditor, ForwardsToTheDevelopersWebhookAndKeepsItThroughOtherEdits)
{
    workspace::Workspace workspace = useCaseWorkspace();
    QList<rules::Rule> rules = workspace.rules.rules();
    rules::ForwardTo relayed;
    relayed.url = QStringLiteral("http://127.0.0.1:3000/webhook");
    relayed.fallback = true;
    relayed.fallbackTemplateId = rules.constFirst().action.templateIds().value(0);
    rules.first().action = rules::RuleAction::forward(relayed);
    const QString forwardingRule = rules.constFirst().id;
    const QString otherRule = QStringLiteral("ab-greeting");
    workspace.rules = rules::RuleSet(rules);
    WorkspaceDocument document(workspace);
    RulesEditor editor(&document);
    showActive(editor);

    // A rule that forwards opens as one, and editing its name keeps the forward.
    ASSERT_TRUE(editor.selectRule(forwardingRule));
    ui::ActionEditor *action = editor.actionEditor();
    ASSERT_TRUE(action->isForward());
    auto *url = child<QLineEdit>(*action, "forwardUrl");
    ASSERT_NE(url, nullptr);
    EXPECT_TRUE(url->isVisible());
    EXPECT_EQ(url->text(), relayed.url);
    auto *late = child<QComboBox>(*action, "forwardLate");
    ASSERT_NE(late, nullptr);
    EXPECT_EQ(late->currentData().toString(), relayed.fallbackTemplateId);
    EXPECT_TRUE(late->currentText().startsWith(QStringLiteral("When late: answer with")))
        << late->currentText().toStdString();
    replaceText(child<QLineEdit>(editor, "ruleName"), QStringLiteral("Relay to my webhook"));
    EXPECT_EQ(ruleById(document, forwardingRule).name, QStringLiteral("Relay to my webhook"));
    ASSERT_TRUE(ruleById(document, forwardingRule).action.isForward());
    EXPECT_EQ(*ruleById(document, forwardingRule).action.forwardTo(), relayed);

    // Another rule switched to forwarding: an empty URL is refused and said, a URL is saved, faithful by default.
    ASSERT_TRUE(editor.selectRule(otherRule));
    EXPECT_FALSE(action->isForward());
    clickRadio(child<QRadioButton>(*action, "actionForward"));
    EXPECT_TRUE(url->isVisible());
    EXPECT_TRUE(action->errorText().contains(QStringLiteral("URL of your webhook")))
        << action->errorText().toStdString();
    EXPECT_TRUE(ruleById(document, otherRule).action.isSplit()) << "nothing is saved while the URL is missing";
    replaceText(url, QStringLiteral("ftp://example.com/"));
    EXPECT_TRUE(action->hasError());
    replaceText(url, QStringLiteral("https://hooks.example.com/voice"));
    EXPECT_FALSE(action->hasError()) << action->errorText().toStdString();
    ASSERT_TRUE(ruleById(document, otherRule).action.isForward());
    EXPECT_EQ(ruleById(document, otherRule).action.forwardTo()->url, QStringLiteral("https://hooks.example.com/voice"));
    EXPECT_FALSE(ruleById(document, otherRule).action.forwardTo()->fallback);

    EXPECT_EQ(late->currentIndex(), 0) << "faithful, for a rule that did not forward before";
    late->setFocus();
    QTest::keyClick(late, Qt::Key_Down); // the first template
    EXPECT_TRUE(ruleById(document, otherRule).action.forwardTo()->fallback);
    EXPECT_FALSE(ruleById(document, otherRule).action.forwardTo()->fallbackTemplateId.isEmpty());
    EXPECT_EQ(roundTrip(document).rules, document.workspace().rules);

    // Back to one template.
    QTest::mouseClick(child<QRadioButton>(*action, "actionSingle"), Qt::LeftButton);
    EXPECT_FALSE(url->isVisible());
    EXPECT_FALSE(ruleById(document, otherRule).action.isForward());
    EXPECT_FALSE(ruleById(document, otherRule).action.templateId().isEmpty());
}

TEST(RulesEditor, TestsANumberThroughTheCore)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ui::RuleTester *tester = editor.tester();

    editor.testNumber(QStringLiteral("+31 6 1234 5678"), QStringLiteral("status-update"));
    EXPECT_EQ(tester->evaluation().ruleId, QStringLiteral("vip"));
    EXPECT_EQ(tester->answeringTemplateId(), QStringLiteral("vip-premium"));
    EXPECT_TRUE(tester->resultText().contains(QStringLiteral("John Smith"))) << tester->resultText().toStdString();

    editor.testNumber(QStringLiteral("+4930901820"));
    EXPECT_EQ(tester->answeringTemplateId(), QStringLiteral("greeting-de"));

    editor.testNumber(QStringLiteral("+31201234567"));
    EXPECT_FALSE(tester->evaluation().matched);
    EXPECT_EQ(tester->answeringTemplateId(), QStringLiteral("default")) << "the fallback template";
    EXPECT_TRUE(tester->resultText().contains(QStringLiteral("fallback")));

    // Business hours: an assistant-request on a Sunday is outside the hours and rejected.
    tester->setEventType(QStringLiteral("assistant-request"));
    tester->setTime(QDateTime(QDate(2025, 12, 14), QTime(12, 0), QTimeZone::utc()));
    EXPECT_EQ(tester->evaluation().ruleId, QStringLiteral("closed"));
    EXPECT_EQ(tester->answeringTemplateId(), QStringLiteral("reject"));
    // Wednesday 10:00 in Amsterdam: open, so an unknown caller reaches the A/B split.
    tester->setTime(QDateTime(QDate(2025, 12, 10), QTime(9, 0), QTimeZone::utc()));
    EXPECT_EQ(tester->evaluation().ruleId, QStringLiteral("ab-greeting"));
    EXPECT_GE(tester->evaluation().arm, 0);

    // The tester follows edits: switch the closing rule off and test again.
    ASSERT_TRUE(editor.selectRule(QStringLiteral("closed")));
    clickCheckBox(child<QCheckBox>(editor, "ruleEnabled"));
    EXPECT_FALSE(ruleById(document, QStringLiteral("closed")).enabled);
    tester->setTime(QDateTime(QDate(2025, 12, 14), QTime(12, 0), QTimeZone::utc()));
    EXPECT_EQ(tester->evaluation().ruleId, QStringLiteral("ab-greeting"));
}

TEST(RulesEditor, FollowsChangesMadeElsewhere)
{
    WorkspaceDocument document(useCaseWorkspace());
    RulesEditor editor(&document);
    showActive(editor);
    ASSERT_TRUE(editor.selectRule(QStringLiteral("crm")));
    QList<rules::Rule> rules = document.workspace().rules.rules();
    rules.removeFirst();
    rules[3].name = QStringLiteral("Known callers");
    document.setRules(rules::RuleSet(rules));
    EXPECT_EQ(editor.model()->rowCount(), 6);
    EXPECT_EQ(editor.selectedRuleId(), QStringLiteral("crm")) << "the selection stays on the rule";
    EXPECT_EQ(child<QLineEdit>(editor, "ruleName")->text(), QStringLiteral("Known callers"));

    document.reset(workspace::Workspace(), QString());
    EXPECT_EQ(editor.model()->rowCount(), 0);
    EXPECT_FALSE(child<QAction>(editor, "addRuleAction")->isEnabled()) << "no template to answer with";
}
