// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"
#include "history/historyfilter.h"

#include <QTreeView>

class QTimer;

namespace dockside::ui {

class CallListModel;

// The timeline in calls mode: a line per call that opens onto its exchanges. It queries only while active (shown),
// keeps the current call selected across refreshes, and coalesces new exchanges into one refresh a second.
class CallTreeView final : public QTreeView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallTreeView)

public:
    explicit CallTreeView(QWidget *parent = nullptr);

    CallListModel *callModel() const { return m_model; }
    void setActive(bool active);
    bool isActive() const { return m_active; }
    void setHistoryPath(const QString &databasePath);
    void setFilter(const history::HistoryFilter &filter);
    /*! New exchanges arrived: the calls are read again within a second. */
    void scheduleRefresh();
    void refresh();
    void selectNewest();
    /*! Makes the call current: now when it is listed, else after the refresh this starts. */
    void selectCall(const QString &callId, history::Direction direction);
    /*! The current row's exchange: a call's first, or the exchange row's own; 0 when there is none. */
    qint64 currentExchangeId() const;

Q_SIGNALS:
    void currentExchangeChanged(qint64 id);
    /*! The current row became a call (not one of its exchanges): the detail shows the whole call. */
    void callChosen();

private:
    void onCurrentChanged(const QModelIndex &current);
    void restoreCurrent();

    CallListModel *m_model = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QString m_path;
    history::HistoryFilter m_filter;
    bool m_active = false;
    bool m_stale = true; // the path or filter changed while inactive
    bool m_restoring = false;
    // The current row by what it shows, so a refresh that moves it keeps it current.
    QString m_currentCallId;
    history::Direction m_currentDirection = history::Direction::Inbound;
    qint64 m_currentExchange = 0;
};

} // namespace dockside::ui
