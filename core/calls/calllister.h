#pragma once

#include "callsummary.h"

#include "history/exchangesource.h"
#include "history/historyfilter.h"

#include <QList>
#include <QSet>
#include <QString>

#include <limits>

namespace dockside::calls {

// Lists calls newest first: the calls with at least one exchange that matches the filter, ordered by their newest
// matching exchange. It walks the matching exchanges by id and gathers each new call's exchanges by the call index,
// so a page costs its calls' exchanges, not the history's size. Use it on the source's thread.
class CallLister {
public:
    CallLister(history::ExchangeSource &source, history::HistoryFilter filter);

    /*! Up to limit calls after those returned so far; fewer at the end, empty with lastError() on an error. */
    QList<CallSummary> next(int limit);
    bool atEnd() const { return m_atEnd; }
    QString lastError() const { return m_lastError; }

    /*! One call's exchanges in id order (unfiltered); empty with lastError() when it has none or on an error. */
    static QList<history::ExchangeSummary> exchangesOf(history::ExchangeSource &source, const QString &callId,
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
