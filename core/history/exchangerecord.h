#pragma once

#include "base/capturedrequest.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace dockside::history {

enum class Direction { Inbound, Outbound };

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
};

QString directionName(Direction direction);

} // namespace dockside::history
