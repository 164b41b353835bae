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

} // namespace dockside::history
