// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>

namespace dockside::base {

// How a person reads an object: these keys first, in this order, then the rest alphabetically (QJsonObject
// keeps no order). A child shape applies to a key's value, or to each element when the value is an array.
struct JsonShape {
    struct Child {
        QLatin1StringView key;
        const JsonShape *shape;
    };
    QList<QLatin1StringView> keys;
    QList<Child> children;

    const JsonShape *childShape(QStringView key) const;
};

// Indented by two spaces, ending in a newline: the layout of the sample workspace, stable from save to save.
QByteArray toOrderedJson(const QJsonObject &object, const JsonShape &shape);

} // namespace dockside::base
