// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QJsonObject>

namespace dockside::history {

// Dockside's own export of one exchange: every field, bodies as text or base64 ("bodyEncoding").
QJsonObject exchangeToJson(const ExchangeRecord &record);

// One HAR 1.2 entry; Dockside's extra fields start with "_" as the format allows.
QJsonObject exchangeToHarEntry(const ExchangeRecord &record);
QJsonObject harCreator();

} // namespace dockside::history
