// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QString>
#include <QVariantList>

namespace dockside::teamhistory {

// The columns of dockside_exchanges that one copied record fills, in the order teamInsertStatement() names them.
inline constexpr int kTeamRowColumns = 20;

// "INSERT … VALUES (…), (…) … ON CONFLICT (origin, origin_id) DO NOTHING RETURNING id" for rows rows.
QString teamInsertStatement(int rows);

// One record's values for teamInsertStatement(): the timeline's columns, the whole record, and its search words.
QVariantList teamRowValues(const QString &origin, const history::ExchangeRecord &record);

// The words the full-text search finds a record by (history::searchTokens of its text bodies), once each, separated
// by spaces, so PostgreSQL's parser splits them exactly there.
QString teamSearchWords(const history::ExchangeRecord &record);

// "to_tsquery('simple', …)" text that ANDs each word of user text as a prefix; empty when no word can match.
QString teamSearchQuery(const QString &text);

} // namespace dockside::teamhistory
