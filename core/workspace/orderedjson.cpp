#include "orderedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace dockside::workspace {

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

const JsonShape &templateShape()
{
    static const JsonShape header {{"name"_L1, "value"_L1}, {}};
    static const JsonShape shape {{"id"_L1, "name"_L1, "description"_L1, "status"_L1, "headers"_L1, "delay_ms"_L1,
                                   "fault"_L1, "body"_L1, "raw_body"_L1},
                                  {{"headers"_L1, &header}}};
    return shape;
}

const JsonShape &workspaceShape()
{
    static const JsonShape span {{"days"_L1, "windows"_L1}, {}};
    static const JsonShape condition {{"kind"_L1, "negate"_L1, "name"_L1, "field"_L1, "pointer"_L1, "equals"_L1,
                                       "prefix"_L1, "contains"_L1, "in"_L1, "regex"_L1, "exists"_L1, "zone"_L1,
                                       "hours"_L1},
                                      {{"hours"_L1, &span}}};
    static const JsonShape arm {{"template"_L1, "weight"_L1}, {}};
    static const JsonShape rule {{"id"_L1, "name"_L1, "enabled"_L1, "conditions"_L1, "template"_L1, "split"_L1},
                                 {{"conditions"_L1, &condition}, {"split"_L1, &arm}}};
    static const JsonShape contact {{"number"_L1, "name"_L1, "customer_since"_L1, "notes"_L1, "language"_L1, "vip"_L1},
                                    {}};
    static const JsonShape shape {{"version"_L1, "name"_L1, "fallback_template"_L1, "templates"_L1, "rules"_L1,
                                   "contacts"_L1, "default_assistant"_L1, "scenarios"_L1},
                                  {{"templates"_L1, &templateShape()}, {"rules"_L1, &rule}, {"contacts"_L1, &contact}}};
    return shape;
}

QByteArray toOrderedJson(const QJsonObject &object, const JsonShape &shape)
{
    QByteArray out;
    writeObject(out, object, &shape, 0);
    out += '\n';
    return out;
}

} // namespace dockside::workspace
