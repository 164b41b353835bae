// SPDX-License-Identifier: GPL-3.0-or-later

#include "contact.h"

#include "phonenumber.h"

#include "base/loaderror.h"
#include "base/parsing.h"
#include "contract/answervalidator.h"

namespace dockside::contacts {

namespace {

const QString kNumber = QStringLiteral("number");
const QString kName = QStringLiteral("name");
const QString kCustomerSince = QStringLiteral("customer_since");
const QString kNotes = QStringLiteral("notes");
const QString kLanguage = QStringLiteral("language");
const QString kVip = QStringLiteral("vip");

} // namespace

QStringList Contact::fieldNames()
{
    return {kNumber, kName, kCustomerSince, kNotes, kLanguage, kVip};
}

std::optional<QJsonValue> Contact::field(QStringView fieldName) const
{
    if (const QString *text = textField(fieldName))
        return QJsonValue(*text);
    if (fieldName == kVip)
        return QJsonValue(vip);
    return std::nullopt;
}

const QString *Contact::textField(QStringView fieldName) const
{
    if (fieldName == kNumber)
        return &number;
    if (fieldName == kName)
        return &name;
    if (fieldName == kCustomerSince)
        return &customerSince;
    if (fieldName == kNotes)
        return &notes;
    if (fieldName == kLanguage)
        return &language;
    return nullptr;
}

QJsonObject Contact::toJson() const
{
    return QJsonObject {{kNumber, number}, {kName, name},         {kCustomerSince, customerSince},
                        {kNotes, notes},   {kLanguage, language}, {kVip, vip}};
}

std::optional<Contact> Contact::fromJson(const QJsonValue &value, const QString &jsonPath,
                                         QList<base::LoadError> &errors)
{
    if (!value.isObject()) {
        errors.append({jsonPath, 0, 0,
                       QStringLiteral("Expected a contact object with at least \"number\"; got %1.")
                           .arg(base::parsing::describe(value))});
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const qsizetype errorsBefore = errors.size();
    const QStringList known = fieldNames();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            errors.append({base::parsing::child(jsonPath, it.key()), 0, 0,
                           QStringLiteral("Unknown contact field \"%1\"; expected one of: %2.")
                               .arg(it.key(), known.join(QStringLiteral(", ")))});
    }

    Contact contact;
    const QJsonValue number = object.value(kNumber);
    const QString normalized = normalizePhoneNumber(number.toString());
    if (!number.isString() || !isE164(normalized)) {
        errors.append({base::parsing::child(jsonPath, kNumber), 0, 0,
                       QStringLiteral("Expected an E.164 phone number such as \"+31612345678\"; got %1.")
                           .arg(base::parsing::describe(number))});
    }
    contact.number = normalized;

    auto text = [&](const QString &key, bool integerAllowed) {
        const QJsonValue field = object.value(key);
        if (field.isUndefined() || field.isNull())
            return QString();
        if (field.isString())
            return field.toString();
        // Spreadsheets and CRM exports write a year as a number.
        if (integerAllowed && field.isDouble() && field.toDouble() == static_cast<double>(field.toInteger()))
            return QString::number(field.toInteger());
        errors.append({base::parsing::child(jsonPath, key), 0, 0,
                       QStringLiteral("Expected a string; got %1.").arg(base::parsing::describe(field))});
        return QString();
    };
    contact.name = text(kName, false);
    contact.customerSince = text(kCustomerSince, true);
    contact.notes = text(kNotes, false);
    contact.language = text(kLanguage, false);

    const QJsonValue vip = object.value(kVip);
    if (vip.isBool()) {
        contact.vip = vip.toBool();
    } else if (!vip.isUndefined() && !vip.isNull()) {
        const QString vipText = vip.isDouble() ? QString::number(vip.toDouble()) : vip.toString();
        const std::optional<bool> parsed = (vip.isString() || vip.isDouble()) ? parseVip(vipText) : std::nullopt;
        if (parsed)
            contact.vip = *parsed;
        else
            errors.append({base::parsing::child(jsonPath, kVip), 0, 0,
                           QStringLiteral("Expected true or false (or \"yes\"/\"no\", 1/0); got %1.")
                               .arg(base::parsing::describe(vip))});
    }

    if (errors.size() != errorsBefore)
        return std::nullopt;
    return contact;
}

std::optional<bool> parseVip(QStringView text)
{
    const QString lowered = text.trimmed().toString().toLower();
    if (lowered == QLatin1String("true") || lowered == QLatin1String("yes") || lowered == QLatin1String("1"))
        return true;
    if (lowered == QLatin1String("false") || lowered == QLatin1String("no") || lowered == QLatin1String("0"))
        return false;
    return std::nullopt;
}

} // namespace dockside::contacts
