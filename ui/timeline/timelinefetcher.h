// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangesummary.h"
#include "history/historyfilter.h"
#include "teamhistory/historysource.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>

namespace dockside::ui {

// The timeline's database work, on its own thread: each job is a queued call, each answer a signal that carries the
// generation (one per filter or file) it was asked for, so the model drops answers to questions no longer asked.
class TimelineFetcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineFetcher)

public:
    explicit TimelineFetcher(QObject *parent = nullptr);
    ~TimelineFetcher() override;

    /*! Any thread: jobs of older generations are skipped, and one that runs now is interrupted. */
    void supersede(quint64 generation);

    /*! The newest headSize rows, then the count, read in one snapshot; opens databasePath first when it changed. */
    void reset(quint64 generation, const QString &databasePath, const history::HistoryFilter &filter, int headSize);
    /*! size rows from position first (0 is the oldest), reached through plan. */
    void fetch(quint64 generation, const history::HistoryFilter &filter, qint64 first, qint64 size, qint64 afterId,
               qint64 skip, Qt::SortOrder order);
    /*! The rows with afterId < id <= upToId: how many match, and the newest limit of them. */
    void fetchNewer(quint64 generation, const history::HistoryFilter &filter, qint64 afterId, qint64 upToId, int limit);
    void close();

Q_SIGNALS:
    void headReady(quint64 generation, qint64 topId, const QList<dockside::history::ExchangeSummary> &newestFirst,
                   bool complete);
    void countReady(quint64 generation, qint64 count);
    void rowsReady(quint64 generation, qint64 first, qint64 size,
                   const QList<dockside::history::ExchangeSummary> &oldestFirst);
    void newerReady(quint64 generation, qint64 afterId, qint64 upToId, qint64 count,
                    const QList<dockside::history::ExchangeSummary> &newestFirst);
    /*! missing: the file does not exist yet, which is no error before the first exchange. */
    void failed(quint64 generation, const QString &message, bool missing);

private:
    bool isStale(quint64 generation) const { return generation < m_latest.load(); }
    // Runs job once more when an interrupt meant for an older job caught it; false when it stays interrupted.
    template<typename Job> bool runJob(quint64 generation, Job job);

    teamhistory::HistorySource m_reader;
    QString m_path;
    std::atomic<quint64> m_latest = 0;
    std::atomic<quint64> m_running = 0;
};

} // namespace dockside::ui
