// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenario.h"

#include "base/jsonlocator.h"
#include "base/latencytext.h"
#include "base/loaderror.h"
#include "base/mockclock.h"
#include "base/orderedjson.h"
#include "base/parsing.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace dockside::composer {

using namespace Qt::StringLiterals;
using base::parsing::child;
using base::parsing::describe;
using base::parsing::fail;
using base::parsing::quoted;

namespace {

QStringList allReasonCodes()
{
    QStringList codes;
    for (const contract::Reason reason : contract::kAllReasons)
        codes.append(contract::reasonCode(reason));
    return codes;
}

constexpr std::pair<Signing, const char *> kSignings[] = {
    {Signing::WrongSecret, "wrong_secret"},
    {Signing::StaleTimestamp, "stale_timestamp"},
    {Signing::Unsigned, "unsigned"},
};

// Past the platform's 300 s tolerance, with room for clocks that disagree.
constexpr qint64 kStaleSeconds = 600;

std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 minimum, const QString &path, const QString &what,
                                  QList<base::LoadError> &errors)
{
    const double number = value.toDouble(-1.0);
    if (!value.isDouble() || number != std::floor(number) || number < static_cast<double>(minimum) || number > 1.0e9) {
        fail(errors, path, u"Expected %1; got %2."_s.arg(what, describe(value)));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

// A scenario's or step's "at": an ISO 8601 instant with its UTC offset, so the moment is the same on every machine.
std::optional<QDateTime> instantFromJson(const QJsonValue &value, const QString &path, QList<base::LoadError> &errors)
{
    QString error;
    const std::optional<QDateTime> instant =
        value.isString() ? base::parseClockInstant(value.toString(), &error) : std::nullopt;
    if (!value.isString())
        error = u"Expected the moment as an ISO 8601 instant such as \"2026-12-24T18:00:00+01:00\"; got %1."_s.arg(
            describe(value));
    if (!instant)
        fail(errors, path, error);
    return instant;
}

std::optional<QString> text(const QJsonValue &value, const QString &path, QList<base::LoadError> &errors)
{
    if (!value.isString()) {
        fail(errors, path, u"Expected a string; got %1."_s.arg(describe(value)));
        return std::nullopt;
    }
    return value.toString();
}

// A name that `fromName` turns into an enum value (an event type, a call type, an SDK version).
template<typename FromName>
auto named(const QJsonValue &value, const QString &path, FromName fromName, const QString &expected,
           QList<base::LoadError> &errors) -> decltype(fromName(QString()))
{
    const auto parsed = fromName(value.toString());
    if (!value.isString() || !parsed) {
        fail(errors, path, u"Expected %1; got %2."_s.arg(expected, describe(value)));
        return std::nullopt;
    }
    return parsed;
}

// One name or a list of names; each must convert.
template<typename T, typename Convert>
QList<T> oneOrMany(const QJsonValue &value, const QString &path, const QStringList &allowed, Convert convert,
                   QList<base::LoadError> &errors)
{
    QList<T> result;
    const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray {value};
    if (list.isEmpty())
        fail(errors, path, u"Expected one of %1, or a list of them; got an empty list."_s.arg(allowed.join(u", "_s)));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString itemPath = value.isArray() ? base::parsing::index(path, i) : path;
        const std::optional<T> converted = convert(list.at(i).toString());
        if (!list.at(i).isString() || !converted) {
            fail(errors, itemPath, u"Expected one of %1; got %2."_s.arg(allowed.join(u", "_s), describe(list.at(i))));
            continue;
        }
        result.append(*converted);
    }
    return result;
}

template<typename T, typename Name> QJsonValue namesToJson(const QList<T> &values, Name name)
{
    if (values.size() == 1)
        return name(values.constFirst());
    QJsonArray names;
    for (const T &value : values)
        names.append(name(value));
    return names;
}

std::optional<PointerExpectation> pointerFromJson(const QJsonValue &value, const QString &path,
                                                  QList<base::LoadError> &errors)
{
    if (!value.isObject()) {
        fail(errors, path,
             u"Expected {\"pointer\": \"/assistant/first_message\", \"equals\": <a JSON value>}; got %1."_s.arg(
                 describe(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    base::parsing::rejectUnknownKeys(object, path, {u"pointer"_s, u"equals"_s}, errors);
    const QJsonValue pointerText = object.value(u"pointer"_s);
    QString error;
    const std::optional<base::JsonPointer> pointer =
        pointerText.isString() ? base::JsonPointer::parse(pointerText.toString(), error) : std::nullopt;
    if (!pointer) {
        fail(errors, child(path, u"pointer"_s),
             error.isEmpty()
                 ? u"Expected a JSON pointer such as \"/assistant/first_message\"; got %1."_s.arg(describe(pointerText))
                 : error);
        return std::nullopt;
    }
    if (!object.contains(u"equals"_s)) {
        fail(errors, child(path, u"equals"_s), u"Expected the value the pointer must name (any JSON value)."_s);
        return std::nullopt;
    }
    return PointerExpectation {*pointer, object.value(u"equals"_s)};
}

Expectations expectationsFromJson(const QJsonValue &value, const QString &path, QList<base::LoadError> &errors)
{
    Expectations expect;
    if (!value.isObject()) {
        fail(errors, path,
             u"Expected an object of expectations such as {\"reason\": \"override\"}; got %1."_s.arg(describe(value)));
        return expect;
    }
    const QJsonObject object = value.toObject();
    base::parsing::rejectUnknownKeys(
        object, path,
        {u"disposition"_s, u"reason"_s, u"first_message"_s, u"json_pointer"_s, u"status"_s, u"latency_under_ms"_s},
        errors);
    if (object.contains(u"disposition"_s))
        expect.dispositions =
            oneOrMany<contract::Disposition>(object.value(u"disposition"_s), child(path, u"disposition"_s),
                                             {u"answered"_s, u"rejected"_s}, contract::dispositionFromName, errors);
    if (object.contains(u"reason"_s))
        expect.reasons = oneOrMany<contract::Reason>(object.value(u"reason"_s), child(path, u"reason"_s),
                                                     allReasonCodes(), contract::reasonFromCode, errors);
    if (object.contains(u"first_message"_s)) {
        const QString messagePath = child(path, u"first_message"_s);
        const QJsonObject message = object.value(u"first_message"_s).toObject();
        const bool oneKey = message.size() == 1 && (message.contains(u"equals"_s) || message.contains(u"contains"_s));
        if (!object.value(u"first_message"_s).isObject() || !oneKey) {
            fail(errors, messagePath,
                 u"Expected {\"equals\": \"...\"} or {\"contains\": \"...\"}; got %1."_s.arg(
                     describe(object.value(u"first_message"_s))));
        } else if (message.contains(u"equals"_s)) {
            expect.firstMessageEquals = text(message.value(u"equals"_s), child(messagePath, u"equals"_s), errors);
        } else {
            expect.firstMessageContains = text(message.value(u"contains"_s), child(messagePath, u"contains"_s), errors);
        }
    }
    if (object.contains(u"json_pointer"_s)) {
        const QString pointersPath = child(path, u"json_pointer"_s);
        const QJsonValue pointers = object.value(u"json_pointer"_s);
        if (pointers.isArray()) {
            const QJsonArray list = pointers.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (auto pointer = pointerFromJson(list.at(i), base::parsing::index(pointersPath, i), errors))
                    expect.pointers.append(*pointer);
            }
        } else if (auto pointer = pointerFromJson(pointers, pointersPath, errors)) {
            expect.pointers.append(*pointer);
        }
    }
    if (object.contains(u"status"_s)) {
        if (auto status = wholeNumber(object.value(u"status"_s), 100, child(path, u"status"_s),
                                      u"an HTTP status such as 200"_s, errors)) {
            if (*status > 599)
                fail(errors, child(path, u"status"_s),
                     u"Expected an HTTP status from 100 to 599; got %1."_s.arg(*status));
            else
                expect.status = static_cast<int>(*status);
        }
    }
    if (object.contains(u"latency_under_ms"_s))
        expect.latencyUnderMs = wholeNumber(object.value(u"latency_under_ms"_s), 1, child(path, u"latency_under_ms"_s),
                                            u"a positive number of milliseconds"_s, errors);
    return expect;
}

QString compactJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"nothing (the pointer names no value)"_s;
    const QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

template<typename T, typename Name> QString anyOf(const QList<T> &values, Name name)
{
    QStringList names;
    for (const T &value : values)
        names.append(name(value));
    return names.join(u" or "_s);
}

} // namespace

namespace {

QJsonObject expectationsToJson(const Expectations &expect);

QList<ScenarioStep> stepsFromJson(const QJsonValue &value, const QString &path, QList<base::LoadError> &errors)
{
    QList<ScenarioStep> steps;
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty()) {
        fail(errors, path,
             u"Expected a non-empty array of steps such as {\"body\": {\"message\": {...}}, \"expect\": "
             "{\"status\": 200}}; got %1."_s.arg(describe(value)));
        return steps;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString stepPath = base::parsing::index(path, i);
        const QJsonObject object = array.at(i).toObject();
        if (!array.at(i).isObject()) {
            fail(errors, stepPath,
                 u"Expected a step {\"body\": {...}, \"expect\": {...}}; got %1."_s.arg(describe(array.at(i))));
            continue;
        }
        base::parsing::rejectUnknownKeys(object, stepPath, {u"body"_s, u"expect"_s, u"at"_s}, errors);
        ScenarioStep step;
        if (object.contains(u"at"_s))
            step.at = instantFromJson(object.value(u"at"_s), child(stepPath, u"at"_s), errors);
        const QString bodyPath = child(stepPath, u"body"_s);
        step.body = object.value(u"body"_s).toObject();
        const QString type = step.eventType();
        if (!object.value(u"body"_s).isObject())
            fail(errors, bodyPath,
                 u"Expected the event as the platform sends it, {\"message\": {...}}; got %1."_s.arg(
                     describe(object.value(u"body"_s))));
        else if (!contract::eventTypeFromName(type))
            fail(errors, child(child(bodyPath, u"message"_s), u"type"_s),
                 u"Expected assistant-request, status-update, tool-calls or end-of-call-report; got %1."_s.arg(
                     describe(step.body.value(u"message"_s).toObject().value(u"type"_s))));
        if (object.contains(u"expect"_s)) {
            const QString expectPath = child(stepPath, u"expect"_s);
            step.expect = expectationsFromJson(object.value(u"expect"_s), expectPath, errors);
            if (step.expect.readsOutcome() && type != contract::eventTypeName(contract::EventType::AssistantRequest))
                fail(errors, expectPath,
                     u"disposition, reason and first_message read the call outcome, which exists for "
                     "assistant-request only. Use json_pointer or status instead."_s);
        }
        steps.append(step);
    }
    return steps;
}

} // namespace

bool Expectations::readsOutcome() const
{
    return !dispositions.isEmpty() || !reasons.isEmpty() || firstMessageEquals || firstMessageContains;
}

bool Expectations::isEmpty() const
{
    return !readsOutcome() && pointers.isEmpty() && !status && !latencyUnderMs;
}

std::optional<Scenario> Scenario::fromJson(const QJsonValue &value, const QString &jsonPath,
                                           QList<base::LoadError> &errors)
{
    if (!value.isObject()) {
        fail(errors, jsonPath,
             u"Expected a scenario object such as {\"id\": \"vip\", \"expect\": {\"reason\": \"override\"}}; got %1."_s
                 .arg(describe(value)));
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors.size();
    const QJsonObject object = value.toObject();
    base::parsing::rejectUnknownKeys(object, jsonPath,
                                     {u"id"_s, u"name"_s, u"description"_s, u"event"_s, u"raw_body"_s, u"signature"_s,
                                      u"deadline_ms"_s, u"at"_s, u"expect"_s, u"steps"_s},
                                     errors);
    Scenario scenario;
    const QJsonValue id = object.value(u"id"_s);
    if (!id.isString() || id.toString().trimmed().isEmpty())
        fail(errors, child(jsonPath, u"id"_s),
             u"Expected a non-empty id such as \"vip-greeting\"; got %1."_s.arg(describe(id)));
    scenario.id = id.toString();
    for (const auto &[key, field] :
         {std::pair {u"name"_s, &scenario.name}, std::pair {u"description"_s, &scenario.description}}) {
        if (object.contains(key))
            *field = text(object.value(key), child(jsonPath, key), errors).value_or(QString());
    }

    const bool hasEvent = object.contains(u"event"_s);
    const bool hasSteps = object.contains(u"steps"_s);
    if (hasSteps && (hasEvent || object.contains(u"raw_body"_s)))
        fail(errors, child(jsonPath, u"steps"_s),
             u"A scenario sends \"steps\" (a whole call), \"event\" or \"raw_body\": one of them."_s);
    if (hasSteps)
        scenario.steps = stepsFromJson(object.value(u"steps"_s), child(jsonPath, u"steps"_s), errors);
    if (hasEvent && object.contains(u"raw_body"_s))
        fail(errors, child(jsonPath, u"raw_body"_s), u"A scenario sends either \"event\" or \"raw_body\", not both."_s);
    if (object.contains(u"raw_body"_s)) {
        if (auto body = text(object.value(u"raw_body"_s), child(jsonPath, u"raw_body"_s), errors))
            scenario.rawBody = body->toUtf8();
    }
    if (hasEvent) {
        const QString eventPath = child(jsonPath, u"event"_s);
        const QJsonValue eventValue = object.value(u"event"_s);
        if (!eventValue.isObject()) {
            fail(errors, eventPath,
                 u"Expected an event such as {\"type\": \"assistant-request\", \"caller\": \"+31612345678\"}; got %1."_s
                     .arg(describe(eventValue)));
        } else {
            const QJsonObject event = eventValue.toObject();
            base::parsing::rejectUnknownKeys(
                event, eventPath, {u"type"_s, u"caller"_s, u"called"_s, u"call_type"_s, u"call_id"_s, u"sdk"_s},
                errors);
            if (event.contains(u"type"_s)) {
                const auto type =
                    named(event.value(u"type"_s), child(eventPath, u"type"_s), contract::eventTypeFromName,
                          u"assistant-request, status-update, tool-calls or end-of-call-report"_s, errors);
                if (type)
                    scenario.eventType = *type;
            }
            if (event.contains(u"caller"_s))
                scenario.caller = text(event.value(u"caller"_s), child(eventPath, u"caller"_s), errors);
            if (event.contains(u"called"_s))
                scenario.called = text(event.value(u"called"_s), child(eventPath, u"called"_s), errors);
            if (event.contains(u"call_type"_s)) {
                const auto callType =
                    named(event.value(u"call_type"_s), child(eventPath, u"call_type"_s), contract::callTypeFromName,
                          u"inbound_phone_call, outbound_phone_call or web_call"_s, errors);
                if (callType)
                    scenario.callType = *callType;
            }
            if (event.contains(u"call_id"_s))
                scenario.callId =
                    text(event.value(u"call_id"_s), child(eventPath, u"call_id"_s), errors).value_or(QString());
            if (event.contains(u"sdk"_s)) {
                const auto sdk = named(event.value(u"sdk"_s), child(eventPath, u"sdk"_s), contract::sdkVersionFromName,
                                       u"\"1.0.1\" (the current SDK) or \"1.0.0\""_s, errors);
                if (sdk)
                    scenario.sdk = *sdk;
            }
        }
    }
    if (object.contains(u"signature"_s)) {
        const QJsonValue signing = object.value(u"signature"_s);
        const auto found = std::find_if(std::begin(kSignings), std::end(kSignings), [&](const auto &entry) {
            return signing.toString() == QLatin1String(entry.second);
        });
        if (!signing.isString() || found == std::end(kSignings))
            fail(errors, child(jsonPath, u"signature"_s),
                 u"Expected wrong_secret, stale_timestamp or unsigned (leave it out to sign as the platform does); "
                 "got %1."_s.arg(describe(signing)));
        else
            scenario.signing = found->first;
    }
    if (object.contains(u"deadline_ms"_s))
        scenario.deadlineMs = wholeNumber(object.value(u"deadline_ms"_s), 1, child(jsonPath, u"deadline_ms"_s),
                                          u"a positive number of milliseconds"_s, errors);

    if (object.contains(u"at"_s))
        scenario.at = instantFromJson(object.value(u"at"_s), child(jsonPath, u"at"_s), errors);

    const QString expectPath = child(jsonPath, u"expect"_s);
    if (hasSteps) {
        // A whole call is checked step by step; a top-level expect would not say which answer it reads.
        if (object.contains(u"expect"_s))
            fail(errors, expectPath, u"A scenario with steps puts each expectation in its step."_s);
        else if (errors.size() == errorsBefore &&
                 std::all_of(scenario.steps.cbegin(), scenario.steps.cend(),
                             [](const ScenarioStep &step) { return step.expect.isEmpty(); }))
            fail(errors, child(jsonPath, u"steps"_s), u"At least one step needs an \"expect\"."_s);
    } else if (!object.contains(u"expect"_s)) {
        fail(errors, expectPath, u"A scenario needs expectations, such as \"expect\": {\"reason\": \"override\"}."_s);
    } else {
        scenario.expect = expectationsFromJson(object.value(u"expect"_s), expectPath, errors);
        if (errors.size() == errorsBefore && scenario.expect.isEmpty())
            fail(errors, expectPath,
                 u"Expected at least one of disposition, reason, first_message, json_pointer, status, "
                 "latency_under_ms."_s);
        if (scenario.expect.readsOutcome() && !scenario.rawBody &&
            scenario.eventType != contract::EventType::AssistantRequest)
            fail(errors, expectPath,
                 u"disposition, reason and first_message read the call outcome, which exists for assistant-request "
                 "only: the platform ignores answers to %1. Use json_pointer or status instead."_s.arg(
                     contract::eventTypeName(scenario.eventType)));
    }
    if (errors.size() != errorsBefore)
        return std::nullopt;
    return scenario;
}

QJsonObject Scenario::toJson() const
{
    QJsonObject object {{u"id"_s, id}};
    if (!name.isEmpty())
        object.insert(u"name"_s, name);
    if (!description.isEmpty())
        object.insert(u"description"_s, description);
    if (!steps.isEmpty()) {
        QJsonArray stepArray;
        for (const ScenarioStep &step : steps) {
            QJsonObject stepObject {{u"body"_s, step.body}};
            if (!step.expect.isEmpty())
                stepObject.insert(u"expect"_s, expectationsToJson(step.expect));
            if (step.at)
                stepObject.insert(u"at"_s, base::clockInstantText(*step.at));
            stepArray.append(stepObject);
        }
        object.insert(u"steps"_s, stepArray);
    } else if (rawBody) {
        object.insert(u"raw_body"_s, QString::fromUtf8(*rawBody));
    } else {
        QJsonObject event {{u"type"_s, contract::eventTypeName(eventType)}};
        if (caller)
            event.insert(u"caller"_s, *caller);
        if (called)
            event.insert(u"called"_s, *called);
        if (callType)
            event.insert(u"call_type"_s, contract::callTypeName(*callType));
        if (!callId.isEmpty())
            event.insert(u"call_id"_s, callId);
        if (sdk)
            event.insert(u"sdk"_s, contract::sdkVersionName(*sdk));
        object.insert(u"event"_s, event);
    }
    for (const auto &[signingMode, signingName] : kSignings) {
        if (signing == signingMode)
            object.insert(u"signature"_s, QString::fromLatin1(signingName));
    }
    if (deadlineMs)
        object.insert(u"deadline_ms"_s, *deadlineMs);
    if (at)
        object.insert(u"at"_s, base::clockInstantText(*at));
    if (steps.isEmpty())
        object.insert(u"expect"_s, expectationsToJson(expect));
    return object;
}

namespace {

QJsonObject expectationsToJson(const Expectations &expect)
{
    QJsonObject expectObject;
    if (!expect.dispositions.isEmpty())
        expectObject.insert(u"disposition"_s, namesToJson(expect.dispositions, contract::dispositionName));
    if (!expect.reasons.isEmpty())
        expectObject.insert(u"reason"_s, namesToJson(expect.reasons, contract::reasonCode));
    if (expect.firstMessageEquals)
        expectObject.insert(u"first_message"_s, QJsonObject {{u"equals"_s, *expect.firstMessageEquals}});
    else if (expect.firstMessageContains)
        expectObject.insert(u"first_message"_s, QJsonObject {{u"contains"_s, *expect.firstMessageContains}});
    if (!expect.pointers.isEmpty()) {
        QJsonArray pointers;
        for (const PointerExpectation &pointer : expect.pointers)
            pointers.append(QJsonObject {{u"pointer"_s, pointer.pointer.text()}, {u"equals"_s, pointer.equals}});
        expectObject.insert(u"json_pointer"_s, pointers);
    }
    if (expect.status)
        expectObject.insert(u"status"_s, *expect.status);
    if (expect.latencyUnderMs)
        expectObject.insert(u"latency_under_ms"_s, *expect.latencyUnderMs);
    return expectObject;
}

} // namespace

QString ScenarioStep::eventType() const
{
    return body.value(u"message"_s).toObject().value(u"type"_s).toString();
}

SendOptions Scenario::stepSendOptions(qsizetype step, const QString &runCallId, const QByteArray &secret) const
{
    SendOptions options = sendOptions(secret);
    QJsonObject body = steps.at(step).body;
    QJsonObject message = body.value(u"message"_s).toObject();
    QJsonObject call = message.value(u"call"_s).toObject();
    call.insert(u"id"_s, runCallId);
    message.insert(u"call"_s, call);
    if (message.contains(u"timestamp"_s))
        message.insert(u"timestamp"_s, contract::isoTimestamp(QDateTime::currentDateTimeUtc()));
    body.insert(u"message"_s, message);
    options.rawBody = contract::serializeEvent(body);
    if (const auto type = contract::eventTypeFromName(steps.at(step).eventType()))
        options.event.type = *type;
    options.event.callId = runCallId;
    if (steps.at(step).at)
        options.callAt = steps.at(step).at;
    return options;
}

SendOptions Scenario::sendOptions(const QByteArray &secret) const
{
    SendOptions options;
    QByteArray wrongSecret = QByteArrayLiteral("whsec_dockside_deliberately_wrong");
    if (wrongSecret == secret)
        wrongSecret += '_';
    switch (signing) {
    case Signing::AsConfigured:
        options.secret = secret;
        break;
    case Signing::WrongSecret:
        options.secret = wrongSecret;
        break;
    case Signing::StaleTimestamp:
        options.secret = secret.isEmpty() ? wrongSecret : secret;
        options.signatureTimestamp = QDateTime::currentSecsSinceEpoch() - kStaleSeconds;
        break;
    case Signing::Unsigned:
        break;
    }
    options.event.type = eventType;
    if (caller)
        options.event.customerNumber = *caller;
    if (called)
        options.event.phoneNumber = *called;
    if (callType)
        options.event.callType = *callType;
    options.event.callId = callId;
    if (sdk)
        options.event.sdk = *sdk;
    contract::fillEarlierSdkReportFields(options.event, QDateTime::currentDateTimeUtc());
    options.rawBody = rawBody;
    options.deadlineMs = deadlineMs;
    options.callAt = at;
    return options;
}

QList<Scenario> scenariosFromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors)
{
    QList<Scenario> scenarios;
    if (value.isUndefined())
        return scenarios;
    if (!value.isArray()) {
        fail(errors, jsonPath, u"Expected an array of scenarios; got %1."_s.arg(describe(value)));
        return scenarios;
    }
    const QJsonArray list = value.toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = base::parsing::index(jsonPath, i);
        if (auto scenario = Scenario::fromJson(list.at(i), path, errors)) {
            if (ids.contains(scenario->id)) {
                fail(errors, child(path, u"id"_s), u"The id %1 is used twice."_s.arg(quoted(scenario->id)));
                continue;
            }
            ids.insert(scenario->id);
            scenarios.append(*scenario);
        }
    }
    return scenarios;
}

QJsonArray scenariosToJson(const QList<Scenario> &scenarios)
{
    QJsonArray list;
    for (const Scenario &scenario : scenarios)
        list.append(scenario.toJson());
    return list;
}

const base::JsonShape &scenarioShape()
{
    static const base::JsonShape pointer {{"pointer"_L1, "equals"_L1}, {}};
    static const base::JsonShape expect {
        {"disposition"_L1, "reason"_L1, "first_message"_L1, "json_pointer"_L1, "status"_L1, "latency_under_ms"_L1},
        {{"json_pointer"_L1, &pointer}}};
    static const base::JsonShape event {{"type"_L1, "caller"_L1, "called"_L1, "call_type"_L1, "call_id"_L1, "sdk"_L1},
                                        {}};
    static const base::JsonShape step {{"at"_L1, "body"_L1, "expect"_L1}, {{"expect"_L1, &expect}}};
    static const base::JsonShape shape {{"id"_L1, "name"_L1, "description"_L1, "event"_L1, "raw_body"_L1, "steps"_L1,
                                         "signature"_L1, "deadline_ms"_L1, "at"_L1, "expect"_L1},
                                        {{"event"_L1, &event}, {"steps"_L1, &step}, {"expect"_L1, &expect}}};
    return shape;
}

ScenarioFileLoad parseScenarioFile(const QByteArray &json)
{
    ScenarioFileLoad load;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const base::TextPosition position = base::textPositionOfOffset(json, parseError.offset);
        load.errors.append(
            {u"$"_s, position.line, position.column, u"Not valid JSON: %1."_s.arg(parseError.errorString())});
        return load;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(u"dockside_scenarios"_s);
    if (!document.isObject() || !version.isDouble()) {
        fail(load.errors, u"$"_s, u"A scenario file is an object {\"dockside_scenarios\": 1, \"scenarios\": [...]}."_s);
    } else if (version.toDouble() != kScenarioFileVersion) {
        fail(load.errors, u"$.dockside_scenarios"_s,
             u"This scenario file has format %1; this Dockside reads format %2."_s.arg(describe(version))
                 .arg(kScenarioFileVersion));
    } else {
        base::parsing::rejectUnknownKeys(root, u"$"_s, {u"dockside_scenarios"_s, u"scenarios"_s}, load.errors);
        if (!root.contains(u"scenarios"_s))
            fail(load.errors, u"$.scenarios"_s, u"Expected an array of scenarios."_s);
        load.scenarios = scenariosFromJson(root.value(u"scenarios"_s), u"$.scenarios"_s, load.errors);
    }
    base::locateLoadErrors(json, load.errors);
    if (!load.errors.isEmpty())
        load.scenarios.clear();
    return load;
}

QByteArray serializeScenarioFile(const QList<Scenario> &scenarios)
{
    static const base::JsonShape file {{"dockside_scenarios"_L1, "scenarios"_L1}, {{"scenarios"_L1, &scenarioShape()}}};
    return base::toOrderedJson(
        QJsonObject {{u"dockside_scenarios"_s, kScenarioFileVersion}, {u"scenarios"_s, scenariosToJson(scenarios)}},
        file);
}

ScenarioTextLoad parseScenarioText(const QByteArray &json)
{
    ScenarioTextLoad load;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const base::TextPosition position = base::textPositionOfOffset(json, parseError.offset);
        load.errors.append(
            {u"$"_s, position.line, position.column, u"Not valid JSON: %1."_s.arg(parseError.errorString())});
        return load;
    }
    if (!document.isObject())
        fail(load.errors, u"$"_s,
             u"A scenario is a JSON object, like {\"id\": \"vip\", \"expect\": {\"status\": 200}}."_s);
    else
        load.scenario = Scenario::fromJson(document.object(), u"$"_s, load.errors);
    base::locateLoadErrors(json, load.errors);
    if (!load.errors.isEmpty())
        load.scenario.reset();
    return load;
}

