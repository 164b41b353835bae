// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "contact.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::contacts {

// The mock CRM: contacts in the order they were added, found by their E.164 number.
class ContactBook {
public:
    // Normalises the number; false (and nothing added) when that number is already in the book.
    bool add(Contact contact);
    // Exact match after normalising spaces, dashes and parentheses; nullopt for an empty number.
    std::optional<Contact> find(QStringView number) const;
    // find() for a number normalizePhoneNumber() already made, without normalizing it again.
    std::optional<Contact> findNormalized(const QString &normalized) const;
    bool contains(QStringView number) const { return find(number).has_value(); }

    const QList<Contact> &contacts() const { return m_contacts; }
    qsizetype size() const { return m_contacts.size(); }
    bool isEmpty() const { return m_contacts.isEmpty(); }

    QJsonArray toJson() const;
    // An array of contact objects (the workspace's "contacts"). Bad entries and repeated numbers are reported
    // under jsonPath and left out; the good ones are kept.
    static ContactBook fromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors);

    friend bool operator==(const ContactBook &left, const ContactBook &right)
    {
        return left.m_contacts == right.m_contacts;
    }

private:
    QList<Contact> m_contacts;
    QHash<QString, qsizetype> m_indexByNumber;
};

} // namespace dockside::contacts
