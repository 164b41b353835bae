// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::contacts {

// One caller the mock CRM knows. The JSON keys are number, name, customer_since, notes, language and vip.
struct Contact {
    QString number; // E.164, normalised
    QString name;
    QString customerSince;
    QString notes;
    QString language;
    bool vip = false;

    // The JSON names of the fields, in display order.
    static QStringList fieldNames();
    // A field by its JSON name: a string, or a bool for "vip"; nullopt for an unknown name.
    std::optional<QJsonValue> field(QStringView fieldName) const;
    // A text field by its JSON name, without building a QJsonValue; nullptr for "vip" or an unknown name.
    const QString *textField(QStringView fieldName) const;

    QJsonObject toJson() const;
    // Appends one error per problem (naming jsonPath and below) and returns nullopt when there is any.
    static std::optional<Contact> fromJson(const QJsonValue &value, const QString &jsonPath,
                                           QList<base::LoadError> &errors);

    friend bool operator==(const Contact &, const Contact &) = default;
};

// true/false, yes/no, 1/0 in any letter case; nullopt for anything else.
std::optional<bool> parseVip(QStringView text);

} // namespace dockside::contacts
