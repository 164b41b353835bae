// SPDX-License-Identifier: GPL-3.0-or-later

#include "placeholder.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dockside::templating {

namespace {

const QLatin1String kContactPrefix("contact.");

PlaceholderValue value(const QJsonValue &json)
{
    return {PlaceholderValue::Kind::Value, json, QString()};
}

PlaceholderValue missing(const QString &why)
{
    return {PlaceholderValue::Kind::Missing, QJsonValue(), why};
}

bool isArrayIndex(QStringView segment)
{
    if (segment.isEmpty() || segment.size() > 9)
        return false;
    for (const QChar character : segment) {
        if (!character.isDigit())
            return false;
    }
    return segment.size() == 1 || segment.front() != QLatin1Char('0');
}

PlaceholderValue bodyValue(QStringView path, const RenderContext &context)
{
    if (context.requestBody.value().isUndefined())
        return missing(QStringLiteral("the request body is not JSON, so path %1 has no value").arg(path));
    QJsonValue current = context.requestBody.value();
    QString walked;
    const QList<QStringView> segments = path.split(QLatin1Char('.'));
    for (const QStringView segment : segments) {
        if (segment.isEmpty())
            return missing(QStringLiteral("path %1 has an empty segment").arg(path));
        const QString next = walked.isEmpty() ? segment.toString() : walked + QLatin1Char('.') + segment;
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(segment))
                return missing(
                    QStringLiteral("path %1 is not in the request (%2 has no key \"%3\")")
                        .arg(path, walked.isEmpty() ? QStringLiteral("the body") : walked, segment.toString()));
            current = object.value(segment);
        } else if (current.isArray()) {
            const QJsonArray array = current.toArray();
            if (!isArrayIndex(segment))
                return missing(QStringLiteral("path %1 is not in the request (%2 is an array; \"%3\" is not an "
                                              "index)")
                                   .arg(path, walked, segment.toString()));
            const qsizetype index = segment.toLongLong();
            if (index >= array.size())
                return missing(QStringLiteral("path %1 is not in the request (%2 has %3 items)")
                                   .arg(path, walked)
                                   .arg(array.size()));
            current = array.at(index);
        } else {
            return missing(QStringLiteral("path %1 is not in the request (%2 is %3, not an object)")
                               .arg(path, walked.isEmpty() ? QStringLiteral("the body") : walked,
                                    current.isNull() ? QStringLiteral("null") : QStringLiteral("a single value")));
        }
        walked = next;
    }
    return value(current);
}

PlaceholderValue contactValue(QStringView field, const RenderContext &context)
{
    if (!context.contact) {
        if (context.callerNumber.isEmpty())
            return missing(QStringLiteral("the request has no caller number (a web call?), so there is no contact"));
        return missing(QStringLiteral("no contact for %1 in the contact book").arg(context.callerNumber));
    }
    if (const std::optional<QJsonValue> fieldValue = context.contact->field(field))
        return value(*fieldValue);
    return missing(QStringLiteral("contacts have no field \"%1\"; known fields: %2")
                       .arg(field.toString(), contacts::Contact::fieldNames().join(QStringLiteral(", "))));
}

PlaceholderValue headerValue(QStringView name, const RenderContext &context)
{
    const QByteArray wanted = name.toLatin1();
    for (const auto &[headerName, headerText] : context.requestHeaders) {
        if (base::sameHeaderName(headerName, wanted))
            return value(QString::fromLatin1(headerText));
    }
    return missing(QStringLiteral("the request has no header \"%1\"").arg(name));
}

void collectPaths(const QJsonValue &node, const QString &prefix, QStringList &names)
{
    if (node.isObject()) {
        const QJsonObject object = node.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            names.append(path);
            collectPaths(it.value(), path, names);
        }
    } else if (node.isArray()) {
        const QJsonArray array = node.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = prefix + QLatin1Char('.') + QString::number(i);
            names.append(path);
            collectPaths(array.at(i), path, names);
        }
    }
}

} // namespace

PlaceholderValue resolvePlaceholder(QStringView name, const RenderContext &context)
{
    static const QLatin1String headerPrefix("request.header.");
    static const QLatin1String bodyPrefix("request.body.");
    static const QLatin1String callPrefix("call.");

    if (name.isEmpty())
        return missing(QStringLiteral("the placeholder is empty"));
    if (platformPlaceholderNames().contains(name))
        return {PlaceholderValue::Kind::KeepVerbatim, QJsonValue(), QString()};
    if (name == QLatin1String("now"))
        return value(context.now.toUTC().toString(Qt::ISODateWithMs));
    if (name == QLatin1String("uuid"))
        return value(context.uuid.toString(QUuid::WithoutBraces));
    if (name.startsWith(kContactPrefix))
        return contactValue(name.mid(kContactPrefix.size()), context);
    if (name == QLatin1String("contact"))
        return missing(QStringLiteral("name a field, such as contact.name"));
    if (name.startsWith(headerPrefix))
        return headerValue(name.mid(headerPrefix.size()), context);
    if (name.startsWith(bodyPrefix))
        return bodyValue(name.mid(bodyPrefix.size()), context);
    if (name.startsWith(callPrefix))
        return bodyValue(QString(QLatin1String("message.") + name), context);
    if (name.startsWith(QLatin1String("request.")))
        return missing(QStringLiteral("unknown request placeholder; use request.header.<Name> or "
                                      "request.body.<path>"));
    return bodyValue(name, context);
}

const QString *contactText(QStringView name, const RenderContext &context)
{
    if (!context.contact || !name.startsWith(kContactPrefix))
        return nullptr;
    return context.contact->textField(name.mid(kContactPrefix.size()));
}

QStringList platformPlaceholderNames()
{
    static const QStringList names {QStringLiteral("schema"), QStringLiteral("transcript"),
                                    QStringLiteral("ended_reason")};
    return names;
}

QStringList placeholderNames(const QJsonValue &sampleBody, const base::HeaderList &sampleHeaders)
{
    QStringList names {QStringLiteral("now"), QStringLiteral("uuid"), QStringLiteral("call.id"),
                       QStringLiteral("call.type"), QStringLiteral("call.status")};
    for (const QString &field : contacts::Contact::fieldNames())
        names.append(QStringLiteral("contact.") + field);
    for (const auto &header : sampleHeaders) {
        const QString name = QStringLiteral("request.header.") + QString::fromLatin1(header.first);
        if (!names.contains(name))
            names.append(name);
    }
    collectPaths(sampleBody, QString(), names);
    return names;
}

} // namespace dockside::templating
