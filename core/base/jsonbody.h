// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <memory>
#include <mutex>

namespace dockside::base {

// A request's JSON body, parsed the first time something reads it. The mock endpoint answers most requests from a
// few fields a scan finds (rules::scanRequestFields), so the document is built only for a rule or a placeholder
// that reads the body itself; building it was a tenth of the request path. Copies share one parse.
class JsonBody {
public:
    JsonBody() = default; // null, as a default QJsonValue
    // Implicit: a body parsed already, as tests and the template preview give it.
    JsonBody(const QJsonValue &parsed)
        : m_parsed(parsed)
    {
    }
    JsonBody(const QJsonObject &parsed)
        : m_parsed(parsed)
    {
    }
    JsonBody(const QJsonArray &parsed)
        : m_parsed(parsed)
    {
    }
    // Parsed when first read, as parse() would.
    static JsonBody deferred(QByteArray json);
    // The body as an object or array; undefined when the bytes are not JSON or hold a bare value.
    static QJsonValue parse(const QByteArray &json);

    const QJsonValue &value() const;

private:
    struct Deferred {
        QByteArray json;
        std::once_flag once;
        QJsonValue value;
    };
    QJsonValue m_parsed;
    std::shared_ptr<Deferred> m_deferred;
};

} // namespace dockside::base
