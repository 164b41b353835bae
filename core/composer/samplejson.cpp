// SPDX-License-Identifier: GPL-3.0-or-later

#include "samplejson.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace dockside::composer {

namespace {

constexpr int kMaxDepth = 8; // a self-referencing or absurdly deep schema still ends
constexpr qsizetype kMaxItems = 3; // a larger minItems is honoured up to this many; the rest is noise

QString typeOf(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(QStringLiteral("type"));
    if (type.isArray()) {
        // ["string", "null"]: the first type that is not null says more about the value.
        const QJsonArray types = type.toArray();
        for (const QJsonValue &name : types) {
            if (name.toString() != QLatin1String("null"))
                return name.toString();
        }
        return types.isEmpty() ? QString() : types.first().toString();
    }
    if (type.isString())
        return type.toString();
    if (schema.contains(QStringLiteral("properties")) || schema.contains(QStringLiteral("required")))
        return QStringLiteral("object");
    if (schema.contains(QStringLiteral("items")))
        return QStringLiteral("array");
    return {};
}

QString stringForFormat(const QString &format)
{
    if (format == QLatin1String("date"))
        return QStringLiteral("2026-03-17");
    if (format == QLatin1String("date-time"))
        return QStringLiteral("2026-03-17T10:00:00Z");
    if (format == QLatin1String("time"))
        return QStringLiteral("10:00:00");
    if (format == QLatin1String("email") || format == QLatin1String("idn-email"))
        return QStringLiteral("ann.jansen@example.com");
    if (format == QLatin1String("uri") || format == QLatin1String("url") || format == QLatin1String("iri") ||
        format == QLatin1String("uri-reference"))
        return QStringLiteral("https://example.com/");
    if (format == QLatin1String("uuid"))
        return QStringLiteral("3f2b8c1e-7d4a-4b9e-9c61-2a5d8e0f4b17");
    if (format == QLatin1String("hostname"))
        return QStringLiteral("example.com");
    if (format == QLatin1String("ipv4"))
        return QStringLiteral("192.0.2.10");
    return {};
}

// A property's name is often the best hint a tool schema gives: order_id, callback_date, customer_phone.
QString stringForName(const QString &propertyName)
{
    const QString name = propertyName.toLower();
    const auto has = [&name](const char *word) { return name.contains(QLatin1String(word)); };
    if (has("order"))
        return QStringLiteral("ORD-10042");
    if (has("invoice"))
        return QStringLiteral("INV-2024-117");
    if (has("mail"))
        return QStringLiteral("ann.jansen@example.com");
    if (has("phone") || has("mobile") || has("caller") || has("number"))
        return QStringLiteral("+31612345678");
    if (has("zone"))
        return QStringLiteral("Europe/Amsterdam");
    if (has("date") && has("time"))
        return QStringLiteral("2026-03-17T10:00:00Z");
    if (has("date") || has("day"))
        return QStringLiteral("2026-03-17");
    if (has("time") || has("slot"))
        return QStringLiteral("10:00");
    if (has("url") || has("link") || has("website"))
        return QStringLiteral("https://example.com/");
    if (has("name"))
        return QStringLiteral("Ann Jansen");
    if (has("city"))
        return QStringLiteral("Amsterdam");
    if (has("country"))
        return QStringLiteral("NL");
    if (has("postcode") || has("postal") || has("zip"))
        return QStringLiteral("1012 AB");
    if (has("address") || has("street"))
        return QStringLiteral("Damrak 1, 1012 LG Amsterdam");
    if (has("language") || has("locale"))
        return QStringLiteral("en");
    if (has("currency"))
        return QStringLiteral("EUR");
    if (has("reason") || has("note") || has("message") || has("comment") || has("description") || has("query") ||
        has("question"))
        return QStringLiteral("The caller would like an update.");
    if (name == QLatin1String("id") || name.endsWith(QLatin1String("_id")) ||
        propertyName.endsWith(QLatin1String("Id")))
        return QStringLiteral("12345");
    return QStringLiteral("sample");
}

QString sampleString(const QJsonObject &schema, const QString &propertyName)
{
    QString text = stringForFormat(schema.value(QStringLiteral("format")).toString());
    if (text.isEmpty())
        text = stringForName(propertyName);
    const qsizetype minLength = schema.value(QStringLiteral("minLength")).toInteger(0);
    if (text.size() < minLength)
        text += QString(minLength - text.size(), QLatin1Char('x'));
    if (const QJsonValue maxLength = schema.value(QStringLiteral("maxLength")); maxLength.isDouble())
        text.truncate(std::max<qsizetype>(0, maxLength.toInteger()));
    return text;
}

double sampleNumber(const QJsonObject &schema, bool integer)
{
    const double step = integer ? 1.0 : 0.5;
    double value = 1.0;
    if (const QJsonValue minimum = schema.value(QStringLiteral("minimum")); minimum.isDouble())
        value = minimum.toDouble();
    else if (const QJsonValue above = schema.value(QStringLiteral("exclusiveMinimum")); above.isDouble())
        value = above.toDouble() + step;
    if (const QJsonValue maximum = schema.value(QStringLiteral("maximum")); maximum.isDouble())
        value = std::min(value, maximum.toDouble());
    if (const QJsonValue below = schema.value(QStringLiteral("exclusiveMaximum")); below.isDouble())
        value = std::min(value, below.toDouble() - step);
    return integer ? std::ceil(value) : value;
}

QJsonValue sample(const QJsonObject &schema, const QString &propertyName, int depth);

QJsonObject sampleObject(const QJsonObject &schema, int depth)
{
    QJsonObject object;
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it)
        object.insert(it.key(), sample(it.value().toObject(), it.key(), depth + 1));
    // A required name the schema does not describe still gets a value, so the arguments pass the schema.
    for (const QJsonValue &required : schema.value(QStringLiteral("required")).toArray()) {
        if (!required.isString() || object.contains(required.toString()))
            continue;
        object.insert(required.toString(), sampleString({}, required.toString()));
    }
    return object;
}

