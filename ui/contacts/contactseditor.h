// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contactimportsummary.h"

#include "contacts/contact.h"
#include "workspace/contactmerge.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace dockside::ui {

class SearchFilterModel;
class ContactImportDialog;
class ContactTableModel;
class InlineMessage;
class WorkspaceDocument;

// The workspace's contacts (the mock CRM) as an editable table with a search field: number, name, customer
// since, language, VIP and notes. An edit the core would refuse (not E.164, a number twice) is not saved and
// the reason is shown above the table. Add by number, delete with Del (with Undo), import CSV or JSON through
// the core's importer and contact merge on a worker thread (a summary dialog lists what changed and every bad
// line; a file with no good rows changes nothing), export CSV or JSON. Changes go through setContacts.
class ContactsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactsEditor)

public:
    explicit ContactsEditor(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~ContactsEditor() override;

    // Appends a contact with this number (any spelling) and selects its name for typing; false with the
    // reason shown (and in error) when the number is not E.164 or already there.
    bool addContact(const QString &number, QString *error = nullptr);
    // Deletes the selected rows; Undo brings them back while nothing else changed the contacts.
    void deleteSelected();
    void undoDelete();
    // Reads the file on a worker thread, then merges: Add updates known numbers and appends new ones, Replace
    // makes the file's contacts the only ones (refused when any row has a problem). importFinished reports it
    // and, unless switched off, a summary dialog shows it.
    void importFile(const QString &fileName, workspace::ContactMergeMode mode = workspace::ContactMergeMode::Add);
    bool isImporting() const { return m_importing; }
    // CSV unless the name ends in .json; written atomically.
    bool exportFile(const QString &fileName, QString *error);
    // Selects a contact by number (e.g. the caller of an exchange); false when there is none.
    bool selectContact(const QString &number);

    void setImportDialogsEnabled(bool enabled) { m_importDialogs = enabled; }
    // The summary of the last import while it is open, else nullptr.
    ContactImportDialog *lastImportDialog() const;
    ContactTableModel *model() const { return m_model; }
    SearchFilterModel *filterModel() const { return m_filter; }
    QLineEdit *searchField() const { return m_search; }
    QString messageText() const;

Q_SIGNALS:
    void importFinished(const dockside::ui::ContactImportSummary &summary);

private:
    void chooseImportFile(workspace::ContactMergeMode mode);
    void chooseExportFile();
    void applyImport(ContactImportSummary summary, const contacts::ContactBook &book);
    void commit(const QList<contacts::Contact> &contacts);
    void refreshFromDocument();
    void updateActions();
    void updateCount();

    WorkspaceDocument *m_document = nullptr;
    ContactTableModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QLineEdit *m_newNumber = nullptr;
    QPushButton *m_add = nullptr;
    QAction *m_deleteAction = nullptr;
    QToolButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    InlineMessage *m_message = nullptr;
    QWidget *m_undoBar = nullptr;
    QLabel *m_undoText = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QPointer<ContactImportDialog> m_lastDialog;
    QList<contacts::Contact> m_beforeDelete;
    QList<contacts::Contact> m_afterDelete;
    bool m_committing = false;
    bool m_importing = false;
    bool m_importDialogs = true;
};

} // namespace dockside::ui
