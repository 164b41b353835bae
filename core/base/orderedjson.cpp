// SPDX-License-Identifier: GPL-3.0-or-later

#include "orderedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace dockside::base {

namespace {

using namespace Qt::StringLiterals;

void writeValue(QByteArray &out, const QJsonValue &value, const JsonShape *shape, int depth);

void newline(QByteArray &out, int depth)
{
    out += '\n';
    out += QByteArray(2 * depth, ' ');
}

// Qt's own writer escapes the scalar, so strings and numbers read back exactly as QJsonDocument parses them.
QByteArray scalarText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.sliced(1, wrapped.size() - 2);
}

QStringList orderedKeys(const QJsonObject &object, const JsonShape *shape)
{
    QStringList keys;
    if (shape) {
        for (QLatin1StringView key : shape->keys) {
            if (object.contains(key))
                keys.append(key);
        }
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

void writeObject(QByteArray &out, const QJsonObject &object, const JsonShape *shape, int depth)
{
    if (object.isEmpty()) {
        out += "{}";
        return;
    }
    out += '{';
    const QStringList keys = orderedKeys(object, shape);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        newline(out, depth + 1);
        out += scalarText(keys.at(i));
        out += ": ";
        writeValue(out, object.value(keys.at(i)), shape ? shape->childShape(keys.at(i)) : nullptr, depth + 1);
        if (i + 1 < keys.size())
            out += ',';
    }
    newline(out, depth);
    out += '}';
}

void writeValue(QByteArray &out, const QJsonValue &value, const JsonShape *shape, int depth)
{
    if (value.isObject()) {
        writeObject(out, value.toObject(), shape, depth);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            newline(out, depth + 1);
            writeValue(out, array.at(i), shape, depth + 1);
            if (i + 1 < array.size())
                out += ',';
        }
        newline(out, depth);
        out += ']';
    } else {
        out += scalarText(value);
    }
}

} // namespace

const JsonShape *JsonShape::childShape(QStringView key) const
{
    for (const Child &child : children) {
        if (key == child.key)
            return child.shape;
    }
    return nullptr;
}

QByteArray toOrderedJson(const QJsonObject &object, const JsonShape &shape)
{
    QByteArray out;
    writeObject(out, object, &shape, 0);
    out += '\n';
    return out;
}

} // namespace dockside::base
