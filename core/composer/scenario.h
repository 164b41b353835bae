// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "base/orderedjson.h"
#include "sendoptions.h"
#include "sendresult.h"

#include "base/jsonpointer.h"
#include "contract/callevent.h"
#include "contract/calloutcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::composer {

inline constexpr int kScenarioFileVersion = 1;

// A scenario in a workspace's "scenarios" array or a scenario file ({"dockside_scenarios": 1, "scenarios": [...]}):
//
//   {
//     "id": "vip-greeting",                      required, unique
//     "name": "VIP greeting by name",            default: the id
//     "description": "What it shows",
//     "event": {                                 default: an assistant-request with the composer's defaults
//       "type": "assistant-request",             or status-update, tool-calls, end-of-call-report
//       "caller": "+31612345678",
//       "called": "+31850835037",
//       "call_type": "inbound_phone_call",       or outbound_phone_call, web_call (numbers become null)
//       "call_id": "call-1",                     default: a fresh UUID per run
//       "sdk": "1.0.0"                           the SDK whose payload types the event follows: "1.0.1" (default, the
//                                                current one) or "1.0.0" (adds end_reason, started_at, ended_at and
//                                                phone_number.id, for webhooks written against older SDKs)
//     },
//     "raw_body": "{\"message\": ...}",          sent byte for byte instead of "event"
//     "signature": "wrong_secret",               or "stale_timestamp" (10 minutes old), "unsigned"; default: signed
//                                                with the suite's secret as the platform does (unsigned without one)
//     "deadline_ms": 5000,                       default: 5000 for assistant-request, else 20000
//     "at": "2026-12-24T18:00:00+01:00",         the moment the webhook's clock should read (business hours): sent
//                                                as X-Dockside-Clock, which Dockside's mock endpoint honours from
//                                                this machine when allowed; a step may have its own "at"
//     "steps": [                                 instead of "event" or "raw_body": a whole call, sent in order, each
//     step
//       {"body": {"message": {...}},             a platform event as captured (dockside-cli history call
//        "expect": {"status": 200}}              --save-scenario writes them); every run gives the steps one fresh
//     ],                                         call id and the time of sending; each step's expect is optional
//     "expect": {                                at least one of (optional with steps):
//       "disposition": "answered",               or "rejected", or a list of acceptable ones
//       "reason": "override",                    a CONTRACT.md §4 reason code, or a list of acceptable ones
//       "first_message": {"equals": "Hi"},       or {"contains": "Hi"}: what the caller hears first
//       "json_pointer": [{"pointer": "/assistant/first_message", "equals": "Hi"}],  into the answer body
//       "status": 200,
//       "latency_under_ms": 1000
//     }
//   }
//
// disposition, reason and first_message read the call outcome, which the platform computes for assistant-requests
// only; json_pointer, status and latency_under_ms read the answer itself and fit every event type.
struct PointerExpectation {
    base::JsonPointer pointer;
    QJsonValue equals;

    friend bool operator==(const PointerExpectation &, const PointerExpectation &) = default;
};

struct Expectations {
    QList<contract::Disposition> dispositions; // any of these passes
    QList<contract::Reason> reasons; // any of these passes
    std::optional<QString> firstMessageEquals;
    std::optional<QString> firstMessageContains;
    QList<PointerExpectation> pointers;
    std::optional<int> status;
    std::optional<qint64> latencyUnderMs;

    bool readsOutcome() const;
    bool isEmpty() const;

    friend bool operator==(const Expectations &, const Expectations &) = default;
};

// One event of a whole-call scenario: the body as the platform sent it, and what its answer must be.
struct ScenarioStep {
    QJsonObject body;
    Expectations expect; // may be empty: the step is sent, its answer not checked
    std::optional<QDateTime> at; // sent as X-Dockside-Clock; unset: the scenario's
    QString eventType() const; // message.type
    friend bool operator==(const ScenarioStep &, const ScenarioStep &) = default;
};

