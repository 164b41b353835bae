// SPDX-License-Identifier: GPL-3.0-or-later

#include "contacts/contactexport.h"
#include "contacts/contactimport.h"
#include "contacts/contactimportdialog.h"
#include "contacts/contactseditor.h"
#include "contacts/contacttablemodel.h"
#include "qtprinters.h"
#include "workspace/workspace.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacewriter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::ContactImportSummary;
using dockside::ui::ContactsEditor;
using dockside::ui::ContactTableModel;
using dockside::ui::WorkspaceDocument;

namespace {

const QString kJohn = QStringLiteral("+31612345678");

std::optional<contacts::Contact> contactOf(const WorkspaceDocument &document, const QString &number)
{
    return document.workspace().contacts.find(number);
}

contacts::ContactBook roundTrip(const WorkspaceDocument &document)
{
    const workspace::WorkspaceLoad load =
        workspace::parseWorkspace(workspace::serializeWorkspace(document.workspace()));
    EXPECT_TRUE(load.errors.isEmpty()) << load.errors.value(0).message.toStdString();
    return load.workspace ? load.workspace->contacts : contacts::ContactBook();
}

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

QString writeFile(const QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return path;
}

ContactImportSummary importAndWait(ContactsEditor &editor, const QString &path, workspace::ContactMergeMode mode)
{
    QSignalSpy finished(&editor, &ContactsEditor::importFinished);
    editor.importFile(path, mode);
    EXPECT_TRUE(editor.isImporting()) << "the file is read off the GUI thread";
    EXPECT_TRUE(finished.wait(10000));
    return finished.value(0).value(0).value<ContactImportSummary>();
}

// Types into the cell's editor the way a user does: select the cell, F2, replace the text, Enter.
void editCell(QTableView *table, const QModelIndex &index, const QString &text)
{
    table->setFocus();
    table->setCurrentIndex(index);
    QTest::keyClick(table, Qt::Key_F2);
    QWidget *editor = QApplication::focusWidget();
    ASSERT_TRUE(qobject_cast<QLineEdit *>(editor));
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits from a queued call
}

QModelIndex cell(const QTableView *table, const QString &number, int column)
{
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ContactTableModel::NumberRole).toString() == number)
            return model->index(row, column);
    }
    return {};
}

} // namespace

