// SPDX-License-Identifier: GPL-3.0-or-later

#include "responsetemplate.h"

#include "workspace.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

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

class TemplateReader {
public:
    explicit TemplateReader(QList<base::LoadError> &errors)
        : m_errors(errors)
    {
    }

    std::optional<ResponseTemplate> read(const QJsonValue &value, const QString &path)
    {
        if (!value.isObject()) {
            fail(path, QStringLiteral("Expected a template object; got %1.").arg(base::parsing::describe(value)));
            return std::nullopt;
        }
        const QJsonObject object = value.toObject();
        const qsizetype errorsBefore = m_errors.size();
        ResponseTemplate result;
        result.id = requiredString(object, path, QStringLiteral("id"));
        result.name = object.value(QStringLiteral("name")).toString(result.id);
        result.description = object.value(QStringLiteral("description")).toString();
        result.status = integerIn(object, path, QStringLiteral("status"), 100, 599, 200);
        result.delayMs = integerIn(object, path, QStringLiteral("delay_ms"), 0, 600000, 0);
        readHeaders(object.value(QStringLiteral("headers")), base::parsing::child(path, QStringLiteral("headers")),
                    result);
        if (object.contains(QStringLiteral("fault"))) {
            const auto fault = faultFromName(object.value(QStringLiteral("fault")).toString());
            if (fault)
                result.fault = *fault;
            else
                fail(base::parsing::child(path, QStringLiteral("fault")),
                     QStringLiteral("Expected one of none, hang, close, broken_json; got %1.")
                         .arg(base::parsing::describe(object.value(QStringLiteral("fault")))));
        }
        if (object.contains(QStringLiteral("raw_body"))) {
            result.bodyIsJson = false;
            result.body = object.value(QStringLiteral("raw_body")).toString().toUtf8();
        } else if (object.value(QStringLiteral("body")).isObject()) {
            result.body =
                QJsonDocument(object.value(QStringLiteral("body")).toObject()).toJson(QJsonDocument::Indented);
        } else if (object.value(QStringLiteral("body")).isArray()) {
            result.body = QJsonDocument(object.value(QStringLiteral("body")).toArray()).toJson(QJsonDocument::Indented);
        } else if (object.contains(QStringLiteral("body"))) {
            fail(base::parsing::child(path, QStringLiteral("body")),
                 QStringLiteral("Expected a JSON object or array (use \"raw_body\" for text); got %1.")
                     .arg(base::parsing::describe(object.value(QStringLiteral("body")))));
        }
        if (m_errors.size() != errorsBefore)
            return std::nullopt;
        return result;
    }

private:
    void fail(const QString &path, const QString &message) { m_errors.append({path, 0, 0, message}); }

    QString requiredString(const QJsonObject &object, const QString &path, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (!value.isString() || value.toString().trimmed().isEmpty())
            fail(base::parsing::child(path, key),
                 QStringLiteral("Expected a non-empty string; got %1.").arg(base::parsing::describe(value)));
        return value.toString();
    }

    int integerIn(const QJsonObject &object, const QString &path, const QString &key, int minimum, int maximum,
                  int fallback)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return fallback;
        const double number = value.toDouble(-1.0);
        // The range check comes first: casting a double beyond int's range is undefined behaviour.
        if (!value.isDouble() || number < minimum || number > maximum || number != std::floor(number)) {
            fail(base::parsing::child(path, key),
                 QStringLiteral("Expected a whole number from %1 to %2; got %3.")
                     .arg(QString::number(minimum), QString::number(maximum), base::parsing::describe(value)));
            return fallback;
        }
        return static_cast<int>(number);
    }

    void readHeaders(const QJsonValue &value, const QString &path, ResponseTemplate &result)
    {
        if (value.isUndefined())
            return;
        if (!value.isArray()) {
            fail(path,
                 QStringLiteral("Expected an array of {name, value}; got %1.").arg(base::parsing::describe(value)));
            return;
        }
        const QJsonArray headers = value.toArray();
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QJsonObject header = headers.at(i).toObject();
            const QString name = header.value(QStringLiteral("name")).toString();
            if (name.isEmpty() || !header.value(QStringLiteral("value")).isString()) {
                fail(base::parsing::index(path, i), QStringLiteral("Expected {\"name\": string, \"value\": string}."));
                continue;
            }
            result.headers.append({name.toLatin1(), header.value(QStringLiteral("value")).toString().toLatin1()});
        }
    }

    QList<base::LoadError> &m_errors;
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
    // A JSON template without a body writes none, so it loads back as a JSON template rather than as empty text.
    if (responseTemplate.bodyIsJson && responseTemplate.body.isEmpty())
        return json;
    const QJsonDocument body = QJsonDocument::fromJson(responseTemplate.body);
    if (responseTemplate.bodyIsJson && !body.isNull())
        json.insert(QStringLiteral("body"), body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()));
    else
        json.insert(QStringLiteral("raw_body"), QString::fromUtf8(responseTemplate.body));
    return json;
}

std::optional<ResponseTemplate> templateFromJson(const QJsonValue &value, const QString &jsonPath,
                                                 QList<base::LoadError> &errors)
{
    return TemplateReader(errors).read(value, jsonPath);
}

} // namespace dockside::workspace
