// SPDX-License-Identifier: GPL-3.0-or-later

#include "calltreeview.h"

#include "calllistmodel.h"

#include "timeline/badgedelegate.h"
#include "timeline/latencydelegate.h"
#include "timeline/timelineformat.h"

#include <QHeaderView>
#include <QTimer>

namespace dockside::ui {

namespace {

constexpr int kRefreshDelayMs = 1000;

} // namespace

CallTreeView::CallTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(QStringLiteral("timelineCalls"));
    m_model = new CallListModel(this);
    m_model->setRowHeight(fontMetrics().height() + 10); // as the timeline's rows, so the badges fit
    setModel(m_model);
    setUniformRowHeights(true); // the view never measures every call
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAllColumnsShowFocus(true);
    setExpandsOnDoubleClick(true);
    header()->setStretchLastSection(true);
    header()->setSectionsMovable(true);
    const QFontMetrics metrics = fontMetrics();
    const auto width = [&metrics](const char *sample) {
        return metrics.horizontalAdvance(QString::fromLatin1(sample)) + 24;
    };
    setColumnWidth(CallListModel::StartColumn, width("2026-12-31 23:59:59") + 20);
    setColumnWidth(CallListModel::DirectionColumn, width("out"));
    setColumnWidth(CallListModel::CallerColumn, width("end-of-call-report"));
    setColumnWidth(CallListModel::DurationColumn, width("Duration / status"));
    setColumnWidth(CallListModel::OutcomeColumn, width("No assistant-request seen"));
    setColumnWidth(CallListModel::EventsColumn, width("Events"));
    setItemDelegateForColumn(CallListModel::OutcomeColumn,
                             new BadgeDelegate(
                                 [](const QModelIndex &index) {
                                     return timeline::outcomeHue(static_cast<timeline::OutcomeKind>(
                                         index.data(CallListModel::OutcomeKindRole).toInt()));
                                 },
                                 this));
    setItemDelegateForColumn(CallListModel::LatencyColumn,
                             new LatencyDelegate(CallListModel::LatencyUsRole, CallListModel::DeadlineMsRole, this));

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &CallTreeView::refresh);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CallTreeView::onCurrentChanged);
    connect(m_model, &CallListModel::loaded, this, &CallTreeView::restoreCurrent);
}

void CallTreeView::setActive(bool active)
{
    m_active = active;
    if (m_active && m_stale) {
        m_stale = false;
        m_model->setHistoryPath(m_path);
        m_model->setFilter(m_filter);
    }
}

void CallTreeView::setHistoryPath(const QString &databasePath)
{
    m_path = databasePath;
    m_stale = true;
    setActive(m_active);
}

void CallTreeView::setFilter(const history::HistoryFilter &filter)
{
    m_filter = filter;
    m_stale = true;
    setActive(m_active);
}

void CallTreeView::scheduleRefresh()
{
    if (!m_active) {
        m_stale = true;
        return;
    }
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void CallTreeView::refresh()
{
    if (m_active)
        m_model->refresh();
    else
        m_stale = true;
}

void CallTreeView::selectNewest()
{
    if (m_model->rowCount() == 0)
        return;
    const QModelIndex top = m_model->index(0, 0);
    selectionModel()->setCurrentIndex(top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(top);
    setFocus(Qt::ShortcutFocusReason);
}

void CallTreeView::selectCall(const QString &callId, history::Direction direction)
{
    m_currentCallId = callId;
    m_currentDirection = direction;
    m_currentExchange = 0;
    if (m_model->rowOf(callId, direction) >= 0)
        restoreCurrent();
    else
        refresh();
}

qint64 CallTreeView::currentExchangeId() const
{
    return currentIndex().data(CallListModel::ExchangeIdRole).toLongLong();
}

void CallTreeView::onCurrentChanged(const QModelIndex &current)
{
    if (m_restoring)
        return;
    const QModelIndex call = current.parent().isValid() ? current.parent() : current;
    if (const calls::CallSummary *summary = m_model->callAt(call.row()); summary && current.isValid()) {
        m_currentCallId = summary->callId;
        m_currentDirection = summary->direction;
        m_currentExchange = current.parent().isValid() ? current.data(CallListModel::ExchangeIdRole).toLongLong() : 0;
    }
    Q_EMIT currentExchangeChanged(current.data(CallListModel::ExchangeIdRole).toLongLong());
    if (current.isValid() && !current.parent().isValid())
        Q_EMIT callChosen();
}

void CallTreeView::restoreCurrent()
{
    if (m_currentCallId.isEmpty())
        return;
    const int row = m_model->rowOf(m_currentCallId, m_currentDirection);
    if (row < 0)
        return;
    QModelIndex target = m_model->index(row, 0);
    if (m_currentExchange > 0) {
        for (int child = 0; child < m_model->rowCount(target); ++child) {
            const QModelIndex exchange = m_model->index(child, 0, target);
            if (exchange.data(CallListModel::ExchangeIdRole).toLongLong() == m_currentExchange) {
                expand(target);
                target = exchange;
                break;
            }
        }
    }
    // The same row again: the detail keeps what it shows.
    m_restoring = true;
    selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_restoring = false;
}

} // namespace dockside::ui
