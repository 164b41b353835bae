// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "base/headerlist.h"
#include "base/jsonbody.h"
#include "contacts/contact.h"
#include "contract/signature.h"
#include "templating/rendercontext.h"

#include <QAnyStringView>
#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QUuid>

#include <optional>

namespace dockside::contacts {
class ContactBook;
}

namespace dockside::rules {

// What rules look at, read from a request once. Every field is safe to read for any request: a body that is
// not JSON, a web call with null numbers, missing headers; absent values are empty, never a crash.
struct RequestContext {
    base::JsonBody body; // the JSON body, parsed when first read; undefined when not a JSON object or array
    base::HeaderList headers;
    QString eventType; // the X-Webhook-Event header, else message.type
    QString callerNumber; // message.customer.number, normalised; empty when null or absent
    QString calledNumber; // message.phone_number.number, normalised; empty when null or absent
    QString callId; // message.call.id
    std::optional<contacts::Contact> contact; // the caller's entry in the contact book
    QDateTime time; // when the request counts as received; business hours are checked against it
    // The mock endpoint's verdict on the signature, set before rules run; none when it was not checked (a request
    // that is no VoiceDock event). NoSecret when no secret is configured.
    std::optional<contract::SignatureStatus> signature;

    static RequestContext fromRequest(const base::CapturedRequest &request, const contacts::ContactBook &book,
                                      const QDateTime &time);
    // At the request's own receive time.
    static RequestContext fromRequest(const base::CapturedRequest &request, const contacts::ContactBook &book);

    // The first header of that name, compared case-insensitively.
    std::optional<QString> header(QAnyStringView name) const;
    // What the response template may read; {{now}} is the receive time so a replay renders the same.
    templating::RenderContext renderContext(const QUuid &uuid = QUuid::createUuid()) const;
};

} // namespace dockside::rules
