// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonbody.h"

#include <QJsonDocument>

namespace dockside::base {

JsonBody JsonBody::deferred(QByteArray json)
{
    JsonBody body;
    body.m_deferred = std::make_shared<Deferred>();
    body.m_deferred->json = std::move(json);
    return body;
}

QJsonValue JsonBody::parse(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue(QJsonValue::Undefined);
}

const QJsonValue &JsonBody::value() const
{
    if (!m_deferred)
        return m_parsed;
    Deferred &deferred = *m_deferred;
    std::call_once(deferred.once, [&deferred] {
        deferred.value = parse(deferred.json);
        deferred.json = QByteArray();
    });
    return deferred.value;
}

} // namespace dockside::base
