// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactseditor.h"

#include "contactimportdialog.h"
#include "contacttablemodel.h"

#include "common/background.h"
#include "common/searchfiltermodel.h"
#include "rules/inlinemessage.h"
#include "workspace/workspacedocument.h"

#include "base/atomicfile.h"
#include "base/jsonlocator.h"
#include "contacts/contactexport.h"
#include "contacts/contactimport.h"
#include "workspace/workspacewriter.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace dockside::ui {

namespace {

struct ImportRead {
    contacts::ContactImport import;
};

// Runs on a worker thread: touches nothing but the file and its own result.
ImportRead readImportFile(const QString &fileName)
{
    ImportRead read;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        read.import.problems.append(
            {QString(), 0, 0,
             ContactsEditor::tr("Cannot read %1: %2.").arg(QDir::toNativeSeparators(fileName), file.errorString())});
        return read;
    }
    const QByteArray data = file.readAll();
    if (QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0) {
        read.import = contacts::importContactsJson(data);
        base::locateLoadErrors(data, read.import.problems);
    } else {
        read.import = contacts::importContactsCsv(data);
    }
    return read;
}

// English plurals without a translation file: "1 contact", "2 contacts".
QString count(qsizetype n, const char *one, const char *many)
{
    return QString::number(n) + QLatin1Char(' ') + QString::fromLatin1(n == 1 ? one : many);
}

contacts::ContactBook bookOf(const QList<contacts::Contact> &list)
{
    contacts::ContactBook book;
    for (const contacts::Contact &contact : list)
        book.add(contact);
    return book;
}

} // namespace

