// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangesummary.h"
#include "history/historyfilter.h"
#include "timelinepositions.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QThread>
#include <QTimer>

#include <optional>

namespace dockside::ui {

class TimelineFetcher;

// The history, newest first, fetched in pages on a worker thread; no proxy, because the filter runs in SQL.
class TimelineModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Columns {
        TimeColumn,
        DirectionColumn,
        EventTypeColumn,
        CallerColumn,
        StatusColumn,
        LatencyColumn,
        OutcomeColumn,
        SignatureColumn,
        NUM_COLUMNS
    };
    enum Roles {
        IdRole = Qt::UserRole,
        LoadedRole,
        ReceivedAtUsRole,
        DirectionRole,
        EventTypeRole,
        CallerRole,
        StatusRole,
        LatencyUsRole,
        DeadlineMsRole,
        OutcomeDispositionRole,
        OutcomeReasonRole,
        OutcomeRole, // the badge text: "answered", "rejected", "default: <reason>", or empty
        OutcomeKindRole,
        SignatureStatusRole,
        SignatureKindRole,
        ErrorRole,
        RelayRole, // history::RelayMark as an int
    };
    static constexpr int kPageSize = 200;

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    /*! Reads the history file; one that does not exist yet is opened when the first exchanges arrive. */
    void setHistoryPath(const QString &databasePath);
    QString historyPath() const { return m_path; }
    /*! Re-queries off the GUI thread; the rows shown stay until the new ones are there. */
    void setFilter(const history::HistoryFilter &filter);
    const history::HistoryFilter &filter() const { return m_filter; }
    /*! Reads everything again with the same filter, for example after retention removed rows. */
    void refresh();
    /*! Coalesces ids appended to the history into one insertion at the top per interval. */
    void appendIds(const QList<qint64> &ids);
    void setInsertInterval(int milliseconds);

    /*! True from a new file, filter or refresh until its first rows are shown. */
    bool isLoading() const { return m_loading; }
    bool isHistoryMissing() const { return m_missing; }
    QString errorMessage() const { return m_error; }
    qint64 totalRows() const;

    /*! 0, and nullopt, while the row's page is still being fetched; neither asks for it to be fetched. */
    qint64 idAt(int row) const;
    std::optional<history::ExchangeSummary> summaryAt(int row) const;
    /*! Where rows sit and the ids known at some of them, for work that reaches rows on another thread. */
    TimelinePositions positions() const;
    /*! The position of a row, counted from the oldest (0); -1 while the count is not known yet. */
    qint64 positionOfRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    /*! The first rows of a new file, filter or refresh are shown (the count may follow). */
    void rowsShown();
    void errorChanged(const QString &message);

private:
    struct Page {
        QList<history::ExchangeSummary> rows; // oldest first, from position page * kPageSize
        quint64 lastUse = 0;
    };

    void startReset();
    void setLoading(bool loading);
    void setError(const QString &message, bool missing);
    // Missing rows are asked for when fetch is true: data() asks, peeking from the view's code does not.
    const history::ExchangeSummary *summaryAtPosition(qint64 position, bool fetch) const;
    const history::ExchangeSummary *summaryOfRow(int row, bool fetch) const;
    void want(qint64 page) const;
    void dispatch();
    void dispatchInserts();
    void store(qint64 first, const QList<history::ExchangeSummary> &oldestFirst);
    void evict();
    qint64 expectedRows(qint64 page) const;

    void onHead(quint64 generation, qint64 topId, const QList<history::ExchangeSummary> &newestFirst, bool complete);
    void onCount(quint64 generation, qint64 count);
    void onRows(quint64 generation, qint64 first, qint64 size, const QList<history::ExchangeSummary> &oldestFirst);
    void onNewer(quint64 generation, qint64 afterId, qint64 upToId, qint64 count,
                 const QList<history::ExchangeSummary> &newestFirst);
    void onFailed(quint64 generation, const QString &message, bool missing);

    QThread m_thread;
    TimelineFetcher *m_fetcher = nullptr;

    QString m_path;
    history::HistoryFilter m_filter;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_missing = false;
    QString m_error;

    TimelinePositions m_positions;
    bool m_countKnown = true;
    QList<history::ExchangeSummary> m_head; // newest first, shown alone until the count is known
    mutable QHash<qint64, Page> m_pages;
    mutable quint64 m_useClock = 0;
    mutable QList<qint64> m_wanted; // pages to fetch, most recently asked last
    mutable bool m_dispatchQueued = false;
    std::optional<qint64> m_pageInFlight;

    int m_mismatchRefreshes = 0; // refreshes in a row because a page came back short

    QTimer m_insertTimer;
    qint64 m_arrivedUpToId = 0; // the newest id announced by appendIds
    bool m_newerInFlight = false;
};

} // namespace dockside::ui
