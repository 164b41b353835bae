// SPDX-License-Identifier: GPL-3.0-or-later

#include "requestcontext.h"

#include "base/capturedrequest.h"
#include "contacts/contactbook.h"
#include "contacts/phonenumber.h"
#include "requestfields.h"

#include <QTimeZone>

namespace dockside::rules {

RequestContext RequestContext::fromRequest(const base::CapturedRequest &request, const contacts::ContactBook &book,
                                           const QDateTime &time)
{
    RequestContext context;
    context.headers = request.headers;
    context.time = time;
    // Most requests are answered from these few fields; the document is built only when a rule or placeholder
    // reads the body.
    RequestFields fields;
    if (const std::optional<RequestFields> scanned = scanRequestFields(request.body)) {
        fields = *scanned;
        context.body = base::JsonBody::deferred(request.body);
    } else {
        const QJsonValue body = base::JsonBody::parse(request.body);
        fields = RequestFields::of(body);
        context.body = body;
    }
    if (const std::optional<QByteArray> event = request.header("X-Webhook-Event"); event && !event->trimmed().isEmpty())
        context.eventType = QString::fromLatin1(event->trimmed());
    else
        context.eventType = fields.type;
    context.callerNumber = contacts::normalizePhoneNumber(fields.customerNumber);
    context.calledNumber = contacts::normalizePhoneNumber(fields.phoneNumber);
    context.callId = fields.callId;
    if (!context.callerNumber.isEmpty())
        context.contact = book.findNormalized(context.callerNumber);
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
        if (base::sameHeaderName(headerName, wanted))
            return QString::fromLatin1(value);
    }
    return std::nullopt;
}

templating::RenderContext RequestContext::renderContext(const QUuid &uuid) const
{
    return {body, headers, callerNumber, contact, time, uuid};
}

} // namespace dockside::rules
