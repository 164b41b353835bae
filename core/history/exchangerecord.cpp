// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangerecord.h"

namespace dockside::history {

QString directionName(Direction direction)
{
    switch (direction) {
    case Direction::Inbound:
        return QStringLiteral("inbound");
    case Direction::Outbound:
        return QStringLiteral("outbound");
    }
    return {};
}

RelayMark relayMarkOf(const ExchangeRecord &record)
{
    if (!record.forwarded)
        return RelayMark::NotRelayed;
    return record.forwarded->fallbackAnswered ? RelayMark::FallbackAnswered : RelayMark::Relayed;
}

} // namespace dockside::history
