// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::base {

// Milliseconds with the precision a reader needs: "0.04", "3.2", "120". A mock answer takes tens of microseconds,
// and "0" would read as "not measured".
QString millisecondsText(qint64 microseconds);

// "0.3 ms", "4.1 ms", "41 ms", "6100 ms": tenths only while they matter, for times read one after another.
QString roundedMilliseconds(qint64 microseconds);

// "12.3 ms": always one decimal, for a figure read against a whole-millisecond deadline or limit.
QString oneDecimalMilliseconds(qint64 microseconds);

} // namespace dockside::base
