// SPDX-License-Identifier: GPL-3.0-or-later

#include "plannedanswer.h"

namespace dockside::mock {

qint64 holdTimeMs(const workspace::ResponseTemplate &responseTemplate, qint64 platformDeadlineMs)
{
    if (responseTemplate.fault == workspace::Fault::Hang)
        return std::max<qint64>(responseTemplate.delayMs, platformDeadlineMs + 1000);
    return responseTemplate.delayMs;
}

QByteArray bodyOnTheWire(workspace::Fault fault, const QByteArray &body)
{
    if (fault != workspace::Fault::BrokenJson)
        return body;
    // Half a JSON document is never a JSON document, which is the point of this fault.
    return body.size() < 2 ? QByteArrayLiteral("{") : body.left(body.size() / 2);
}

contract::Exchange observedExchange(workspace::Fault fault, int status, const QByteArray &body, qint64 holdMs)
{
    contract::Exchange exchange;
    exchange.latencyMs = holdMs;
    switch (fault) {
    case workspace::Fault::Hang:
        exchange.transport = contract::Transport::TimedOut;
        break;
    case workspace::Fault::CloseWithoutAnswer:
        exchange.transport = contract::Transport::Unreachable;
        exchange.transportError = QStringLiteral("the connection was closed without an answer");
        break;
    case workspace::Fault::None:
    case workspace::Fault::BrokenJson:
        exchange.httpStatus = status;
        exchange.body = body;
        break;
    }
    return exchange;
}

} // namespace dockside::mock