ContactsEditor::ContactsEditor(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ContactTableModel(this))
    , m_filter(new SearchFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_newNumber(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_import(new QToolButton(this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_message(new InlineMessage(this))
    , m_undoBar(new QWidget(this))
    , m_undoText(new QLabel(m_undoBar))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("contactsEditor"));
    m_search->setObjectName(QStringLiteral("contactsSearch"));
    m_search->setAccessibleName(tr("Search contacts"));
    m_newNumber->setObjectName(QStringLiteral("contactsNewNumber"));
    m_newNumber->setAccessibleName(tr("New contact number"));
    m_add->setObjectName(QStringLiteral("contactsAdd"));
    m_import->setObjectName(QStringLiteral("contactsImport"));
    m_export->setObjectName(QStringLiteral("contactsExport"));
    m_message->setObjectName(QStringLiteral("contactsMessage"));
    m_undoBar->setObjectName(QStringLiteral("contactsUndoBar"));
    m_table->setObjectName(QStringLiteral("contactsTable"));
    m_table->setAccessibleName(tr("Contacts"));
    m_count->setObjectName(QStringLiteral("contactsCount"));
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(ContactTableModel::SortRole);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortLocaleAware(true);
    m_filter->setAlsoAccept(&ContactTableModel::numberMatches);

    m_search->setPlaceholderText(tr("Search number, name, notes, language"));
    installSearch(m_search, m_filter);
    m_newNumber->setPlaceholderText(tr("New contact's number, e.g. +31 6 1234 5678"));
    m_newNumber->setToolTip(tr("Type the number of a new contact and press Enter or Add"));
    m_add->setToolTip(tr("Add a contact with the typed number"));
    m_import->setText(tr("Import…"));
    m_import->setToolTip(tr("Import contacts from a CSV file with a header row, or a JSON array"));
    m_import->setPopupMode(QToolButton::MenuButtonPopup);
    m_import->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *importMenu = new QMenu(m_import);
    QAction *importAdd = importMenu->addAction(tr("Add or update from a file…"));
    importAdd->setObjectName(QStringLiteral("contactsImportAdd"));
    importAdd->setStatusTip(tr("Known numbers are updated from the file, new ones appended"));
    QAction *importReplace = importMenu->addAction(tr("Replace all with a file…"));
    importReplace->setObjectName(QStringLiteral("contactsImportReplace"));
    importReplace->setStatusTip(tr("The file's contacts become the only ones"));
    m_import->setMenu(importMenu);
    m_export->setToolTip(tr("Save the contacts as CSV or JSON"));

    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    header->resizeSection(ContactTableModel::NumberColumn, x * 18);
    header->resizeSection(ContactTableModel::NameColumn, x * 20);
    header->resizeSection(ContactTableModel::CustomerSinceColumn,
                          fontMetrics().horizontalAdvance(tr("Customer since")) + x * 4);
    header->resizeSection(ContactTableModel::LanguageColumn, fontMetrics().horizontalAdvance(tr("Language")) + x * 4);
    header->setSectionResizeMode(ContactTableModel::VipColumn, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    // No sort until the user clicks a header: the book's order is the order contacts were added.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);

    m_deleteAction = new QAction(tr("Delete"), m_table);
    m_deleteAction->setObjectName(QStringLiteral("contactsDeleteAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setToolTip(tr("Delete the selected contacts (Del)"));
    m_deleteAction->setStatusTip(tr("Delete the selected contacts"));
    m_table->addAction(m_deleteAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *deleteButton = new QToolButton(this);
    deleteButton->setObjectName(QStringLiteral("contactsDelete"));
    deleteButton->setDefaultAction(m_deleteAction);
    deleteButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *undo = new QPushButton(tr("Undo"), m_undoBar);
    undo->setObjectName(QStringLiteral("contactsUndo"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    undoLayout->addWidget(m_undoText, 1);
    undoLayout->addWidget(undo);
    m_undoBar->hide();

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_search, 3);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_newNumber, 2);
    toolbar->addWidget(m_add);
    toolbar->addWidget(deleteButton);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_import);
    toolbar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_undoBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_filter, &SearchFilterModel::queryChanged, this, &ContactsEditor::updateCount);
    connect(m_newNumber, &QLineEdit::returnPressed, this, [this] { addContact(m_newNumber->text()); });
    connect(m_add, &QPushButton::clicked, this, [this] { addContact(m_newNumber->text()); });
    connect(m_newNumber, &QLineEdit::textChanged, this, &ContactsEditor::updateActions);
    connect(m_deleteAction, &QAction::triggered, this, &ContactsEditor::deleteSelected);
    connect(undo, &QPushButton::clicked, this, &ContactsEditor::undoDelete);
    connect(m_import, &QToolButton::clicked, this, [this] { chooseImportFile(workspace::ContactMergeMode::Add); });
    connect(importAdd, &QAction::triggered, this, [this] { chooseImportFile(workspace::ContactMergeMode::Add); });
    connect(importReplace, &QAction::triggered, this,
            [this] { chooseImportFile(workspace::ContactMergeMode::Replace); });
    connect(m_export, &QPushButton::clicked, this, &ContactsEditor::chooseExportFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ContactsEditor::updateActions);

    connect(m_model, &ContactTableModel::contactsEdited, this, [this] {
        m_message->clearMessage();
        commit(m_model->contacts());
    });
    connect(m_model, &ContactTableModel::editRefused, m_message, &InlineMessage::showError);
    connect(m_document, &WorkspaceDocument::contactsChanged, this, &ContactsEditor::refreshFromDocument);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &ContactsEditor::refreshFromDocument);

    m_model->setContacts(m_document->workspace().contacts.contacts());
    updateActions();
    updateCount();
}

ContactsEditor::~ContactsEditor() = default;

ContactImportDialog *ContactsEditor::lastImportDialog() const
{
    return m_lastDialog.data();
}

QString ContactsEditor::messageText() const
{
    return m_message->text();
}

void ContactsEditor::commit(const QList<contacts::Contact> &contacts)
{
    const QScopedValueRollback guard(m_committing, true);
    m_document->setContacts(bookOf(contacts));
}

void ContactsEditor::refreshFromDocument()
{
    m_model->setContacts(m_document->workspace().contacts.contacts());
    if (!m_undoBar->isHidden() && m_document->workspace().contacts.contacts() != m_afterDelete)
        m_undoBar->hide();
    updateActions();
    updateCount();
}

void ContactsEditor::updateActions()
{
    m_deleteAction->setEnabled(m_table->selectionModel()->hasSelection());
    m_add->setEnabled(!m_newNumber->text().trimmed().isEmpty());
    m_import->setEnabled(!m_importing);
}

void ContactsEditor::updateCount()
{
    const QList<contacts::Contact> &all = m_model->contacts();
    const auto vips = std::count_if(all.cbegin(), all.cend(), [](const contacts::Contact &c) { return c.vip; });
    QString text = tr("%1, %2 VIP").arg(count(all.size(), "contact", "contacts")).arg(vips);
    if (m_filter->rowCount() != m_model->rowCount())
        text += tr("; %1 shown").arg(m_filter->rowCount());
    m_count->setText(text);
}

bool ContactsEditor::addContact(const QString &number, QString *error)
{
    contacts::Contact contact;
    contact.number = number.trimmed();
    QString problem;
    if (!m_model->appendContact(contact, &problem)) {
        m_message->showError(tr("Not added: %1").arg(problem));
        if (error)
            *error = problem;
        return false;
    }
    m_message->clearMessage();
    m_newNumber->clear();
    m_search->clear();
    const QModelIndex name =
        m_filter->mapFromSource(m_model->index(m_model->rowCount() - 1, ContactTableModel::NameColumn));
    m_table->selectionModel()->setCurrentIndex(name, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(name);
    m_table->setFocus();
    m_table->edit(name);
    return true;
}

bool ContactsEditor::selectContact(const QString &number)
{
    const int row = m_model->rowOfNumber(number);
    if (row < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, ContactTableModel::NumberColumn));
    if (!index.isValid()) {
        m_search->clear();
        index = m_filter->mapFromSource(m_model->index(row, ContactTableModel::NumberColumn));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void ContactsEditor::deleteSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_filter->mapToSource(index).row());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    m_beforeDelete = m_model->contacts();
    QList<contacts::Contact> remaining = m_beforeDelete;
    for (const int row : std::as_const(rows))
        remaining.removeAt(row);
    m_afterDelete = remaining;
    const contacts::Contact first = m_beforeDelete.at(rows.constLast());
    commit(remaining);
    m_undoText->setText(
        rows.size() == 1
            ? tr("Deleted %1.").arg(first.name.isEmpty() ? first.number : tr("%1 (%2)").arg(first.name, first.number))
            : tr("Deleted %1 contacts.").arg(rows.size()));
    m_undoBar->show();
}

void ContactsEditor::undoDelete()
{
    m_undoBar->hide();
    if (m_document->workspace().contacts.contacts() != m_afterDelete)
        return; // something else changed the contacts since: restoring the old list would undo that too
    commit(m_beforeDelete);
}

void ContactsEditor::chooseImportFile(workspace::ContactMergeMode mode)
{
    const QString fileName = QFileDialog::getOpenFileName(
        this,
        mode == workspace::ContactMergeMode::Replace ? tr("Replace the contacts with a file") : tr("Import contacts"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Contacts (*.csv *.json);;CSV with a header row (*.csv);;JSON array (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        importFile(fileName, mode);
}

void ContactsEditor::importFile(const QString &fileName, workspace::ContactMergeMode mode)
{
    if (m_importing)
        return;
    m_importing = true;
    updateActions();
    m_message->showHint(tr("Reading %1…").arg(QFileInfo(fileName).fileName()));
    // A big export from a CRM must not freeze the window: the file is read and parsed off the GUI thread.
    runInBackground(
        this, [fileName] { return readImportFile(fileName); },
        [this, fileName, mode](const ImportRead &result) {
            m_importing = false;
            ContactImportSummary summary;
            summary.fileName = fileName;
            summary.mode = mode;
            summary.read = static_cast<int>(result.import.book.size());
            summary.problems = result.import.problems;
            applyImport(summary, result.import.book);
        });
}

void ContactsEditor::applyImport(ContactImportSummary summary, const contacts::ContactBook &book)
{
    const QString file = QFileInfo(summary.fileName).fileName();
    const qsizetype problems = summary.problems.size();
    if (book.isEmpty()) {
        summary.message = tr("%1 holds no contacts that could be imported, so the contacts are unchanged.").arg(file);
        if (problems > 0)
            summary.message += tr(" The problems:");
        m_message->showError(summary.message);
    } else if (summary.mode == workspace::ContactMergeMode::Replace && problems > 0) {
        summary.message = tr("Nothing was replaced: %1 in %2. Fix them and import again, or use \"Add or update\" to "
                             "take only the good rows.")
                              .arg(count(problems, "problem", "problems"), file);
        m_message->showError(summary.message);
    } else {
        workspace::Workspace merged = m_document->workspace();
        summary.merge = workspace::mergeContacts(merged, book, summary.mode);
        summary.applied = true;
        commit(merged.contacts.contacts());
        QString done = tr("Read %1 from %2: %3 added, %4 updated, %5 unchanged")
                           .arg(count(summary.read, "contact", "contacts"), file)
                           .arg(summary.merge.added)
                           .arg(summary.merge.updated)
                           .arg(summary.merge.unchanged);
        if (summary.mode == workspace::ContactMergeMode::Replace)
            done += tr(", %1 removed").arg(summary.merge.removed);
        done += QLatin1Char('.');
        summary.message = done;
        if (problems > 0) {
            summary.message += tr(" Left out because of a problem:");
            m_message->showWarning(
                done +
                tr(" %1 in the file: those rows were left out (the import summary lists them by line).")
                    .arg(count(problems, "problem", "problems")));
        } else {
            m_message->showHint(done);
        }
    }
    updateActions();
    updateCount();
    if (m_importDialogs) {
        auto *dialog = new ContactImportDialog(summary, this);
        m_lastDialog = dialog;
        dialog->open();
    }
    Q_EMIT importFinished(summary);
}

void ContactsEditor::chooseExportFile()
{
    QString filter;
    const QString csv = tr("CSV with a header row (*.csv)");
    const QString json = tr("JSON array (*.json)");
    QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export contacts"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/contacts.csv"),
        csv + QStringLiteral(";;") + json, &filter);
    if (fileName.isEmpty())
        return;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += filter == json ? QStringLiteral(".json") : QStringLiteral(".csv");
    QString error;
    if (!exportFile(fileName, &error))
        m_message->showError(tr("Not exported: %1").arg(error));
}

bool ContactsEditor::exportFile(const QString &fileName, QString *error)
{
    const contacts::ContactBook &book = m_document->workspace().contacts;
    if (!base::writeFileAtomically(fileName, contacts::exportContacts(book, fileName), error,
                                   base::FileAccess::OwnerOnly))
        return false;
    m_message->showHint(
        tr("Exported %1 to %2.").arg(count(book.size(), "contact", "contacts"), QDir::toNativeSeparators(fileName)));
    return true;
}

} // namespace dockside::ui