QByteArray serializeScenario(const Scenario &scenario)
{
    return base::toOrderedJson(scenario.toJson(), scenarioShape());
}

bool ScenarioResult::passed() const
{
    return !cancelled && std::all_of(expectations.cbegin(), expectations.cend(), [](const ExpectationResult &result) {
        return result.passed;
    });
}

QList<ExpectationResult> ScenarioResult::failedExpectations() const
{
    QList<ExpectationResult> failed;
    std::copy_if(expectations.cbegin(), expectations.cend(), std::back_inserter(failed),
                 [](const ExpectationResult &result) { return !result.passed; });
    return failed;
}

QString ScenarioResult::summary() const
{
    if (cancelled)
        return u"cancelled before an answer arrived\n"_s;
    QString text = transportError.isEmpty()
        ? u"HTTP %1 in %2\n"_s.arg(httpStatus).arg(base::oneDecimalMilliseconds(latencyUs))
        : u"no answer after %1: %2\n"_s.arg(base::oneDecimalMilliseconds(latencyUs), transportError);
    if (outcome)
        text += contract::outcomeToText(*outcome);
    else if (!responseBody.isEmpty())
        text += QString::fromUtf8(responseBody) + u'\n';
    return text;
}

ScenarioResult evaluateScenario(const Scenario &scenario, const SendResult &result)
{
    ScenarioResult evaluated;
    evaluated.scenarioId = scenario.id;
    evaluated.scenarioName = scenario.displayName();
    evaluated.transport = result.transport;
    evaluated.transportError = result.transportError;
    evaluated.httpStatus = result.record.responseStatus;
    evaluated.responseBody = result.record.responseBody;
    evaluated.latencyUs = result.latencyUs;
    evaluated.outcome = result.outcome;

    const bool answered = result.answered();
    const QString noAnswer = u"no answer: "_s + result.transportError;
    const Expectations &expect = scenario.expect;
    const auto add = [&evaluated](const QString &name, const QString &expected, const QString &actual, bool passed) {
        evaluated.expectations.append({name, expected, actual, passed});
    };
    // Outcome expectations still apply without an answer: the platform then uses the default assistant.
    const auto outcomeActual = [&](const QString &value) {
        return answered ? value : u"%1 (%2)"_s.arg(value, noAnswer);
    };
    const QString noOutcome = answered
        ? u"no call outcome: the platform applies answers to assistant-request only, this was %1"_s.arg(
              result.record.eventType.isEmpty() ? u"not a recognised event"_s : result.record.eventType)
        : noAnswer;

    if (!expect.dispositions.isEmpty()) {
        const QString expected = anyOf(expect.dispositions, contract::dispositionName);
        if (!result.outcome)
            add(u"disposition"_s, expected, noOutcome, false);
        else
            add(u"disposition"_s, expected, outcomeActual(contract::dispositionName(result.outcome->disposition)),
                expect.dispositions.contains(result.outcome->disposition));
    }
    if (!expect.reasons.isEmpty()) {
        const QString expected = anyOf(expect.reasons, contract::reasonCode);
        if (!result.outcome)
            add(u"reason"_s, expected, noOutcome, false);
        else
            add(u"reason"_s, expected, outcomeActual(contract::reasonCode(result.outcome->reason)),
                expect.reasons.contains(result.outcome->reason));
    }
    if (expect.firstMessageEquals || expect.firstMessageContains) {
        const bool equals = expect.firstMessageEquals.has_value();
        const QString name = equals ? u"first_message equals"_s : u"first_message contains"_s;
        const QString wanted = equals ? *expect.firstMessageEquals : *expect.firstMessageContains;
        if (!result.outcome) {
            add(name, quoted(wanted), noOutcome, false);
        } else {
            const QString spoken = result.outcome->spokenFirst;
            add(name, quoted(wanted), outcomeActual(quoted(spoken)),
                equals ? spoken == wanted : spoken.contains(wanted));
        }
    }
    if (!expect.pointers.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(result.record.responseBody, &parseError);
        const QJsonValue body = document.isObject() ? QJsonValue(document.object())
            : document.isArray()                    ? QJsonValue(document.array())
                                                    : QJsonValue(QJsonValue::Undefined);
        for (const PointerExpectation &pointer : expect.pointers) {
            const QString name =
                u"json_pointer "_s + (pointer.pointer.text().isEmpty() ? u"(whole body)"_s : pointer.pointer.text());
            const QString expected = compactJson(pointer.equals);
            if (!answered) {
                add(name, expected, noAnswer, false);
            } else if (body.isUndefined()) {
                add(name, expected,
                    result.record.responseBody.isEmpty() ? u"an empty body"_s
                                                         : u"a body that is not JSON: "_s + parseError.errorString(),
                    false);
            } else {
                const QJsonValue actual = pointer.pointer.resolve(body).value_or(QJsonValue(QJsonValue::Undefined));
                add(name, expected, compactJson(actual), actual == pointer.equals);
            }
        }
    }
    if (expect.status) {
        const QString expected = QString::number(*expect.status);
        if (!answered)
            add(u"status"_s, expected, noAnswer, false);
        else
            add(u"status"_s, expected, QString::number(result.record.responseStatus),
                result.record.responseStatus == *expect.status);
    }
    if (expect.latencyUnderMs) {
        const QString expected = u"under %1 ms"_s.arg(*expect.latencyUnderMs);
        if (!answered)
            add(u"latency_under_ms"_s, expected, noAnswer, false);
        else
            add(u"latency_under_ms"_s, expected, base::oneDecimalMilliseconds(result.latencyUs),
                result.latencyUs < *expect.latencyUnderMs * 1000);
    }
    return evaluated;
}

} // namespace dockside::composer
