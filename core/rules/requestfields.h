// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace dockside::rules {

// The fields of a VoiceDock request that every request's rules and record read. Each is the string at its path, or
// empty when the path is absent or holds something else.
struct RequestFields {
    QString type; // message.type
    QString customerNumber; // message.customer.number, as sent (not normalised)
    QString phoneNumber; // message.phone_number.number
    QString callId; // message.call.id

    // From a parsed body.
    static RequestFields of(const QJsonValue &body);
    friend bool operator==(const RequestFields &, const RequestFields &) = default;
};

// The same fields found in one pass over the bytes, without building the document. nullopt wherever the pass could
// disagree with Qt's parser (anything but plain ASCII, an escape in a key or field it reads, such a key twice in one
// object, nesting deeper than 64, an exponent or a long number, a top level that is not an object) and for
// anything that is not JSON: the caller then parses the body, which decides.
std::optional<RequestFields> scanRequestFields(QByteArrayView json);

} // namespace dockside::rules
