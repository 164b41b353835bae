// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

namespace dockside::bench {

// The benchmarks' history: calls of five events each (assistant-request, two status updates around a tool call, the
// end-of-call report), with bodies of the sizes the platform sends, a tenth of the calls played by the composer.
inline constexpr qint64 kEventsPerCall = 5;

struct GeneratedCall {
    QString id;
    QString caller;
    history::Direction direction = history::Direction::Inbound;
};

// Exchange i (from 1) of the history; call carries the current call from one of its events to the next.
history::ExchangeRecord makeRecord(qint64 i, qint64 receivedAtUs, QRandomGenerator &random, GeneratedCall &call);

// The schema comes from HistoryStore itself; the rows go in through SQLite in one transaction, indexed for search as
// the writer's background indexer leaves them. Ids follow time, the newest a second ago.
bool generateHistory(const QString &path, qint64 rows);

// Generates the history at path unless it exists; notes and prints how long that took.
bool ensureHistory(const QString &path, qint64 rows, QJsonObject *result);

} // namespace dockside::bench