QJsonArray sampleArray(const QJsonObject &schema, const QString &propertyName, int depth)
{
    const QJsonValue items = schema.value(QStringLiteral("items"));
    if (items.isArray()) {
        // A tuple: one value per position.
        QJsonArray tuple;
        for (const QJsonValue &item : items.toArray())
            tuple.append(sample(item.toObject(), propertyName, depth + 1));
        return tuple;
    }
    qsizetype count = std::clamp<qsizetype>(schema.value(QStringLiteral("minItems")).toInteger(1), 1, kMaxItems);
    if (const QJsonValue maxItems = schema.value(QStringLiteral("maxItems")); maxItems.isDouble())
        count = std::min<qsizetype>(count, std::max<qsizetype>(0, maxItems.toInteger()));
    QJsonArray array;
    for (qsizetype i = 0; i < count; ++i)
        array.append(sample(items.toObject(), propertyName, depth + 1));
    return array;
}

QJsonValue sample(const QJsonObject &schema, const QString &propertyName, int depth)
{
    if (depth > kMaxDepth)
        return QJsonValue::Null;
    if (schema.contains(QStringLiteral("const")))
        return schema.value(QStringLiteral("const"));
    if (const QJsonArray choices = schema.value(QStringLiteral("enum")).toArray(); !choices.isEmpty())
        return choices.first();
    if (const QJsonArray examples = schema.value(QStringLiteral("examples")).toArray(); !examples.isEmpty())
        return examples.first();
    if (schema.contains(QStringLiteral("example"))) // OpenAPI's spelling, common in tool schemas
        return schema.value(QStringLiteral("example"));
    if (schema.contains(QStringLiteral("default")))
        return schema.value(QStringLiteral("default"));
    const QString type = typeOf(schema);
    if (type.isEmpty()) {
        for (const QString &alternatives :
             {QStringLiteral("anyOf"), QStringLiteral("oneOf"), QStringLiteral("allOf")}) {
            if (const QJsonArray branches = schema.value(alternatives).toArray(); !branches.isEmpty())
                return sample(branches.first().toObject(), propertyName, depth + 1);
        }
    }
    if (type == QLatin1String("object"))
        return sampleObject(schema, depth);
    if (type == QLatin1String("array"))
        return sampleArray(schema, propertyName, depth);
    if (type == QLatin1String("boolean"))
        return true;
    if (type == QLatin1String("integer"))
        return static_cast<qint64>(sampleNumber(schema, true));
    if (type == QLatin1String("number"))
        return sampleNumber(schema, false);
    if (type == QLatin1String("null"))
        return QJsonValue::Null;
    return sampleString(schema, propertyName);
}

} // namespace

QJsonValue sampleForSchema(const QJsonObject &schema, int depth)
{
    return sample(schema, QString(), depth);
}

QJsonObject sampleArgumentsFor(const QJsonObject &parametersSchema)
{
    const QJsonValue arguments = sample(parametersSchema, QString(), 0);
    return arguments.isObject() ? arguments.toObject() : QJsonObject();
}

} // namespace dockside::composer
