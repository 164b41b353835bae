// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"
#include "workspace/responsetemplate.h"

#include <QByteArray>

namespace dockside::mock {

// How long a template holds its answer: a hang lasts past the platform's deadline.
qint64 holdTimeMs(const workspace::ResponseTemplate &responseTemplate, qint64 platformDeadlineMs);

// The body that goes on the wire: a broken_json fault cuts it in half.
QByteArray bodyOnTheWire(workspace::Fault fault, const QByteArray &body);

// What the platform observes of an answer: a hang is a timeout, a dropped connection is unreachable.
contract::Exchange observedExchange(workspace::Fault fault, int status, const QByteArray &body, qint64 holdMs);

} // namespace dockside::mock
