// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangechecks.h"

#include "contract/callevent.h"

namespace dockside::history {

bool isAssistantRequest(const ExchangeRecord &record)
{
    return record.eventType == contract::eventTypeName(contract::EventType::AssistantRequest);
}

contract::Exchange observedExchange(const ExchangeRecord &record, qint64 deadlineMs)
{
    contract::Exchange exchange;
    exchange.latencyMs = record.latencyUs / 1000;
    exchange.transportError = record.error;
    // The record's reason was decided under the deadline then in force, which the record does not keep.
    const bool recordedTimeout = record.outcomeReason == contract::reasonCode(contract::Reason::Timeout);
    if (recordedTimeout) {
        exchange.transport = contract::Transport::TimedOut;
    } else if (record.responseStatus != 0) {
        exchange.httpStatus = record.responseStatus;
        exchange.body = record.responseBody;
    } else {
        // No status: no answer reached the platform. Without a recorded reason, the clock tells which failure.
        const bool late = record.outcomeReason.isEmpty() && record.latencyUs >= deadlineMs * 1000;
        exchange.transport = late ? contract::Transport::TimedOut : contract::Transport::Unreachable;
    }
    return exchange;
}

std::optional<contract::CallOutcome> recordedOutcome(const ExchangeRecord &record, const QJsonObject &defaultAssistant,
                                                     qint64 deadlineMs)
{
    if (!isAssistantRequest(record))
        return std::nullopt;
    contract::OutcomeInput input;
    input.exchange = observedExchange(record, deadlineMs);
    input.deadlineMs = deadlineMs;
    input.defaultAssistant = defaultAssistant;
    return contract::computeOutcome(input);
}

std::optional<contract::SignatureCheck> recordedSignatureCheck(const ExchangeRecord &record)
{
    const std::optional<contract::SignatureStatus> status = contract::signatureStatusFromCode(record.signatureStatus);
    if (!status)
        return std::nullopt;
    contract::SignatureCheck check;
    check.status = *status;
    check.signedString = record.signedString;
    // Read as the check itself read it (the SDK's lenient parseInt): "1700000000.5" is 1700000000, not unreadable.
    if (const auto timestamp = record.request.header(contract::kTimestampHeader)) {
        if (const std::optional<qint64> seconds = contract::parseIntLikeJavaScript(timestamp->trimmed()))
            check.ageSeconds = record.request.receivedAtUs / 1000000 - *seconds;
    }
    return check;
}

} // namespace dockside::history
