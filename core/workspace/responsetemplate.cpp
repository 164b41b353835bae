#include "responsetemplate.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::workspace {

QJsonObject templateToJson(const ResponseTemplate &responseTemplate)
{
    QJsonArray headers;
    for (const auto &[name, value] : responseTemplate.headers)
        headers.append(QJsonObject {{QStringLiteral("name"), QString::fromLatin1(name)},
                                    {QStringLiteral("value"), QString::fromLatin1(value)}});
    QJsonObject json {
        {QStringLiteral("id"), responseTemplate.id},
        {QStringLiteral("name"), responseTemplate.name},
        {QStringLiteral("description"), responseTemplate.description},
        {QStringLiteral("status"), responseTemplate.status},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("delay_ms"), responseTemplate.delayMs},
    };
    const QJsonDocument body = QJsonDocument::fromJson(responseTemplate.body);
    if (responseTemplate.bodyIsJson && !body.isNull())
        json.insert(QStringLiteral("body"), body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()));
    else
        json.insert(QStringLiteral("raw_body"), QString::fromUtf8(responseTemplate.body));
    return json;
}

} // namespace dockside::workspace
