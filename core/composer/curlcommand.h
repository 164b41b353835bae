// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QString>

namespace dockside::composer {

// A shell command that sends the exchange's request again, byte for byte; single quotes make it safe to paste.
// Binary bodies go through printf so no byte is lost.
QString curlCommand(const history::ExchangeRecord &record);

} // namespace dockside::composer
