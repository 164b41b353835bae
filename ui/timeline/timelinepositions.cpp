// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelinepositions.h"

namespace dockside::ui {

void TimelinePositions::reset(qint64 count, qint64 topId)
{
    m_count = count;
    m_topId = topId;
    m_anchors.clear();
}

void TimelinePositions::grow(qint64 rows, qint64 newTopId)
{
    m_count += rows;
    m_topId = std::max(m_topId, newTopId);
}

void TimelinePositions::remember(qint64 position, qint64 id)
{
    if (position < 0 || position >= m_count || id <= 0)
        return;
    // Anchors only make queries cheaper; past the bound the nearest ones are rebuilt as pages come in.
    if (m_anchors.size() >= kMaxAnchors)
        m_anchors.clear();
    m_anchors[position] = id;
}

std::optional<qint64> TimelinePositions::idAt(qint64 position) const
{
    const auto found = m_anchors.find(position);
    if (found == m_anchors.end())
        return std::nullopt;
    return found->second;
}

TimelinePlan TimelinePositions::plan(qint64 first, qint64 size) const
{
    const qint64 last = first + std::max<qint64>(size, 1) - 1;
    // Downwards from the nearest known id above the range; past the top, the id after the newest row.
    qint64 above = m_count;
    qint64 aboveId = m_topId + 1;
    if (const auto found = m_anchors.upper_bound(last); found != m_anchors.end()) {
        above = found->first;
        aboveId = found->second;
    }
    // Upwards from the nearest known id below it; below the oldest row, id 0.
    qint64 below = -1;
    qint64 belowId = 0;
    if (auto found = m_anchors.lower_bound(first); found != m_anchors.begin()) {
        --found;
        below = found->first;
        belowId = found->second;
    }
    const qint64 skipDown = std::max<qint64>(above - last - 1, 0);
    const qint64 skipUp = std::max<qint64>(first - below - 1, 0);
    if (skipDown <= skipUp)
        return {aboveId, skipDown, Qt::DescendingOrder};
    return {belowId, skipUp, Qt::AscendingOrder};
}

history::HistoryFilter TimelinePositions::bounded(const history::HistoryFilter &filter) const
{
    return boundedTo(filter, 1, m_topId);
}

history::HistoryFilter boundedTo(const history::HistoryFilter &filter, qint64 firstId, qint64 lastId)
{
    history::HistoryFilter result = filter;
    result.idRanges.clear();
    for (const history::IdRange &range : filter.idRanges) {
        const history::IdRange clipped {std::max(range.first, firstId), std::min(range.last, lastId)};
        if (clipped.first <= clipped.last)
            result.idRanges.append(clipped);
    }
    if (filter.idRanges.isEmpty() && firstId <= lastId)
        result.idRanges = {{firstId, lastId}};
    // An empty list would mean any id: keep one range that holds none.
    if (result.idRanges.isEmpty())
        result.idRanges = {{1, 0}};
    return result;
}

} // namespace dockside::ui