// How a scenario signs its event: a webhook must accept the platform's signature and should refuse the others.
enum class Signing { AsConfigured, WrongSecret, StaleTimestamp, Unsigned };

struct Scenario {
    QString id;
    QString name;
    QString description;
    contract::EventType eventType = contract::EventType::AssistantRequest;
    std::optional<QString> caller;
    std::optional<QString> called;
    std::optional<contract::CallType> callType;
    QString callId;
    std::optional<contract::SdkVersion> sdk; // unset: the current SDK, and the file keeps leaving it out
    std::optional<QByteArray> rawBody;
    std::optional<qint64> deadlineMs;
    std::optional<QDateTime> at; // the moment the webhook's clock should read, sent as X-Dockside-Clock
    Signing signing = Signing::AsConfigured;
    Expectations expect;
    QList<ScenarioStep> steps; // a whole call instead of one event

    // nullopt, with every problem in errors named by its JSON path, when value is not a valid scenario.
    static std::optional<Scenario> fromJson(const QJsonValue &value, const QString &jsonPath,
                                            QList<base::LoadError> &errors);
    QJsonObject toJson() const;
    QString displayName() const { return name.isEmpty() ? id : name; }
    // The send this scenario makes, signed as it asks with secret (the suite's); the caller adds the URL and default
    // assistant. A wrong or stale signature is made even without a secret, with one of Dockside's own.
    SendOptions sendOptions(const QByteArray &secret = {}) const;
    // Step `step` of a whole-call scenario, its body given this run's call id and the time of sending.
    SendOptions stepSendOptions(qsizetype step, const QString &callId, const QByteArray &secret = {}) const;

    friend bool operator==(const Scenario &, const Scenario &) = default;
};

// A list of scenarios, each id once; errors name the path of every problem.
QList<Scenario> scenariosFromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors);
QJsonArray scenariosToJson(const QList<Scenario> &scenarios);
const base::JsonShape &scenarioShape();

struct ScenarioFileLoad {
    QList<Scenario> scenarios;
    QList<base::LoadError> errors; // with line and column when the path names a place in the file
};
// A scenario file, as `dockside-cli check --scenarios` and the GUI's export read and write it.
ScenarioFileLoad parseScenarioFile(const QByteArray &json);
QByteArray serializeScenarioFile(const QList<Scenario> &scenarios);

struct ScenarioTextLoad {
    std::optional<Scenario> scenario; // nullopt when there is any error
    QList<base::LoadError> errors; // with line and column when the path names a place in the text
};
// One scenario object as text, as an editor holds it; the paths start at "$" (the scenario itself).
ScenarioTextLoad parseScenarioText(const QByteArray &json);
// The scenario as parseScenarioText reads it: the file's key order, two-space indent.
QByteArray serializeScenario(const Scenario &scenario);

struct ExpectationResult {
    QString name; // "reason", "json_pointer /assistant/first_message"
    QString expected;
    QString actual;
    bool passed = false;
};

struct ScenarioResult {
    QString scenarioId;
    QString scenarioName;
    QList<ExpectationResult> expectations;
    contract::Transport transport = contract::Transport::Completed;
    QString transportError; // empty when an answer arrived
    int httpStatus = 0;
    QByteArray responseBody;
    qint64 latencyUs = 0;
    std::optional<contract::CallOutcome> outcome;
    bool cancelled = false; // the suite was cancelled before this scenario had an answer

    bool passed() const;
    QList<ExpectationResult> failedExpectations() const;
    double latencyMs() const { return static_cast<double>(latencyUs) / 1000.0; }
    // What happened, for a person: the status and latency, then the outcome or the answer body.
    QString summary() const;
};

// Compares what happened with what the scenario expects, one result per expectation. Without an answer every
// expectation on the answer fails with the transport error as its actual value.
ScenarioResult evaluateScenario(const Scenario &scenario, const SendResult &result);

} // namespace dockside::composer
