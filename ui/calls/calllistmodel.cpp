// SPDX-License-Identifier: GPL-3.0-or-later

#include "calllistmodel.h"

#include "callfetcher.h"

#include "base/latencytext.h"
#include "calls/callformat.h"
#include "timeline/timelineformat.h"

#include <QDateTime>
#include <QLocale>
#include <QSize>

namespace dockside::ui {

namespace {

// About two screens of calls: the first paint needs only these.
constexpr int kPageSize = 100;
// An exchange row's internal id is its call's row + 1; a call row's is 0.
constexpr quintptr kCallRow = 0;

QString durationText(qint64 microseconds)
{
    const qint64 seconds = microseconds / 1'000'000;
    if (seconds >= 60)
        return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(static_cast<double>(microseconds) / 1e6, 0, 'f', 1);
}

} // namespace

CallListModel::CallListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_fetcher = new CallFetcher;
    m_fetcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_fetcher, &QObject::deleteLater);
    connect(m_fetcher, &CallFetcher::callsReady, this, &CallListModel::onCalls);
    connect(m_fetcher, &CallFetcher::failed, this, &CallListModel::onFailed);
    m_thread.setObjectName(QStringLiteral("dockside-calls"));
    m_thread.start();
}

CallListModel::~CallListModel()
{
    m_fetcher->supersede(++m_generation);
    CallFetcher *fetcher = m_fetcher;
    QMetaObject::invokeMethod(fetcher, [fetcher] { fetcher->close(); });
    m_thread.quit();
    m_thread.wait();
}

void CallListModel::setHistoryPath(const QString &databasePath)
{
    m_path = databasePath;
    restart();
}

void CallListModel::setFilter(const history::HistoryFilter &filter)
{
    m_filter = filter;
    restart();
}

void CallListModel::refresh()
{
    restart();
}

void CallListModel::restart()
{
    const quint64 generation = ++m_generation;
    m_fetcher->supersede(generation);
    m_loading = !m_path.isEmpty();
    m_error.clear();
    if (m_path.isEmpty()) {
        beginResetModel();
        m_calls.clear();
        m_atEnd = true;
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    CallFetcher *fetcher = m_fetcher;
    const QString path = m_path;
    const history::HistoryFilter filter = m_filter;
    QMetaObject::invokeMethod(fetcher, [=] { fetcher->reset(generation, path, filter, kPageSize); });
}

void CallListModel::onCalls(quint64 generation, const QList<calls::CallSummary> &calls, bool atEnd, bool first)
{
    if (generation != m_generation)
        return;
    m_loading = false;
    m_atEnd = atEnd;
    if (first) {
        // The old list stays until the new one is in, so a refresh never flashes an empty list.
        beginResetModel();
        m_calls = calls;
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    if (calls.isEmpty())
        return;
    const int row = static_cast<int>(m_calls.size());
    beginInsertRows({}, row, row + static_cast<int>(calls.size()) - 1);
    m_calls += calls;
    endInsertRows();
}

void CallListModel::onFailed(quint64 generation, const QString &message, bool missing)
{
    if (generation != m_generation)
        return;
    m_loading = false;
    m_atEnd = true;
    m_error = missing ? QString() : message;
    beginResetModel();
    m_calls.clear();
    endResetModel();
    if (!missing)
        Q_EMIT failed(message);
    Q_EMIT loaded();
}

const calls::CallSummary *CallListModel::callAt(int row) const
{
    return row >= 0 && row < m_calls.size() ? &m_calls.at(row) : nullptr;
}

int CallListModel::rowOf(const QString &callId, history::Direction direction) const
{
    for (int row = 0; row < m_calls.size(); ++row) {
        if (m_calls.at(row).callId == callId && m_calls.at(row).direction == direction)
            return row;
    }
    return -1;
}

QModelIndex CallListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kCallRow);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex CallListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kCallRow)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kCallRow);
}

int CallListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_calls.size());
    if (parent.internalId() != kCallRow || parent.column() != 0)
        return 0;
    const calls::CallSummary *call = callAt(parent.row());
    return call ? static_cast<int>(call->exchanges.size()) : 0;
}

int CallListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool CallListModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

bool CallListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void CallListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    CallFetcher *fetcher = m_fetcher;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(fetcher, [=] { fetcher->fetchMore(generation, kPageSize); });
}

