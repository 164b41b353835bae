// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/ruleaction.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace dockside::routing {

// Who calls: a contact, a number the user typed or pasted, or an unknown number for a country prefix a rule names.
struct RoutingCaller {
    enum class Source { Contact, Typed, UnknownForPrefix };
    QString number; // normalised, as the endpoint reads message.customer.number
    QString label; // the contact's name, "typed", or "unknown +49"
    Source source = Source::Typed;

    static QString sourceName(Source source); // "contact", "typed", "unknown"
    friend bool operator==(const RoutingCaller &, const RoutingCaller &) = default;
};

// What the mock endpoint does with one assistant-request: the rule, the template (or the A/B arms and the one this
// call's id lands on, or the webhook it forwards to), and the platform's outcome of the answer.
struct RoutingCell {
    enum class Kind { Answered, Rejected, Forwarded };

    bool matched = false; // false: no rule matched, the fallback template (or the default forward) answers
    QString ruleId;
    QString ruleName;
    QString templateId; // the template that answers; with a split, the arm this call lands on
    QList<rules::SplitArm> arms; // the rule's A/B split, empty for one template
    int arm = -1;
    QString forwardUrl; // forwarded to the developer's webhook: it decides, unless it is late and a fallback answers
    QString fallbackTemplateId;
    Kind kind = Kind::Answered;
    QString reason; // the outcome's reason code (contract::reasonCode); empty when forwarded
    QString spokenFirst; // what the caller hears first
    QString error; // the template could not be rendered

    static QString kindName(Kind kind); // "answered", "rejected", "forwarded"
    // "closed → template reject (rejected)"; "ab-greeting → A/B default 50 % | personalize-greeting 50 % → ..."
    QString describeRoute() const;
    // describeRoute() and the first words: "closed → template reject (rejected): “Sorry, we are closed…”"
    QString summary(int firstWordsLength = 60) const;
    QJsonObject toJson() const;

    friend bool operator==(const RoutingCell &, const RoutingCell &) = default;
};

// The first words of a text, at most maxLength characters, with an ellipsis when cut.
QString firstWords(const QString &text, int maxLength);

} // namespace dockside::routing
