// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "callsummary.h"

#include "history/exchangesource.h"
#include "history/historyfilter.h"

#include <QList>
#include <QSet>
#include <QString>

#include <limits>
#include <optional>

namespace dockside::calls {

// Lists calls newest first: the calls with at least one exchange that matches the filter, ordered by their newest
// matching exchange. A call is its exchanges of one direction (see exchangesOf). It walks the matching exchanges by id
// and gathers each new call's exchanges by the call index, so a page costs its calls' exchanges, not the history's
// size. Use it on the source's thread.
class CallLister {
public:
    CallLister(history::ExchangeSource &source, history::HistoryFilter filter);

    /*! Up to limit calls after those returned so far; fewer at the end, empty with lastError() on an error. */
    QList<CallSummary> next(int limit);
    bool atEnd() const { return m_atEnd; }
    QString lastError() const { return m_lastError; }

    /*! One call's exchanges in id order, as one end saw them; empty with errorMessage when it has none or on an
        error. A call the composer played at Dockside's own mock endpoint is recorded twice, once each way, and each
        way is a call of its own. */
    static QList<history::ExchangeSummary> exchangesOf(history::ExchangeSource &source, const QString &callId,
                                                       history::Direction direction, QString *errorMessage);
    /*! The call's records in id order, every one read in full; empty with errorMessage when the call has none or one
        of them cannot be read. */
    static QList<history::ExchangeRecord> loadCall(history::ExchangeSource &source, const QString &callId,
                                                   history::Direction direction, QString *errorMessage);
    /*! The way a call was recorded: inbound when it was, else outbound; nullopt when the history has neither. */
    static std::optional<history::Direction> directionOf(history::ExchangeSource &source, const QString &callId,
                                                         QString *errorMessage);

private:
    history::ExchangeSource &m_source;
    history::HistoryFilter m_filter;
    qint64 m_afterId = std::numeric_limits<qint64>::max();
    QSet<QString> m_seen;
    bool m_atEnd = false;
    QString m_lastError;
};

} // namespace dockside::calls
