// SPDX-License-Identifier: GPL-3.0-or-later

#include "requestcontext.h"

#include "base/capturedrequest.h"
#include "contacts/contactbook.h"
#include "contacts/phonenumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace dockside::rules {

namespace {

QJsonValue member(const QJsonValue &value, const QString &key)
{
    return value.isObject() ? value.toObject().value(key) : QJsonValue(QJsonValue::Undefined);
}

QString numberAt(const QJsonValue &message, const QString &objectKey)
{
    const QJsonValue number = member(member(message, objectKey), QStringLiteral("number"));
    return number.isString() ? contacts::normalizePhoneNumber(number.toString()) : QString();
}

} // namespace

RequestContext RequestContext::fromRequest(const base::CapturedRequest &request, const contacts::ContactBook &book,
                                           const QDateTime &time)
{
    RequestContext context;
    context.headers = request.headers;
    context.time = time;
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (document.isObject())
        context.body = document.object();
    else if (document.isArray())
        context.body = document.array();
    else
        context.body = QJsonValue(QJsonValue::Undefined);

    const QJsonValue message = member(context.body, QStringLiteral("message"));
    if (const std::optional<QByteArray> event = request.header("X-Webhook-Event"); event && !event->trimmed().isEmpty())
        context.eventType = QString::fromLatin1(event->trimmed());
    else
        context.eventType = member(message, QStringLiteral("type")).toString();
    context.callerNumber = numberAt(message, QStringLiteral("customer"));
    context.calledNumber = numberAt(message, QStringLiteral("phone_number"));
    context.callId = member(member(message, QStringLiteral("call")), QStringLiteral("id")).toString();
    if (!context.callerNumber.isEmpty())
        context.contact = book.find(context.callerNumber);
    return context;
}

RequestContext RequestContext::fromRequest(const base::CapturedRequest &request, const contacts::ContactBook &book)
{
    return fromRequest(request, book, QDateTime::fromMSecsSinceEpoch(request.receivedAtUs / 1000, QTimeZone::utc()));
}

std::optional<QString> RequestContext::header(QAnyStringView name) const
{
    const QByteArray wanted = name.toString().toLatin1();
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(wanted, Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(value);
    }
    return std::nullopt;
}

templating::RenderContext RequestContext::renderContext(const QUuid &uuid) const
{
    return {body, headers, callerNumber, contact, time, uuid};
}

} // namespace dockside::rules
