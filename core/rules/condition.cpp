// SPDX-License-Identifier: GPL-3.0-or-later

#include "condition.h"

#include "base/parsing.h"
#include "requestcontext.h"

#include "base/loaderror.h"
#include "contacts/contact.h"
#include "contract/signature.h"

namespace dockside::rules {

namespace {

const QString kKind = QStringLiteral("kind");
const QString kNegate = QStringLiteral("negate");
const QString kName = QStringLiteral("name");
const QString kPointer = QStringLiteral("pointer");
const QString kEquals = QStringLiteral("equals");
const QString kExists = QStringLiteral("exists");
const QString kField = QStringLiteral("field");

const QList<Condition::Kind> &allKinds()
{
    static const QList<Condition::Kind> kinds {
        Condition::Kind::Event,         Condition::Kind::Caller,       Condition::Kind::Called,
        Condition::Kind::BusinessHours, Condition::Kind::Header,       Condition::Kind::JsonPointer,
        Condition::Kind::ContactKnown,  Condition::Kind::ContactField, Condition::Kind::Signature};
    return kinds;
}

// The verdicts a rule usually wants, then every precise result of the check.
const QStringList &signatureValues()
{
    static const QStringList values = [] {
        QStringList list {QStringLiteral("valid"), QStringLiteral("failed"), QStringLiteral("invalid"),
                          QStringLiteral("missing"), QStringLiteral("unchecked")};
        for (const contract::SignatureStatus status :
             {contract::SignatureStatus::Mismatch, contract::SignatureStatus::StaleTimestamp,
              contract::SignatureStatus::MalformedSignature, contract::SignatureStatus::MalformedTimestamp,
              contract::SignatureStatus::MissingTimestamp, contract::SignatureStatus::MissingSignature,
              contract::SignatureStatus::NoSecret})
            list.append(contract::signatureStatusCode(status));
        return list;
    }();
    return values;
}

// Which of valid, invalid, missing or unchecked the check of this request comes to; "failed" is invalid or missing.
QString signatureVerdict(const RequestContext &context)
{
    if (!context.signature || *context.signature == contract::SignatureStatus::NoSecret)
        return QStringLiteral("unchecked");
    if (*context.signature == contract::SignatureStatus::Valid)
        return QStringLiteral("valid");
    // Either of the two headers the platform always sends being absent is "missing", whichever it is.
    const bool missing = *context.signature == contract::SignatureStatus::MissingSignature ||
        *context.signature == contract::SignatureStatus::MissingTimestamp;
    return missing ? QStringLiteral("missing") : QStringLiteral("invalid");
}

QString jsonText(const QJsonValue &value)
{
    return value.isString() ? base::parsing::quoted(value.toString()) : base::parsing::describe(value);
}

QString optionalText(const QString &text)
{
    return text.isEmpty() ? QString() : base::parsing::quoted(text);
}

} // namespace

QString Condition::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Event:
        return QStringLiteral("event");
    case Kind::Caller:
        return QStringLiteral("caller");
    case Kind::Called:
        return QStringLiteral("called");
    case Kind::BusinessHours:
        return QStringLiteral("business_hours");
    case Kind::Header:
        return QStringLiteral("header");
    case Kind::JsonPointer:
        return QStringLiteral("json_pointer");
    case Kind::ContactKnown:
        return QStringLiteral("contact_known");
    case Kind::ContactField:
        return QStringLiteral("contact_field");
    case Kind::Signature:
        return QStringLiteral("signature");
    }
    return QString();
}

