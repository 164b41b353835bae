// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/jsonpointer.h"
#include "base/loaderror.h"
#include "businesshours.h"
#include "explanation.h"
#include "textmatcher.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::rules {

struct RequestContext;

struct ConditionResult {
    bool matched = false;
    QString explanation; // "caller \"+31612345678\" is in the list [...]"
};

// One test a rule makes of a request. In JSON {"kind": ..., "negate": false, ...}; the kinds and their keys:
//   event           a text matcher on the event type (see TextMatcher)
//   caller, called  a text matcher on message.customer.number / message.phone_number.number
//   business_hours  "zone" and "hours" (see BusinessHours)
//   header          "name" and a text matcher on the value
//   json_pointer    "pointer" and either "equals": <any JSON value> or "exists": true
//   contact_known   nothing else: the caller is in the contact book
//   contact_field   "field" and "equals": a string, or a bool for "vip"
//   signature       "equals": the mock endpoint's signature check of the request, one of "valid", "failed" (any
//                   failure of verification: invalid or missing), "invalid" (both headers sent, but it does not
//                   verify: wrong secret, stale or malformed), "missing" (no X-Webhook-Signature or no
//                   X-Webhook-Timestamp), "unchecked" (no secret configured, or no VoiceDock event), or a precise
//                   result such as "mismatch" or "stale_timestamp" (contract::signatureStatusCode)
class Condition {
public:
    enum class Kind {
        Event,
        Caller,
        Called,
        BusinessHours,
        Header,
        JsonPointer,
        ContactKnown,
        ContactField,
        Signature
    };

    static std::optional<Condition> fromJson(const QJsonValue &value, const QString &jsonPath,
                                             QList<base::LoadError> &errors);
    QJsonObject toJson() const;

    // With "negate" the result is flipped; the explanation still says what was found (left empty when skipped).
    ConditionResult evaluate(const RequestContext &context, Explanation explanation = Explanation::Given) const;
    // The condition in words for a rule list: "caller starts with \"+49\"", "outside business hours (...)".
    QString describe() const;

    Kind kind() const { return m_kind; }
    bool isNegated() const { return m_negate; }

    static QString kindName(Kind kind);
    friend bool operator==(const Condition &, const Condition &) = default;

private:
    ConditionResult evaluateUnnegated(const RequestContext &context, bool explain) const;

    Kind m_kind = Kind::Event;
    bool m_negate = false;
    std::optional<TextMatcher> m_text;
    std::optional<BusinessHours> m_hours;
    std::optional<base::JsonPointer> m_pointer;
    QString m_name; // header name, or contact field
    QJsonValue m_equals; // json_pointer, contact_field and signature; undefined for "exists"
};

} // namespace dockside::rules
