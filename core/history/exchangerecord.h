// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace dockside::history {

enum class Direction { Inbound, Outbound };

// The second leg of a relayed exchange: what went on to the developer's webhook and what it answered. The body
// forwarded is the request's own, byte for byte, so it is not kept twice.
struct ForwardedLeg {
    QString upstreamUrl; // with the path suffix and query
    base::HeaderList requestHeaders; // as forwarded, Host first
    bool resigned = false; // X-Webhook-Signature was computed anew with the webhook's secret
    int responseStatus = 0; // 0: no complete answer
    QByteArray reasonPhrase;
    base::HeaderList responseHeaders; // as the webhook sent them
    QByteArray responseBody;
    // From when the forwarded request left: connection set-up (0 on a reused connection) and the first answer byte.
    std::optional<qint64> connectUs;
    std::optional<qint64> firstByteUs;
    qint64 sentAfterUs = 0; // from the request's arrival to the forwarded request leaving
    qint64 finishedAfterUs = 0; // from the request's arrival to the answer, the failure or the end of waiting
    qint64 deadlineMs = 0; // the platform's, for this event
    QString error; // why there is no answer: refused, reset, DNS, TLS, too large, no answer in time
    QString verdict; // relay::verdictName(): in_time, late, failed, no_answer_in_time
    QString lateAnswer; // relay::lateAnswerName(): faithful or fallback
    bool fallbackAnswered = false; // the caller got the fallback template, not the webhook's answer

    bool operator==(const ForwardedLeg &) const = default;
};

// One request and its answer, with everything the timeline and the detail view show.
struct ExchangeRecord {
    qint64 id = 0; // assigned by the store
    Direction direction = Direction::Inbound;
    base::CapturedRequest request;
    QString url; // outbound: where it was sent; inbound: the endpoint's own URL

    // What is known about the VoiceDock event, when it is one.
    QString eventType; // "assistant-request", or empty for a non-VoiceDock request
    QString callId;
    QString callerNumber;
    QString calledNumber;
    QString signatureStatus; // contract::signatureStatusCode(), or empty when not checked
    QByteArray signedString;
    // Why a failed signature failed (contract::diagnoseSignature), kept as found: explaining it again later would need
    // the secret, which the history must never hold, and the secret in force may have changed since.
    QString signatureDiagnosisCode;
    QString signatureDiagnosis;

    // The answer.
    int responseStatus = 0; // 0: no answer was sent (connection closed, transport failure)
    base::HeaderList responseHeaders;
    QByteArray responseBody;
    QString templateId;
    QString ruleId;
    QString error; // a template that could not render, a transport failure

    qint64 latencyUs = 0; // from the last request byte to the answer leaving (inbound) or arriving (outbound)
    // Outbound only, where the transport tells: connection set-up (0 on a reused connection) and the answer's first
    // byte, both counted from the moment the request started.
    std::optional<qint64> connectUs;
    std::optional<qint64> firstByteUs;

    // The call outcome, for assistant-requests.
    QString outcomeDisposition; // "answered" / "rejected"
    QString outcomeReason; // contract::reasonCode()
    QString spokenFirst;

    // Inbound: the moment the rules were evaluated at when it was not the real time ("evaluated at
    // 2026-12-24T18:00:00+01:00 (clock pinned at …)", "… (X-Dockside-Clock)"), and why an X-Dockside-Clock header was
    // ignored or refused. Empty on the real clock without the header.
    QString clockNote;

    // Relayed exchanges only: the request above is what arrived, the answer above is what the caller got.
    std::optional<ForwardedLeg> forwarded;
};

QString directionName(Direction direction);

// Whether an inbound exchange went on to the developer's webhook, and who answered the platform; the timeline's badge.
enum class RelayMark { NotRelayed = 0, Relayed = 1, FallbackAnswered = 2 };
RelayMark relayMarkOf(const ExchangeRecord &record);

} // namespace dockside::history