std::optional<Condition> Condition::fromJson(const QJsonValue &value, const QString &jsonPath,
                                             QList<base::LoadError> &errors)
{
    QStringList kindNames;
    for (const Kind kind : allKinds())
        kindNames.append(kindName(kind));
    if (!value.isObject()) {
        base::parsing::fail(
            errors, jsonPath,
            QStringLiteral("Expected a condition object such as {\"kind\": \"caller\", \"prefix\": \"+49\"}; "
                           "got %1.")
                .arg(base::parsing::describe(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const QJsonValue kindValue = object.value(kKind);
    const qsizetype kindIndex = kindNames.indexOf(kindValue.toString());
    if (!kindValue.isString() || kindIndex < 0) {
        base::parsing::fail(errors, base::parsing::child(jsonPath, kKind),
                            QStringLiteral("Expected one of %1; got %2.")
                                .arg(kindNames.join(QStringLiteral(", ")), base::parsing::describe(kindValue)));
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors.size();
    Condition condition;
    condition.m_kind = allKinds().at(kindIndex);

    const QJsonValue negate = object.value(kNegate);
    if (!negate.isUndefined() && !negate.isBool())
        base::parsing::fail(errors, base::parsing::child(jsonPath, kNegate),
                            QStringLiteral("Expected true or false; got %1.").arg(base::parsing::describe(negate)));
    condition.m_negate = negate.toBool(false);

    QStringList known {kKind, kNegate};
    switch (condition.m_kind) {
    case Kind::Event:
    case Kind::Caller:
    case Kind::Called:
    case Kind::Header: {
        known += TextMatcher::jsonKeys();
        if (condition.m_kind == Kind::Header) {
            known.append(kName);
            const QJsonValue name = object.value(kName);
            if (!name.isString() || name.toString().trimmed().isEmpty())
                base::parsing::fail(errors, base::parsing::child(jsonPath, kName),
                                    QStringLiteral("Expected a header name such as \"X-Tenant\"; got %1.")
                                        .arg(base::parsing::describe(name)));
            condition.m_name = name.toString().trimmed();
        }
        const bool numbers = condition.m_kind == Kind::Caller || condition.m_kind == Kind::Called;
        condition.m_text = TextMatcher::fromJson(object, jsonPath, numbers, errors);
        break;
    }
    case Kind::BusinessHours:
        known << QStringLiteral("zone") << QStringLiteral("hours");
        condition.m_hours = BusinessHours::fromJson(object, jsonPath, errors);
        break;
    case Kind::JsonPointer: {
        known << kPointer << kEquals << kExists;
        const QJsonValue pointer = object.value(kPointer);
        QString pointerError;
        if (!pointer.isString()) {
            base::parsing::fail(errors, base::parsing::child(jsonPath, kPointer),
                                QStringLiteral("Expected a JSON pointer such as \"/message/call/type\"; got %1.")
                                    .arg(base::parsing::describe(pointer)));
        } else if (!(condition.m_pointer = base::JsonPointer::parse(pointer.toString(), pointerError))) {
            base::parsing::fail(errors, base::parsing::child(jsonPath, kPointer), pointerError);
        }
        const bool hasEquals = object.contains(kEquals);
        const bool hasExists = object.contains(kExists);
        if (hasEquals == hasExists)
            base::parsing::fail(errors, jsonPath,
                                QStringLiteral("Expected either \"equals\": <a JSON value> or \"exists\": true."));
        else if (hasExists && object.value(kExists) != QJsonValue(true))
            base::parsing::fail(errors, base::parsing::child(jsonPath, kExists),
                                QStringLiteral("Expected true (use \"negate\": true for \"does not exist\"); got %1.")
                                    .arg(base::parsing::describe(object.value(kExists))));
        condition.m_equals = hasEquals ? object.value(kEquals) : QJsonValue(QJsonValue::Undefined);
        break;
    }
    case Kind::ContactKnown:
        break;
    case Kind::ContactField: {
        known << kField << kEquals;
        const QJsonValue field = object.value(kField);
        const QStringList fields = contacts::Contact::fieldNames();
        if (!field.isString() || !fields.contains(field.toString())) {
            base::parsing::fail(errors, base::parsing::child(jsonPath, kField),
                                QStringLiteral("Expected a contact field (%1); got %2.")
                                    .arg(fields.join(QStringLiteral(", ")), base::parsing::describe(field)));
            break;
        }
        condition.m_name = field.toString();
        const QJsonValue equals = object.value(kEquals);
        const bool isVip = condition.m_name == QLatin1String("vip");
        if (isVip ? !equals.isBool() : !equals.isString())
            base::parsing::fail(errors, base::parsing::child(jsonPath, kEquals),
                                QStringLiteral("Expected %1 to compare with contact field \"%2\"; got %3.")
                                    .arg(isVip ? QStringLiteral("true or false") : QStringLiteral("a string"),
                                         condition.m_name, base::parsing::describe(equals)));
        condition.m_equals = equals;
        break;
    }
    case Kind::Signature: {
        known << kEquals;
        const QJsonValue equals = object.value(kEquals);
        if (!equals.isString() || !signatureValues().contains(equals.toString()))
            base::parsing::fail(
                errors, base::parsing::child(jsonPath, kEquals),
                QStringLiteral("Expected the signature check to compare with: valid, failed, invalid, missing or "
                               "unchecked, or a precise result (%1); got %2.")
                    .arg(signatureValues().mid(5).join(QStringLiteral(", ")), base::parsing::describe(equals)));
        condition.m_equals = equals;
        break;
    }
    }
    base::parsing::rejectUnknownKeys(object, jsonPath, known, errors);
    if (errors.size() != errorsBefore)
        return std::nullopt;
    return condition;
}

QJsonObject Condition::toJson() const
{
    QJsonObject json {{kKind, kindName(m_kind)}};
    if (m_negate)
        json.insert(kNegate, true);
    if (m_kind == Kind::Header)
        json.insert(kName, m_name);
    if (m_text)
        m_text->writeJson(json);
    if (m_hours)
        m_hours->writeJson(json);
    if (m_kind == Kind::JsonPointer) {
        json.insert(kPointer, m_pointer ? m_pointer->text() : QString());
        if (m_equals.isUndefined())
            json.insert(kExists, true);
        else
            json.insert(kEquals, m_equals);
    }
    if (m_kind == Kind::ContactField) {
        json.insert(kField, m_name);
        json.insert(kEquals, m_equals);
    }
    if (m_kind == Kind::Signature)
        json.insert(kEquals, m_equals);
    return json;
}

QString Condition::describe() const
{
    // A default-constructed condition has no matcher; fromJson always sets the parts its kind needs.
    const QString matcher = m_text ? m_text->describe(true) : QString();
    QString text;
    switch (m_kind) {
    case Kind::Event:
        text = QStringLiteral("event type ") + matcher;
        break;
    case Kind::Caller:
        text = QStringLiteral("caller ") + matcher;
        break;
    case Kind::Called:
        text = QStringLiteral("called number ") + matcher;
        break;
    case Kind::Header:
        text = QStringLiteral("header ") + m_name + QLatin1Char(' ') + matcher;
        break;
    case Kind::BusinessHours:
        if (!m_hours)
            return QString();
        // "not within" reads badly; the negated form has a word of its own.
        return (m_negate ? QStringLiteral("outside business hours (") : QStringLiteral("within business hours (")) +
            m_hours->describeHours() + QStringLiteral(", ") + m_hours->zoneId() + QLatin1Char(')');
    case Kind::JsonPointer:
        text = QStringLiteral("JSON pointer ") + base::parsing::quoted(m_pointer ? m_pointer->text() : QString()) +
            (m_equals.isUndefined() ? QStringLiteral(" exists") : QStringLiteral(" is ") + jsonText(m_equals));
        break;
    case Kind::ContactKnown:
        return m_negate ? QStringLiteral("caller is not in the contact book")
                        : QStringLiteral("caller is in the contact book");
    case Kind::ContactField:
        text = QStringLiteral("contact ") + m_name + QStringLiteral(" is ") + jsonText(m_equals);
        break;
    case Kind::Signature:
        text = QStringLiteral("signature check is ") + m_equals.toString();
        break;
    }
    return m_negate ? QStringLiteral("not (") + text + QLatin1Char(')') : text;
}

ConditionResult Condition::evaluate(const RequestContext &context, Explanation explanation) const
{
    const bool explain = explanation == Explanation::Given;
    ConditionResult result = evaluateUnnegated(context, explain);
    if (m_negate) {
        result.matched = !result.matched;
        if (explain)
            result.explanation = QStringLiteral("not: ") + result.explanation;
    }
    return result;
}

// Each kind works out whether it matches first; the words (most of the cost) only when they are asked for.
ConditionResult Condition::evaluateUnnegated(const RequestContext &context, bool explain) const
{
    auto textResult = [this, explain](const QString &subject, const std::optional<QString> &text) {
        const bool matched = m_text && m_text->matches(text);
        if (!explain)
            return ConditionResult {text.has_value() && matched, QString()};
        if (!text && m_text->mode() == TextMatcher::Mode::Exists)
            return ConditionResult {false, subject + QStringLiteral(" is absent")};
        if (!text)
            return ConditionResult {false, subject + QStringLiteral(" is absent, so it ") + m_text->describe(false)};
        return ConditionResult {matched,
                                subject + QLatin1Char(' ') + base::parsing::quoted(*text) + QLatin1Char(' ') +
                                    m_text->describe(matched)};
    };
    auto present = [](const QString &text) { return text.isEmpty() ? std::nullopt : std::optional<QString>(text); };

    switch (m_kind) {
    case Kind::Event:
        return textResult(QStringLiteral("event type"), present(context.eventType));
    case Kind::Caller:
        return textResult(QStringLiteral("caller"), present(context.callerNumber));
    case Kind::Called:
        return textResult(QStringLiteral("called number"), present(context.calledNumber));
    case Kind::Header:
        return textResult(QStringLiteral("header ") + m_name, context.header(m_name));
    case Kind::BusinessHours: {
        if (!context.time.isValid())
            return {false, QStringLiteral("the request has no receive time, so it is not within business hours")};
        if (!explain)
            return {m_hours->contains(context.time), QString()};
        const BusinessHours::Verdict verdict = m_hours->judge(context.time);
        const bool open = verdict.open;
        return {open,
                verdict.moment + (open ? QStringLiteral(" is within ") : QStringLiteral(" is outside ")) +
                    QStringLiteral("business hours (") + m_hours->describeHours() + QLatin1Char(')')};
    }
    case Kind::JsonPointer: {
        const std::optional<QJsonValue> found = m_pointer->resolve(context.body.value());
        const bool equal = found && (m_equals.isUndefined() || *found == m_equals);
        if (!explain)
            return {equal, QString()};
        const QString where = QStringLiteral("JSON pointer ") + base::parsing::quoted(m_pointer->text());
        if (!found)
            return {false, where + QStringLiteral(" names nothing in the request")};
        if (m_equals.isUndefined())
            return {true, where + QStringLiteral(" exists")};
        return {equal,
                where + QStringLiteral(" is ") + jsonText(*found) +
                    (equal ? QString() : QStringLiteral(", not ") + jsonText(m_equals))};
    }
    case Kind::ContactKnown:
        if (!explain)
            return {!context.callerNumber.isEmpty() && context.contact.has_value(), QString()};
        if (context.callerNumber.isEmpty())
            return {false, QStringLiteral("the request has no caller number, so there is no contact")};
        if (!context.contact)
            return {false,
                    QStringLiteral("caller ") + base::parsing::quoted(context.callerNumber) +
                        QStringLiteral(" is not in the contact book")};
        return {true,
                QStringLiteral("caller ") + base::parsing::quoted(context.callerNumber) +
                    QStringLiteral(" is in the contact book") +
                    (context.contact->name.isEmpty() ? QString()
                                                     : QStringLiteral(" as ") + optionalText(context.contact->name))};
    case Kind::ContactField: {
        const QJsonValue actual =
            context.contact ? context.contact->field(m_name).value_or(QJsonValue()) : QJsonValue(QJsonValue::Undefined);
        const bool equal = context.contact && actual == m_equals;
        if (!explain)
            return {equal, QString()};
        const QString subject = QStringLiteral("contact ") + m_name;
        if (!context.contact)
            return {false,
                    QStringLiteral("no contact for the caller, so ") + subject + QStringLiteral(" is not ") +
                        jsonText(m_equals)};
        return {equal,
                subject + QStringLiteral(" is ") + jsonText(actual) +
                    (equal ? QString() : QStringLiteral(", not ") + jsonText(m_equals))};
    }
    case Kind::Signature: {
        const QString wanted = m_equals.toString();
        const QString verdict = signatureVerdict(context);
        const QString code = context.signature ? contract::signatureStatusCode(*context.signature) : QString();
        const bool failed = verdict == QLatin1String("invalid") || verdict == QLatin1String("missing");
        const bool matched =
            wanted == verdict || (!code.isEmpty() && wanted == code) || (failed && wanted == QLatin1String("failed"));
        if (!explain)
            return {matched, QString()};
        QString found;
        if (!context.signature)
            found = QStringLiteral("the signature was not checked: the request is no VoiceDock event");
        else if (*context.signature == contract::SignatureStatus::NoSecret)
            found = QStringLiteral("the signature was not checked: no secret is configured");
        else
            found = QStringLiteral("the signature check found ") + base::parsing::quoted(code) +
                (code == verdict ? QString() : QStringLiteral(" (") + verdict + QLatin1Char(')'));
        return {matched, matched ? found : found + QStringLiteral(", not ") + base::parsing::quoted(wanted)};
    }
    }
    return {false, QString()};
}

} // namespace dockside::rules
