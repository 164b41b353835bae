// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/historyfilter.h"

#include <QtGlobal>

#include <map>
#include <optional>

namespace dockside::ui {

// The filter limited to ids firstId .. lastId as well.
history::HistoryFilter boundedTo(const history::HistoryFilter &filter, qint64 firstId, qint64 lastId);

// A keyset query that reaches some positions: rows past afterId in order, after skipping skip of them.
struct TimelinePlan {
    qint64 afterId = 0;
    qint64 skip = 0;
    Qt::SortOrder order = Qt::DescendingOrder;
};

// Where the timeline's rows sit. Positions count from the oldest matching row, so they stay put while new rows
// arrive at the top; the ids known at some positions let any position be reached from the nearest one.
class TimelinePositions final {
public:
    void reset(qint64 count, qint64 topId);
    /*! Rows with ids up to newTopId arrived at the top. */
    void grow(qint64 rows, qint64 newTopId);

    qint64 count() const { return m_count; }
    qint64 topId() const { return m_topId; }

    void remember(qint64 position, qint64 id);
    std::optional<qint64> idAt(qint64 position) const;

    /*! The query for positions first .. first + size - 1 from the nearest known id, above or below. */
    TimelinePlan plan(qint64 first, qint64 size) const;
    /*! The filter limited to the rows these positions count, so rows that arrived since never shift a query. */
    history::HistoryFilter bounded(const history::HistoryFilter &filter) const;

private:
    static constexpr std::size_t kMaxAnchors = 100000;

    qint64 m_count = 0;
    qint64 m_topId = 0;
    std::map<qint64, qint64> m_anchors; // position -> id
};

} // namespace dockside::ui
