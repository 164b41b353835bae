// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelinefetcher.h"

#include "timelinepositions.h"

#include <algorithm>

namespace dockside::ui {

TimelineFetcher::TimelineFetcher(QObject *parent)
    : QObject(parent)
{
}

TimelineFetcher::~TimelineFetcher() = default;

void TimelineFetcher::supersede(quint64 generation)
{
    m_latest.store(generation);
    const quint64 running = m_running.load();
    if (running != 0 && running < generation)
        m_reader.interrupt();
}

template<typename Job> bool TimelineFetcher::runJob(quint64 generation, Job job)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (isStale(generation))
            return false;
        m_running.store(generation);
        const bool done = job();
        m_running.store(0);
        if (done)
            return true;
        if (!m_reader.wasInterrupted()) {
            Q_EMIT failed(generation, m_reader.lastError(), false);
            return false;
        }
    }
    return false;
}

void TimelineFetcher::reset(quint64 generation, const QString &databasePath, const history::HistoryFilter &filter,
                            int headSize)
{
    if (isStale(generation))
        return;
    if (databasePath != m_path || !m_reader.isOpen()) {
        m_reader.close();
        m_path.clear();
        if (!teamhistory::historyLocationExists(databasePath)) {
            Q_EMIT failed(generation, {}, true);
            return;
        }
        QString error;
        if (!m_reader.open(databasePath, &error)) {
            Q_EMIT failed(generation, error, false);
            return;
        }
        m_path = databasePath;
    }
    runJob(generation, [&] {
        if (!m_reader.beginSnapshot())
            return false;
        const qint64 topId = m_reader.maxId();
        if (topId < 0) {
            m_reader.endSnapshot();
            return false;
        }
        // The snapshot already holds nothing newer than topId, so the queries need no id bound of their own: a
        // count without one may read a small index instead of the whole table.
        const auto head = m_reader.pageAfter(filter, topId + 1, 0, headSize);
        if (!m_reader.lastError().isEmpty()) {
            m_reader.endSnapshot();
            return false;
        }
        const bool complete = head.size() < headSize;
        Q_EMIT headReady(generation, topId, head, complete);
        if (complete) {
            m_reader.endSnapshot();
            return true;
        }
        const qint64 count = m_reader.count(filter);
        m_reader.endSnapshot();
        if (count < 0)
            return false;
        Q_EMIT countReady(generation, count);
        return true;
    });
}

void TimelineFetcher::fetch(quint64 generation, const history::HistoryFilter &filter, qint64 first, qint64 size,
                            qint64 afterId, qint64 skip, Qt::SortOrder order)
{
    runJob(generation, [&] {
        auto rows = m_reader.pageAfter(filter, afterId, skip, static_cast<int>(size), order);
        if (!m_reader.lastError().isEmpty())
            return false;
        if (order == Qt::DescendingOrder)
            std::reverse(rows.begin(), rows.end());
        Q_EMIT rowsReady(generation, first, size, rows);
        return true;
    });
}

void TimelineFetcher::fetchNewer(quint64 generation, const history::HistoryFilter &filter, qint64 afterId,
                                 qint64 upToId, int limit)
{
    runJob(generation, [&] {
        const history::HistoryFilter range = boundedTo(filter, afterId + 1, upToId);
        if (!m_reader.beginSnapshot())
            return false;
        const auto rows = m_reader.pageAfter(range, upToId + 1, 0, limit);
        if (!m_reader.lastError().isEmpty()) {
            m_reader.endSnapshot();
            return false;
        }
        const qint64 count = rows.size() < limit ? rows.size() : m_reader.count(range);
        m_reader.endSnapshot();
        if (count < 0)
            return false;
        Q_EMIT newerReady(generation, afterId, upToId, count, rows);
        return true;
    });
}

void TimelineFetcher::close()
{
    m_reader.close();
    m_path.clear();
}

} // namespace dockside::ui
