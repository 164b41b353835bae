// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactbook.h"

#include "phonenumber.h"

#include "base/loaderror.h"
#include "base/parsing.h"
#include "contract/answervalidator.h"

namespace dockside::contacts {

bool ContactBook::add(Contact contact)
{
    contact.number = normalizePhoneNumber(contact.number);
    if (m_indexByNumber.contains(contact.number))
        return false;
    m_indexByNumber.insert(contact.number, m_contacts.size());
    m_contacts.append(contact);
    return true;
}

std::optional<Contact> ContactBook::find(QStringView number) const
{
    return findNormalized(normalizePhoneNumber(number));
}

std::optional<Contact> ContactBook::findNormalized(const QString &normalized) const
{
    if (normalized.isEmpty())
        return std::nullopt;
    const auto it = m_indexByNumber.constFind(normalized);
    if (it == m_indexByNumber.constEnd())
        return std::nullopt;
    return m_contacts.at(it.value());
}

QJsonArray ContactBook::toJson() const
{
    QJsonArray array;
    for (const Contact &contact : m_contacts)
        array.append(contact.toJson());
    return array;
}

ContactBook ContactBook::fromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors)
{
    ContactBook book;
    if (value.isUndefined() || value.isNull())
        return book;
    if (!value.isArray()) {
        errors.append({jsonPath, 0, 0,
                       QStringLiteral("Expected an array of contacts; got %1.").arg(base::parsing::describe(value))});
        return book;
    }
    const QJsonArray array = value.toArray();
    QHash<QString, QString> firstPathByNumber;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = base::parsing::index(jsonPath, i);
        const std::optional<Contact> contact = Contact::fromJson(array.at(i), path, errors);
        if (!contact)
            continue;
        if (!book.add(*contact)) {
            errors.append({base::parsing::child(path, QStringLiteral("number")), 0, 0,
                           QStringLiteral("The number %1 is already used by %2; this entry is left out.")
                               .arg(contact->number, firstPathByNumber.value(contact->number))});
            continue;
        }
        firstPathByNumber.insert(contact->number, path);
    }
    return book;
}

} // namespace dockside::contacts
