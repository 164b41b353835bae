// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QByteArray>
#include <QString>

#include <array>

namespace dockside::teamhistory {

// The columns of dockside_exchanges that one copied record fills, in the order teamInsertStatement() names them; the
// record itself is the one binary parameter.
inline constexpr int kTeamRowColumns = 20;
inline constexpr int kTeamRecordColumn = 18;

// "INSERT … VALUES ($1::uuid, …), (…) … ON CONFLICT (origin, origin_id) DO NOTHING RETURNING id" for rows rows.
QString teamInsertStatement(int rows);

// One record's parameters for teamInsertStatement(), as libpq takes them: the timeline's columns as text (UTF-8,
// without NUL), the whole record as bytes, and its search words.
struct TeamRowParameters {
    std::array<QByteArray, kTeamRowColumns> values;
};
TeamRowParameters teamRowParameters(const QByteArray &origin, const history::ExchangeRecord &record);

// The words the full-text search finds a record by (history::searchTokens of its text bodies), once each, separated
// by spaces, so PostgreSQL's parser splits them exactly there.
QString teamSearchWords(const history::ExchangeRecord &record);

// "to_tsquery('simple', …)" text that ANDs each word of user text as a prefix; empty when no word can match.
QString teamSearchQuery(const QString &text);

} // namespace dockside::teamhistory
