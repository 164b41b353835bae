// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"
#include "history/exchangesummary.h"

#include <QList>
#include <QString>

namespace dockside::calls {

// How a call went for the caller, from its assistant-request (CONTRACT.md §4).
enum class CallOutcomeKind { Overrides, DefaultAssistant, Rejected, NoAssistantRequest };

QString callOutcomeName(CallOutcomeKind kind); // "overrides", "default", "rejected", "no_assistant_request"
// The kind of a call whose assistant-request was decided so.
CallOutcomeKind outcomeKindOf(contract::Disposition disposition, contract::Reason reason);
QString callOutcomeLabel(CallOutcomeKind kind); // as a person reads it

// One line of the calls list: what its exchanges' timeline columns tell, without reading any body.
struct CallSummary {
    QString callId;
    qint64 firstAtUs = 0;
    qint64 lastAtUs = 0;
    QString callerNumber;
    history::Direction direction = history::Direction::Inbound;
    CallOutcomeKind outcome = CallOutcomeKind::NoAssistantRequest;
    QString outcomeReason; // contract::reasonCode() of the assistant-request, when there is one
    // The exchange that came closest to (or went furthest past) its deadline.
    qint64 worstLatencyUs = 0;
    qint64 worstDeadlineMs = 0;
    qint64 worstExchangeId = 0;
    QList<history::ExchangeSummary> exchanges; // as given to summarizeCall; a list opens a call in place on them

    qint64 durationUs() const { return lastAtUs - firstAtUs; }
    int exchangeCount() const { return static_cast<int>(exchanges.size()); }
    qint64 newestExchangeId() const;
    bool anyLate() const { return worstLatencyUs > worstDeadlineMs * 1000; }
};

// The deadline the platform gives an event (CONTRACT.md §1).
qint64 deadlineMsFor(const QString &eventType);

// Folds one call's exchanges (any order) into its line.
CallSummary summarizeCall(const QString &callId, const QList<history::ExchangeSummary> &exchanges);

} // namespace dockside::calls
