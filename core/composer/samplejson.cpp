#include "samplejson.h"

#include <QJsonArray>

namespace dockside::composer {

namespace {
constexpr int kMaxDepth = 8; // a self-referencing or absurdly deep schema still ends
}

QJsonValue sampleForSchema(const QJsonObject &schema, int depth)
{
    if (depth > kMaxDepth)
        return QJsonValue::Null;
    if (schema.contains(QStringLiteral("const")))
        return schema.value(QStringLiteral("const"));
    if (const QJsonArray choices = schema.value(QStringLiteral("enum")).toArray(); !choices.isEmpty())
        return choices.first();
    if (schema.contains(QStringLiteral("default")))
        return schema.value(QStringLiteral("default"));
    QJsonValue type = schema.value(QStringLiteral("type"));
    if (type.isArray())
        type = type.toArray().first();
    const QString typeName = type.toString();
    if (typeName == QLatin1String("object") || schema.contains(QStringLiteral("properties"))) {
        QJsonObject object;
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it)
            object.insert(it.key(), sampleForSchema(it.value().toObject(), depth + 1));
        return object;
    }
    if (typeName == QLatin1String("array"))
        return QJsonArray {sampleForSchema(schema.value(QStringLiteral("items")).toObject(), depth + 1)};
    if (typeName == QLatin1String("boolean"))
        return true;
    if (typeName == QLatin1String("integer"))
        return std::max(1, schema.value(QStringLiteral("minimum")).toInt(1));
    if (typeName == QLatin1String("number"))
        return std::max(1.0, schema.value(QStringLiteral("minimum")).toDouble(1.0));
    if (typeName == QLatin1String("null"))
        return QJsonValue::Null;
    return QStringLiteral("sample");
}

} // namespace dockside::composer
