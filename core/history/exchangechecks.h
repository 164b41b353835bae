// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include "contract/calloutcome.h"
#include "contract/signature.h"

#include <QJsonObject>

#include <optional>

namespace dockside::history {

bool isAssistantRequest(const ExchangeRecord &record);

// What the platform observed of a recorded answer: the status, body and latency, or the failure the record tells
// of. A recorded timeout stays a timeout; with no answer and no recorded reason, the latency against the deadline
// tells a timeout from an unreachable webhook.
contract::Exchange observedExchange(const ExchangeRecord &record, qint64 deadlineMs);

// The full call outcome of a recorded assistant-request, recomputed through the core so the window and the CLI
// agree; nullopt for any other exchange.
std::optional<contract::CallOutcome> recordedOutcome(const ExchangeRecord &record, const QJsonObject &defaultAssistant,
                                                     qint64 deadlineMs = contract::kAssistantRequestDeadlineMs);

// The signature check the record tells of, its stale age measured from the request's own timestamp header;
// nullopt when the signature was not checked (outbound exchanges, non-VoiceDock requests).
std::optional<contract::SignatureCheck> recordedSignatureCheck(const ExchangeRecord &record);

} // namespace dockside::history
