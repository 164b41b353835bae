// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "calls/calllister.h"
#include "calls/callsummary.h"
#include "history/historyfilter.h"
#include "teamhistory/historysource.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace dockside::ui {

// The calls list's database work, on its own thread (as TimelineFetcher's): each job is a queued call and each
// answer carries the generation it was asked for, so the model drops answers to a filter no longer shown.
class CallFetcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallFetcher)

public:
    explicit CallFetcher(QObject *parent = nullptr);
    ~CallFetcher() override;

    /*! Any thread: jobs of older generations are skipped, and one that runs now is interrupted. */
    void supersede(quint64 generation);
    /*! The newest pageSize calls matching filter; opens databasePath first when it changed. */
    void reset(quint64 generation, const QString &databasePath, const history::HistoryFilter &filter, int pageSize);
    /*! The next pageSize calls of the last reset. */
    void fetchMore(quint64 generation, int pageSize);
    void close();

Q_SIGNALS:
    void callsReady(quint64 generation, const QList<dockside::calls::CallSummary> &calls, bool atEnd, bool first);
    /*! missing: the file does not exist yet, which is no error before the first exchange. */
    void failed(quint64 generation, const QString &message, bool missing);

private:
    bool isStale(quint64 generation) const { return generation < m_latest.load(); }
    void page(quint64 generation, int pageSize, bool first);

    teamhistory::HistorySource m_reader;
    QString m_path;
    std::unique_ptr<calls::CallLister> m_lister;
    std::atomic<quint64> m_latest = 0;
};

} // namespace dockside::ui
