// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QString>

namespace dockside::history {

// The timeline columns of one exchange: no headers, no bodies.
struct ExchangeSummary {
    qint64 id = 0;
    Direction direction = Direction::Inbound;
    qint64 receivedAtUs = 0;
    QString method;
    QString path;
    QString eventType;
    QString callerNumber;
    int responseStatus = 0;
    qint64 latencyUs = 0;
    QString signatureStatus;
    QString outcomeDisposition;
    QString outcomeReason;
    QString error;
    qint64 requestBodySize = 0;
    qint64 responseBodySize = 0;
    RelayMark relay = RelayMark::NotRelayed;
    QString callId; // message.call.id; empty for requests that are no VoiceDock event
};

} // namespace dockside::history
