// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "calls/callsummary.h"
#include "history/historyfilter.h"

#include <QAbstractItemModel>
#include <QList>
#include <QThread>

namespace dockside::ui {

class CallFetcher;

// The timeline's calls mode: one row per call, newest first, each opening onto its exchanges. Calls come a page at a
// time from a CallFetcher on its own thread (fetchMore), so a history of any size shows its first calls at once.
class CallListModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallListModel)

public:
    enum Column {
        StartColumn,
        DirectionColumn,
        CallerColumn,
        DurationColumn,
        OutcomeColumn,
        EventsColumn,
        LatencyColumn,
        ColumnCount
    };
    enum Role {
        ExchangeIdRole = Qt::UserRole + 1, // a call row: its first exchange; an exchange row: its own
        CallIdRole,
        IsCallRole,
        LatencyUsRole, // for the latency delegate: the worst of a call, or the exchange's own
        DeadlineMsRole,
        OutcomeKindRole, // timeline::OutcomeKind, for the outcome badge
    };

    explicit CallListModel(QObject *parent = nullptr);
    ~CallListModel() override;

    void setHistoryPath(const QString &databasePath);
    void setFilter(const history::HistoryFilter &filter);
    /*! Reads the calls again from the top (new exchanges may have joined or started calls). */
    void refresh();
    /*! Every row's height, as the view's font wants it: badges need more than a line of text. */
    void setRowHeight(int height) { m_rowHeight = height; }

    bool isLoading() const { return m_loading; }
    bool atEnd() const { return m_atEnd; }
    QString errorMessage() const { return m_error; }
    const calls::CallSummary *callAt(int row) const;
    /*! The row of a call (key: direction and id); -1 when it is not loaded. */
    int rowOf(const QString &callId, history::Direction direction) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /*! A reset's first page is in (or it failed, or the file is missing); the view restores its selection. */
    void loaded();
    void failed(const QString &message);

private:
    void restart();
    void onCalls(quint64 generation, const QList<dockside::calls::CallSummary> &calls, bool atEnd, bool first);
    void onFailed(quint64 generation, const QString &message, bool missing);
    QVariant callData(const calls::CallSummary &call, int column, int role) const;
    QVariant exchangeData(const calls::CallSummary &call, const history::ExchangeSummary &exchange, int column,
                          int role) const;

    QThread m_thread;
    CallFetcher *m_fetcher = nullptr;
    QString m_path;
    history::HistoryFilter m_filter;
    QList<calls::CallSummary> m_calls;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_atEnd = true;
    QString m_error;
    int m_rowHeight = 0;
};

} // namespace dockside::ui
