// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/historystore.h"

#include <QList>
#include <QSignalSpy>
#include <QTest>

namespace dockside::testing {

// Appends the records and waits until SQLite has every one; the ids come in append order (the spool keeps it).
// Empty when the spool could not take them or they did not arrive in time.
inline QList<qint64> appendAndWaitForIds(history::HistoryStore &store, const QList<history::ExchangeRecord> &records,
                                         int timeoutMs = 20000)
{
    QSignalSpy appended(&store, &history::HistoryStore::appended);
    qsizetype stored = 0;
    for (const history::ExchangeRecord &record : records)
        store.append(record, [&stored](bool durable) { stored += durable ? 1 : 0; });
    QList<qint64> ids;
    const bool arrived = QTest::qWaitFor(
        [&] {
            ids.clear();
            for (const QList<QVariant> &arguments : std::as_const(appended))
                ids += arguments.at(0).value<QList<qint64>>();
            return ids.size() >= records.size();
        },
        timeoutMs);
    return arrived && stored == records.size() ? ids : QList<qint64>();
}

} // namespace dockside::testing