TEST(ContactTableModel, PassesTheModelTesterThroughEditsAndResets)
{
    ContactTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QList<contacts::Contact> sample = workspace::builtinSampleWorkspace().contacts.contacts();
    model.setContacts(sample);
    ASSERT_EQ(model.rowCount(), 6);

    QSignalSpy refused(&model, &ContactTableModel::editRefused);
    QSignalSpy edited(&model, &ContactTableModel::contactsEdited);
    EXPECT_TRUE(model.setData(model.index(1, ContactTableModel::NumberColumn), QStringLiteral("+31 6 8765 0000")));
    EXPECT_EQ(model.contactAt(1).number, QStringLiteral("+31687650000")) << "normalised as the core does";
    EXPECT_FALSE(model.setData(model.index(1, ContactTableModel::NumberColumn), QStringLiteral("06 1234")));
    EXPECT_FALSE(model.setData(model.index(1, ContactTableModel::NumberColumn), QStringLiteral("+31 6 1234 5678")));
    ASSERT_EQ(refused.count(), 2);
    EXPECT_TRUE(refused.at(1).at(0).toString().contains(QStringLiteral("John Smith"))) << "names the other contact";
    EXPECT_TRUE(model.setData(model.index(1, ContactTableModel::VipColumn), Qt::Checked, Qt::CheckStateRole));
    EXPECT_TRUE(model.contactAt(1).vip);
    QString error;
    EXPECT_FALSE(model.appendContact({kJohn, {}, {}, {}, {}, false}, &error));
    EXPECT_TRUE(model.appendContact({QStringLiteral("+49 30 901820"), {}, {}, {}, {}, false}, &error));
    EXPECT_TRUE(model.removeRows(0, 2));
    EXPECT_EQ(edited.count(), 4);

    model.setContacts(sample);
    model.setContacts({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(ContactsEditor, EditsCellsAndRefusesBadNumbersWithAMessage)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    showActive(editor);
    auto *table = child<QTableView>(editor, "contactsTable");

    editCell(table, cell(table, kJohn, ContactTableModel::NotesColumn), QStringLiteral("Call after 10:00."));
    EXPECT_EQ(contactOf(document, kJohn)->notes, QStringLiteral("Call after 10:00."));
    EXPECT_TRUE(document.isModified());

    editCell(table, cell(table, QStringLiteral("+31687654321"), ContactTableModel::NumberColumn),
             QStringLiteral("+31 6 1234 5678"));
    EXPECT_TRUE(editor.messageText().contains(QStringLiteral("already the number of John Smith")))
        << editor.messageText().toStdString();
    EXPECT_TRUE(contactOf(document, QStringLiteral("+31687654321"))) << "the refused edit changed nothing";

    editCell(table, cell(table, QStringLiteral("+31687654321"), ContactTableModel::NumberColumn),
             QStringLiteral("020 123 4567"));
    EXPECT_TRUE(editor.messageText().contains(QStringLiteral("not an E.164 phone number")));
    editCell(table, cell(table, QStringLiteral("+31687654321"), ContactTableModel::NumberColumn),
             QStringLiteral("+31 (6) 8765-0000"));
    EXPECT_TRUE(contactOf(document, QStringLiteral("+31687650000")));
    EXPECT_FALSE(child<QLabel>(editor, "contactsMessage")->isVisible()) << "a good edit clears the message";

    // The VIP column is a checkbox: Space toggles it.
    table->setCurrentIndex(cell(table, QStringLiteral("+441632960123"), ContactTableModel::VipColumn));
    QTest::keyClick(table, Qt::Key_Space);
    EXPECT_TRUE(contactOf(document, QStringLiteral("+441632960123"))->vip);
    EXPECT_EQ(roundTrip(document), document.workspace().contacts);
}

TEST(ContactsEditor, AddsByNumberAndDeletesWithUndo)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    showActive(editor);
    auto *table = child<QTableView>(editor, "contactsTable");
    auto *number = child<QLineEdit>(editor, "contactsNewNumber");

    number->setFocus();
    QTest::keyClicks(number, QStringLiteral("12345"));
    QTest::keyClick(number, Qt::Key_Return);
    EXPECT_TRUE(editor.messageText().contains(QStringLiteral("not an E.164")));
    EXPECT_EQ(document.workspace().contacts.size(), 6);
    QTest::keyClick(number, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(number, QStringLiteral("+49 30 901820"));
    QTest::keyClick(number, Qt::Key_Return);
    ASSERT_EQ(document.workspace().contacts.size(), 7);
    EXPECT_EQ(document.workspace().contacts.contacts().last().number, QStringLiteral("+4930901820"));
    // The new row's name is open for typing.
    QWidget *nameEditor = QApplication::focusWidget();
    ASSERT_TRUE(qobject_cast<QLineEdit *>(nameEditor));
    QTest::keyClicks(nameEditor, QStringLiteral("Lena Vogel"));
    QTest::keyClick(nameEditor, Qt::Key_Return);
    QCoreApplication::processEvents();
    EXPECT_EQ(contactOf(document, QStringLiteral("+4930901820"))->name, QStringLiteral("Lena Vogel"));
    EXPECT_FALSE(editor.addContact(QStringLiteral("+49 30 90 18 20")));
    EXPECT_EQ(document.workspace().contacts.size(), 7);

    table->setFocus();
    table->selectionModel()->select(QItemSelection(cell(table, kJohn, 0), cell(table, kJohn, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->selectionModel()->select(
        QItemSelection(cell(table, QStringLiteral("+4930901820"), 0), cell(table, QStringLiteral("+4930901820"), 0)),
        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTest::keyClick(table, Qt::Key_Delete);
    EXPECT_EQ(document.workspace().contacts.size(), 5);
    EXPECT_FALSE(contactOf(document, kJohn));
    ASSERT_TRUE(child<QWidget>(editor, "contactsUndoBar")->isVisible());
    QTest::mouseClick(child<QPushButton>(editor, "contactsUndo"), Qt::LeftButton);
    EXPECT_EQ(document.workspace().contacts.size(), 7);
    EXPECT_EQ(document.workspace().contacts.contacts().first().number, kJohn) << "back in its place";
}

TEST(ContactsEditor, ImportsACsvWithABadLineAndShowsTheLines)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, "crm.csv",
                                   "number,name,notes,vip\n"
                                   "+31 6 1234 5678,John Smith,Moved to Utrecht.,yes\n"
                                   "+31 6 5555 0101,Eva Jansen,,no\n"
                                   "+31 6 5555 0102,Bad VIP,,maybe\n"
                                   "0612345678,Local format,,no\n");
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    showActive(editor);

    const ContactImportSummary summary = importAndWait(editor, path, workspace::ContactMergeMode::Add);
    EXPECT_TRUE(summary.applied);
    EXPECT_EQ(summary.read, 2);
    EXPECT_EQ(summary.merge.added, 1);
    EXPECT_EQ(summary.merge.updated, 1);
    ASSERT_EQ(summary.problems.size(), 2);
    EXPECT_EQ(summary.problems.at(0).line, 4);
    EXPECT_EQ(summary.problems.at(1).line, 5);
    EXPECT_EQ(document.workspace().contacts.size(), 7);
    EXPECT_EQ(contactOf(document, kJohn)->notes, QStringLiteral("Moved to Utrecht."));
    EXPECT_EQ(contactOf(document, kJohn)->name, QStringLiteral("John Smith"));
    EXPECT_TRUE(contactOf(document, QStringLiteral("+31655550101")));

    ui::ContactImportDialog *dialog = editor.lastImportDialog();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->problemCount(), 2);
    EXPECT_TRUE(dialog->summaryText().contains(QStringLiteral("1 added, 1 updated")))
        << dialog->summaryText().toStdString();
    dialog->close();
    EXPECT_EQ(roundTrip(document), document.workspace().contacts);
}

TEST(ContactsEditor, ABadFileLosesNoContacts)
{
    QTemporaryDir dir;
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    editor.setImportDialogsEnabled(false);
    const contacts::ContactBook before = document.workspace().contacts;

    ContactImportSummary summary = importAndWait(editor, writeFile(dir, "names.csv", "name,notes\nJohn,hi\n"),
                                                 workspace::ContactMergeMode::Replace);
    EXPECT_FALSE(summary.applied);
    EXPECT_TRUE(summary.problems.first().message.contains(QStringLiteral("no \"number\" column")));
    EXPECT_EQ(document.workspace().contacts, before);

    summary = importAndWait(editor, dir.filePath(QStringLiteral("missing.csv")), workspace::ContactMergeMode::Add);
    EXPECT_FALSE(summary.applied);
    EXPECT_TRUE(summary.problems.first().message.contains(QStringLiteral("Cannot read")));

    // Replace with any bad row is refused: it would drop every contact the file could not give back.
    summary = importAndWait(editor, writeFile(dir, "half.csv", "number,vip\n+31655550101,no\n+31655550102,maybe\n"),
                            workspace::ContactMergeMode::Replace);
    EXPECT_FALSE(summary.applied);
    EXPECT_TRUE(editor.messageText().contains(QStringLiteral("Nothing was replaced")));
    EXPECT_EQ(document.workspace().contacts, before);
    EXPECT_FALSE(document.isModified());

    summary = importAndWait(editor, writeFile(dir, "only.csv", "number\n+31655550101\n"),
                            workspace::ContactMergeMode::Replace);
    EXPECT_TRUE(summary.applied);
    EXPECT_EQ(summary.merge.removed, 6);
    EXPECT_EQ(document.workspace().contacts.size(), 1);
}

TEST(ContactsEditor, ImportsJsonWithLineNumbersAndExportsBoth)
{
    QTemporaryDir dir;
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    editor.setImportDialogsEnabled(false);
    const ContactImportSummary summary =
        importAndWait(editor,
                      writeFile(dir, "crm.json",
                                "[\n  {\"number\": \"+31655550101\", \"name\": \"Eva\"},\n"
                                "  {\"number\": \"+31655550102\", \"vip\": \"maybe\"}\n]\n"),
                      workspace::ContactMergeMode::Add);
    EXPECT_TRUE(summary.applied);
    ASSERT_EQ(summary.problems.size(), 1);
    EXPECT_EQ(summary.problems.first().path, QStringLiteral("$[1].vip"));
    EXPECT_EQ(summary.problems.first().line, 3);

    for (const char *name : {"out.csv", "out.json"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QString error;
        ASSERT_TRUE(editor.exportFile(path, &error)) << error.toStdString();
        const contacts::ContactImport back = contacts::importContactsFile(path);
        EXPECT_TRUE(back.problems.isEmpty()) << name;
        EXPECT_EQ(back.book, document.workspace().contacts) << name;
    }
    QString error;
    EXPECT_FALSE(editor.exportFile(dir.filePath(QStringLiteral("no/such/dir/out.csv")), &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST(ContactsEditor, FollowsChangesMadeElsewhere)
{
    WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ContactsEditor editor(&document);
    contacts::ContactBook book;
    book.add({QStringLiteral("+31655550101"), QStringLiteral("Eva"), {}, {}, {}, true});
    document.setContacts(book);
    EXPECT_EQ(editor.model()->rowCount(), 1);
    EXPECT_TRUE(child<QLabel>(editor, "contactsCount")->text().startsWith(QStringLiteral("1 contact, 1 VIP")));
    document.reset(workspace::builtinSampleWorkspace(), QString());
    EXPECT_EQ(editor.model()->rowCount(), 6);
    EXPECT_TRUE(editor.selectContact(QStringLiteral("+32 470 123 456")));
}