QVariant CallListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == Qt::SizeHintRole)
        return m_rowHeight > 0 ? QVariant(QSize(0, m_rowHeight)) : QVariant();
    if (index.internalId() == kCallRow) {
        const calls::CallSummary *call = callAt(index.row());
        return call ? callData(*call, index.column(), role) : QVariant();
    }
    const calls::CallSummary *call = callAt(static_cast<int>(index.internalId() - 1));
    if (!call || index.row() >= call->exchanges.size())
        return {};
    return exchangeData(*call, call->exchanges.at(index.row()), index.column(), role);
}

QVariant CallListModel::callData(const calls::CallSummary &call, int column, int role) const
{
    switch (role) {
    case ExchangeIdRole:
        return call.exchanges.isEmpty() ? QVariant() : QVariant(call.exchanges.constFirst().id);
    case CallIdRole:
        return call.callId;
    case IsCallRole:
        return true;
    case LatencyUsRole:
        return call.worstLatencyUs;
    case DeadlineMsRole:
        return call.worstDeadlineMs;
    case OutcomeKindRole:
        switch (call.outcome) {
        case calls::CallOutcomeKind::Overrides:
            return static_cast<int>(timeline::OutcomeKind::Answered);
        case calls::CallOutcomeKind::DefaultAssistant:
            return static_cast<int>(timeline::OutcomeKind::Default);
        case calls::CallOutcomeKind::Rejected:
            return static_cast<int>(timeline::OutcomeKind::Rejected);
        case calls::CallOutcomeKind::NoAssistantRequest:
            break;
        }
        return static_cast<int>(timeline::OutcomeKind::None);
    case Qt::ToolTipRole:
        return tr("Call %1 (%2)\n%3")
            .arg(call.callId, history::directionName(call.direction), calls::callSummaryLine(call));
    case Qt::TextAlignmentRole:
        return column == EventsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case StartColumn:
        return QDateTime::fromMSecsSinceEpoch(call.firstAtUs / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case DirectionColumn:
        // As the timeline says it: in, captured by the mock endpoint; out, played by the composer.
        return call.direction == history::Direction::Inbound ? tr("in") : tr("out");
    case CallerColumn:
        return call.callerNumber.isEmpty() ? tr("(no number)") : call.callerNumber;
    case DurationColumn:
        return durationText(call.durationUs());
    case OutcomeColumn:
        return calls::callOutcomeLabel(call.outcome);
    case EventsColumn:
        return call.exchangeCount();
    case LatencyColumn:
        return tr("%1 ms").arg(base::millisecondsText(call.worstLatencyUs));
    default:
        return {};
    }
}

QVariant CallListModel::exchangeData(const calls::CallSummary &call, const history::ExchangeSummary &exchange,
                                     int column, int role) const
{
    switch (role) {
    case ExchangeIdRole:
        return exchange.id;
    case CallIdRole:
        return call.callId;
    case IsCallRole:
        return false;
    case LatencyUsRole:
        return exchange.latencyUs;
    case DeadlineMsRole:
        return calls::deadlineMsFor(exchange.eventType);
    case OutcomeKindRole:
        return static_cast<int>(timeline::outcomeKind(exchange.outcomeDisposition, exchange.outcomeReason));
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case StartColumn:
        return calls::offsetText(exchange.receivedAtUs - call.firstAtUs);
    case CallerColumn:
        return exchange.eventType.isEmpty() ? exchange.method + QLatin1Char(' ') + exchange.path : exchange.eventType;
    case DurationColumn:
        return exchange.responseStatus > 0 ? QString::number(exchange.responseStatus) : tr("no answer");
    case OutcomeColumn:
        return timeline::outcomeLabel(exchange.outcomeDisposition, exchange.outcomeReason);
    case EventsColumn:
        return QStringLiteral("#%1").arg(exchange.id);
    case LatencyColumn:
        return tr("%1 ms").arg(base::millisecondsText(exchange.latencyUs));
    default:
        return {};
    }
}

QVariant CallListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartColumn:
        return tr("Start");
    case DirectionColumn:
        return tr("Dir");
    case CallerColumn:
        return tr("Caller / event");
    case DurationColumn:
        return tr("Duration / status");
    case OutcomeColumn:
        return tr("Outcome");
    case EventsColumn:
        return tr("Events");
    case LatencyColumn:
        return tr("Worst latency");
    default:
        return {};
    }
}

} // namespace dockside::ui
