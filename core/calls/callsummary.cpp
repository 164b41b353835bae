// SPDX-License-Identifier: GPL-3.0-or-later

#include "callsummary.h"

#include "contract/callevent.h"
#include "contract/calloutcome.h"

#include <QCoreApplication>

#include <algorithm>

namespace dockside::calls {

QString callOutcomeName(CallOutcomeKind kind)
{
    switch (kind) {
    case CallOutcomeKind::Overrides:
        return QStringLiteral("overrides");
    case CallOutcomeKind::DefaultAssistant:
        return QStringLiteral("default");
    case CallOutcomeKind::Rejected:
        return QStringLiteral("rejected");
    case CallOutcomeKind::NoAssistantRequest:
        break;
    }
    return QStringLiteral("no_assistant_request");
}

QString callOutcomeLabel(CallOutcomeKind kind)
{
    switch (kind) {
    case CallOutcomeKind::Overrides:
        return QCoreApplication::translate("Calls", "Answered with overrides");
    case CallOutcomeKind::DefaultAssistant:
        return QCoreApplication::translate("Calls", "Default assistant");
    case CallOutcomeKind::Rejected:
        return QCoreApplication::translate("Calls", "Rejected");
    case CallOutcomeKind::NoAssistantRequest:
        break;
    }
    return QCoreApplication::translate("Calls", "No assistant-request seen");
}

CallOutcomeKind outcomeKindOf(contract::Disposition disposition, contract::Reason reason)
{
    if (disposition == contract::Disposition::Rejected)
        return CallOutcomeKind::Rejected;
    return reason == contract::Reason::Override ? CallOutcomeKind::Overrides : CallOutcomeKind::DefaultAssistant;
}

qint64 deadlineMsFor(const QString &eventType)
{
    return eventType == contract::eventTypeName(contract::EventType::AssistantRequest)
        ? contract::kAssistantRequestDeadlineMs
        : contract::kOtherEventsDeadlineMs;
}

qint64 CallSummary::newestExchangeId() const
{
    qint64 newest = 0;
    for (const history::ExchangeSummary &exchange : exchanges)
        newest = std::max(newest, exchange.id);
    return newest;
}

CallSummary summarizeCall(const QString &callId, const QList<history::ExchangeSummary> &exchanges)
{
    CallSummary call;
    call.callId = callId;
    call.exchanges = exchanges;
    bool first = true;
    bool assistantRequestSeen = false;
    double worstShare = -1.0;
    for (const history::ExchangeSummary &exchange : exchanges) {
        if (first || exchange.receivedAtUs < call.firstAtUs)
            call.firstAtUs = exchange.receivedAtUs;
        call.lastAtUs = first ? exchange.receivedAtUs + exchange.latencyUs
                              : std::max(call.lastAtUs, exchange.receivedAtUs + exchange.latencyUs);
        if (first || call.callerNumber.isEmpty())
            call.callerNumber = exchange.callerNumber;
        if (first)
            call.direction = exchange.direction;
        first = false;

        const qint64 deadlineMs = deadlineMsFor(exchange.eventType);
        const double share = static_cast<double>(exchange.latencyUs) / static_cast<double>(deadlineMs * 1000);
        if (share > worstShare) {
            worstShare = share;
            call.worstLatencyUs = exchange.latencyUs;
            call.worstDeadlineMs = deadlineMs;
            call.worstExchangeId = exchange.id;
        }
        // The first assistant-request decides; a second one is a flag on the time axis, not a new outcome.
        if (assistantRequestSeen ||
            exchange.eventType != contract::eventTypeName(contract::EventType::AssistantRequest))
            continue;
        assistantRequestSeen = true;
        call.outcomeReason = exchange.outcomeReason;
        call.outcome = outcomeKindOf(
            contract::dispositionFromName(exchange.outcomeDisposition).value_or(contract::Disposition::Answered),
            contract::reasonFromCode(exchange.outcomeReason).value_or(contract::Reason::Default));
    }
    return call;
}

} // namespace dockside::calls
