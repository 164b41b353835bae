// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/searchtextrole.h"
#include "contacts/contact.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace dockside::ui {

// The workspace's contacts as an editable table. An edit is checked as the core checks a contact (the number
// normalised and E.164, no number twice); a refused edit emits editRefused with the reason and changes nothing.
// Accepted edits, appends and removals emit contactsEdited, for the editor to pass to the document.
class ContactTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactTableModel)

public:
    enum Columns { NumberColumn, NameColumn, CustomerSinceColumn, LanguageColumn, VipColumn, NotesColumn, NUM_COLUMNS };
    enum Roles { NumberRole = Qt::UserRole, SortRole, SearchTextRole = ui::SearchTextRole };

    explicit ContactTableModel(QObject *parent = nullptr);
    ~ContactTableModel() override;

    // Rows whose count is unchanged are updated in place, so the view keeps its selection.
    void setContacts(const QList<contacts::Contact> &contacts);
    const QList<contacts::Contact> &contacts() const { return m_contacts; }
    contacts::Contact contactAt(int row) const { return m_contacts.value(row); }
    // The row of a number in any spelling ("+31 6 1234 5678"), or -1.
    int rowOfNumber(const QString &number) const;
    // Checks the contact as setData does; false with the reason in error.
    bool appendContact(const contacts::Contact &contact, QString *error);
    // Why number cannot be the number of row (-1 for a new contact), or empty when it can.
    QString numberProblem(const QString &number, int row) const;
    // For the search: a query that is a number in any spelling ("(6) 1234-5") matches the numbers that contain it.
    static bool numberMatches(const QModelIndex &index, const QString &query);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void contactsEdited();
    void editRefused(const QString &reason);

private:
    QList<contacts::Contact> m_contacts;
};

} // namespace dockside::ui
