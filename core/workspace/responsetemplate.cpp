#include "responsetemplate.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::workspace {

namespace {

struct FaultName {
    Fault fault;
    QLatin1StringView name;
};

constexpr FaultName kFaultNames[] = {
    {Fault::None, QLatin1StringView("none")},
    {Fault::Hang, QLatin1StringView("hang")},
    {Fault::CloseWithoutAnswer, QLatin1StringView("close")},
    {Fault::BrokenJson, QLatin1StringView("broken_json")},
};

} // namespace

QString faultName(Fault fault)
{
    for (const auto &entry : kFaultNames) {
        if (entry.fault == fault)
            return entry.name;
    }
    return {};
}

std::optional<Fault> faultFromName(QStringView name)
{
    for (const auto &entry : kFaultNames) {
        if (name == entry.name)
            return entry.fault;
    }
    return std::nullopt;
}

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
    if (responseTemplate.fault != Fault::None)
        json.insert(QStringLiteral("fault"), faultName(responseTemplate.fault));
    const QJsonDocument body = QJsonDocument::fromJson(responseTemplate.body);
    if (responseTemplate.bodyIsJson && !body.isNull())
        json.insert(QStringLiteral("body"), body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()));
    else
        json.insert(QStringLiteral("raw_body"), QString::fromUtf8(responseTemplate.body));
    return json;
}

} // namespace dockside::workspace
