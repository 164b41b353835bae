// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QByteArray>

#include <optional>

namespace dockside::history {

// A compact binary form of every field of a record, for the spool that makes an answer durable before SQLite has it.
QByteArray encodeRecord(const ExchangeRecord &record);
// Nothing when the bytes are not a whole record of this format (a torn write, another version).
std::optional<ExchangeRecord> decodeRecord(const QByteArray &bytes);

// A relayed exchange's second leg on its own, as the history's tables keep it.
QByteArray encodeForwardedLeg(const ForwardedLeg &leg);
std::optional<ForwardedLeg> decodeForwardedLeg(const QByteArray &bytes);

} // namespace dockside::history
