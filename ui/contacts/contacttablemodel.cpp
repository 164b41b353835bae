// SPDX-License-Identifier: GPL-3.0-or-later

#include "contacttablemodel.h"

#include "contacts/phonenumber.h"
#include "workspace/workspace.h"

#include <algorithm>

namespace dockside::ui {

ContactTableModel::ContactTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ContactTableModel::~ContactTableModel() = default;

void ContactTableModel::setContacts(const QList<contacts::Contact> &contacts)
{
    if (contacts == m_contacts)
        return;
    if (contacts.size() != m_contacts.size()) {
        beginResetModel();
        m_contacts = contacts;
        endResetModel();
        return;
    }
    for (qsizetype row = 0; row < contacts.size(); ++row) {
        if (m_contacts.at(row) == contacts.at(row))
            continue;
        m_contacts[row] = contacts.at(row);
        const int r = static_cast<int>(row);
        Q_EMIT dataChanged(index(r, 0), index(r, NUM_COLUMNS - 1));
    }
}

int ContactTableModel::rowOfNumber(const QString &number) const
{
    const QString normalized = contacts::normalizePhoneNumber(number);
    for (qsizetype row = 0; row < m_contacts.size(); ++row) {
        if (m_contacts.at(row).number == normalized)
            return static_cast<int>(row);
    }
    return -1;
}

QString ContactTableModel::numberProblem(const QString &number, int row) const
{
    const QString normalized = contacts::normalizePhoneNumber(number);
    if (!contacts::isE164(normalized))
        return tr("\"%1\" is not an E.164 phone number: a + and the country code, 2 to 15 digits in all, such as "
                  "+31612345678 (spaces, dashes and parentheses may stay).")
            .arg(number.trimmed());
    const int other = rowOfNumber(normalized);
    if (other >= 0 && other != row) {
        const QString name = m_contacts.at(other).name;
        return name.isEmpty() ? tr("%1 is already in the contacts (row %2).").arg(normalized).arg(other + 1)
                              : tr("%1 is already the number of %2 (row %3).").arg(normalized, name).arg(other + 1);
    }
    return {};
}

bool ContactTableModel::appendContact(const contacts::Contact &contact, QString *error)
{
    const QString problem = numberProblem(contact.number, -1);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    contacts::Contact added = contact;
    added.number = contacts::normalizePhoneNumber(contact.number);
    const int row = rowCount();
    beginInsertRows(QModelIndex(), row, row);
    m_contacts.append(added);
    endInsertRows();
    Q_EMIT contactsEdited();
    return true;
}

bool ContactTableModel::numberMatches(const QModelIndex &index, const QString &query)
{
    const QString compact = contacts::normalizePhoneNumber(query);
    // Only text that looks like a number is also tried without its spaces, dashes and parentheses.
    const bool numberLike = !compact.isEmpty() && std::all_of(compact.cbegin(), compact.cend(), [](QChar character) {
        return character.isDigit() || character == QLatin1Char('+');
    });
    return numberLike && index.siblingAtColumn(NumberColumn).data(NumberRole).toString().contains(compact);
}

int ContactTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_contacts.size());
}

int ContactTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant ContactTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const contacts::Contact &contact = m_contacts.at(index.row());
    if (role == NumberRole)
        return contact.number;
    if (role == SearchTextRole)
        return QStringList {contact.number,   contact.name,  contact.customerSince,
                            contact.language, contact.notes, contact.vip ? QStringLiteral("vip") : QString()}
            .join(QLatin1Char('\n'));
    if (index.column() == VipColumn) {
        if (role == Qt::CheckStateRole)
            return contact.vip ? Qt::Checked : Qt::Unchecked;
        if (role == SortRole)
            return contact.vip;
        if (role == Qt::ToolTipRole)
            return contact.vip ? tr("VIP: rules can give VIP callers their own answer") : tr("Not a VIP");
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NumberColumn:
        return contact.number;
    case NameColumn:
        return contact.name;
    case CustomerSinceColumn:
        return contact.customerSince;
    case LanguageColumn:
        return contact.language;
    case NotesColumn:
        return role == Qt::DisplayRole ? QString(contact.notes).replace(QLatin1Char('\n'), QLatin1Char(' '))
                                       : contact.notes;
    default:
        return {};
    }
}

QVariant ContactTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NumberColumn:
            return tr("The caller's number in E.164 (+ and the country code); unique");
        case CustomerSinceColumn:
            return tr("Free text, usually a year; templates read it as {{contact.customer_since}}");
        case LanguageColumn:
            return tr("A language code such as en, nl or de; rules can pick a greeting by it");
        case VipColumn:
            return tr("Rules can give VIP callers their own answer");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case NameColumn:
        return tr("Name");
    case CustomerSinceColumn:
        return tr("Customer since");
    case LanguageColumn:
        return tr("Language");
    case VipColumn:
        return tr("VIP");
    case NotesColumn:
        return tr("Notes");
    default:
        return {};
    }
}

Qt::ItemFlags ContactTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == VipColumn ? flags | Qt::ItemIsUserCheckable : flags | Qt::ItemIsEditable;
}

bool ContactTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    contacts::Contact contact = m_contacts.at(index.row());
    const QString text = value.toString();
    if (index.column() == VipColumn) {
        if (role != Qt::CheckStateRole)
            return false;
        contact.vip = value.value<Qt::CheckState>() == Qt::Checked;
    } else {
        if (role != Qt::EditRole)
            return false;
        switch (index.column()) {
        case NumberColumn: {
            const QString problem = numberProblem(text, index.row());
            if (!problem.isEmpty()) {
                Q_EMIT editRefused(tr("Not saved: %1").arg(problem));
                return false;
            }
            contact.number = contacts::normalizePhoneNumber(text);
            break;
        }
        case NameColumn:
            contact.name = text.trimmed();
            break;
        case CustomerSinceColumn:
            contact.customerSince = text.trimmed();
            break;
        case LanguageColumn:
            contact.language = text.trimmed();
            break;
        case NotesColumn:
            contact.notes = text;
            break;
        default:
            return false;
        }
    }
    // The last word is the core's: the contact must read back from the workspace file as it is.
    QList<base::LoadError> errors;
    if (!contacts::Contact::fromJson(contact.toJson(), QStringLiteral("$"), errors)) {
        Q_EMIT editRefused(tr("Not saved: %1").arg(errors.value(0).message));
        return false;
    }
    if (contact == m_contacts.at(index.row()))
        return true;
    m_contacts[index.row()] = contact;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), NUM_COLUMNS - 1));
    Q_EMIT contactsEdited();
    return true;
}

bool ContactTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row + count > rowCount())
        return false;
    beginRemoveRows(QModelIndex(), row, row + count - 1);
    m_contacts.remove(row, count);
    endRemoveRows();
    Q_EMIT contactsEdited();
    return true;
}

} // namespace dockside::ui
