// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "difftablemodel.h"

#include "history/exchangerecord.h"

#include <QList>

namespace dockside::ui {

// Two exchanges field by field: the request line and facts, each header (matched by name, ignoring case, and by
// occurrence), the answer, and both bodies (JSON flattened to pointers, text line by line, binary as a whole).
QList<DiffRow> diffExchanges(const history::ExchangeRecord &left, const history::ExchangeRecord &right);

// "#12 · inbound · POST /webhook · 200 · 2025-12-13 12:00:01.123": one line that names an exchange.
QString exchangeCaption(const history::ExchangeRecord &record);

} // namespace dockside::ui
