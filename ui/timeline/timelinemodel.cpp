// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelinemodel.h"

#include "timelinefetcher.h"
#include "timelineformat.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>
#include <climits>
#include <limits>
#include <utility>

namespace dockside::ui {

namespace {

constexpr qsizetype kMaxPages = 64; // 12,800 rows: many screens, a few megabytes
constexpr qsizetype kPagesKeptOnEviction = 48;
constexpr qsizetype kMaxWantedPages = 16; // older wishes were for screens scrolled past
constexpr int kDefaultInsertIntervalMs = 100;

QList<history::ExchangeSummary> reversed(QList<history::ExchangeSummary> rows)
{
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QString formatTime(qint64 receivedAtUs, bool full)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(receivedAtUs / 1000);
    if (full || time.date() != QDate::currentDate())
        return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    return time.toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_thread.setObjectName(QStringLiteral("dockside-timeline-reader"));
    m_fetcher = new TimelineFetcher;
    m_fetcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_fetcher, &QObject::deleteLater);
    connect(m_fetcher, &TimelineFetcher::headReady, this, &TimelineModel::onHead);
    connect(m_fetcher, &TimelineFetcher::countReady, this, &TimelineModel::onCount);
    connect(m_fetcher, &TimelineFetcher::rowsReady, this, &TimelineModel::onRows);
    connect(m_fetcher, &TimelineFetcher::newerReady, this, &TimelineModel::onNewer);
    connect(m_fetcher, &TimelineFetcher::failed, this, &TimelineModel::onFailed);
    m_thread.start();

    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(kDefaultInsertIntervalMs);
    connect(&m_insertTimer, &QTimer::timeout, this, &TimelineModel::dispatchInserts);
}

TimelineModel::~TimelineModel()
{
    m_fetcher->supersede(std::numeric_limits<quint64>::max());
    TimelineFetcher *fetcher = m_fetcher;
    QMetaObject::invokeMethod(
        fetcher, [fetcher] { fetcher->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TimelineModel::setHistoryPath(const QString &databasePath)
{
    m_path = databasePath;
    m_arrivedUpToId = 0;
    startReset();
}

void TimelineModel::setFilter(const history::HistoryFilter &filter)
{
    if (filter == m_filter && !m_missing && m_error.isEmpty())
        return;
    m_filter = filter;
    startReset();
}

void TimelineModel::refresh()
{
    startReset();
}

void TimelineModel::setInsertInterval(int milliseconds)
{
    m_insertTimer.setInterval(milliseconds);
}

void TimelineModel::appendIds(const QList<qint64> &ids)
{
    for (const qint64 id : ids)
        m_arrivedUpToId = std::max(m_arrivedUpToId, id);
    if (m_arrivedUpToId > m_positions.topId() && !m_insertTimer.isActive())
        m_insertTimer.start();
}

qint64 TimelineModel::totalRows() const
{
    return m_countKnown ? m_positions.count() : m_head.size();
}

void TimelineModel::startReset()
{
    ++m_generation;
    m_fetcher->supersede(m_generation);
    m_wanted.clear();
    m_pageInFlight.reset();
    m_newerInFlight = false;
    if (m_path.isEmpty()) {
        beginResetModel();
        m_pages.clear();
        m_head.clear();
        m_countKnown = true;
        m_positions.reset(0, 0);
        endResetModel();
        setLoading(false);
        setError({}, false);
        return;
    }
    setLoading(true);
    TimelineFetcher *fetcher = m_fetcher;
    QMetaObject::invokeMethod(
        fetcher,
        [fetcher, generation = m_generation, path = m_path, filter = m_filter] {
            fetcher->reset(generation, path, filter, kPageSize);
        },
        Qt::QueuedConnection);
}

void TimelineModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void TimelineModel::setError(const QString &message, bool missing)
{
    m_missing = missing;
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged(message);
}

qint64 TimelineModel::expectedRows(qint64 page) const
{
    return std::clamp<qint64>(m_positions.count() - page * kPageSize, 0, kPageSize);
}

qint64 TimelineModel::positionOfRow(int row) const
{
    if (!m_countKnown || row < 0 || row >= m_positions.count())
        return -1;
    return m_positions.count() - 1 - row;
}

const history::ExchangeSummary *TimelineModel::summaryAtPosition(qint64 position, bool fetch) const
{
    const qint64 page = position / kPageSize;
    const auto found = m_pages.find(page);
    if (found != m_pages.end()) {
        const history::ExchangeSummary &summary = found->rows.at(position % kPageSize);
        if (summary.id != 0) {
            found->lastUse = ++m_useClock;
            return &summary;
        }
    }
    if (fetch)
        want(page);
    return nullptr;
}

const history::ExchangeSummary *TimelineModel::summaryOfRow(int row, bool fetch) const
{
    if (row < 0)
        return nullptr;
    if (!m_countKnown)
        return row < m_head.size() ? &m_head.at(row) : nullptr;
    const qint64 position = positionOfRow(row);
    return position < 0 ? nullptr : summaryAtPosition(position, fetch);
}

qint64 TimelineModel::idAt(int row) const
{
    const history::ExchangeSummary *summary = summaryOfRow(row, false);
    return summary ? summary->id : 0;
}

std::optional<history::ExchangeSummary> TimelineModel::summaryAt(int row) const
{
    const history::ExchangeSummary *summary = summaryOfRow(row, false);
    if (!summary)
        return std::nullopt;
    return *summary;
}

TimelinePositions TimelineModel::positions() const
{
    return m_positions;
}

void TimelineModel::want(qint64 page) const
{
    if (m_pageInFlight == page)
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    if (m_wanted.size() > kMaxWantedPages)
        m_wanted.removeFirst();
    if (m_dispatchQueued)
        return;
    m_dispatchQueued = true;
    // data() must not start work that changes the model; the request leaves after the view's paint pass.
    auto *self = const_cast<TimelineModel *>(this);
    QMetaObject::invokeMethod(self, &TimelineModel::dispatch, Qt::QueuedConnection);
}

void TimelineModel::dispatch()
{
    m_dispatchQueued = false;
    if (m_pageInFlight || m_loading || !m_countKnown)
        return;
    while (!m_wanted.isEmpty()) {
        const qint64 page = m_wanted.takeLast();
        const qint64 size = expectedRows(page);
        if (size <= 0)
            continue;
        const auto cached = m_pages.constFind(page);
        if (cached != m_pages.constEnd() &&
            std::all_of(cached->rows.cbegin(), cached->rows.cbegin() + size,
                        [](const history::ExchangeSummary &summary) { return summary.id != 0; }))
            continue;
        const qint64 first = page * kPageSize;
        const TimelinePlan plan = m_positions.plan(first, size);
        m_pageInFlight = page;
        TimelineFetcher *fetcher = m_fetcher;
        QMetaObject::invokeMethod(
            fetcher,
            [fetcher, generation = m_generation, filter = m_positions.bounded(m_filter), first, size, plan] {
                fetcher->fetch(generation, filter, first, size, plan.afterId, plan.skip, plan.order);
            },
            Qt::QueuedConnection);
        return;
    }
}

void TimelineModel::store(qint64 first, const QList<history::ExchangeSummary> &oldestFirst)
{
    for (qsizetype i = 0; i < oldestFirst.size(); ++i) {
        const qint64 position = first + i;
        if (position < 0 || position >= m_positions.count())
            continue;
        Page &page = m_pages[position / kPageSize];
        if (page.rows.isEmpty())
            page.rows.resize(kPageSize);
        page.rows[position % kPageSize] = oldestFirst.at(i);
        page.lastUse = ++m_useClock;
    }
    if (!oldestFirst.isEmpty()) {
        m_positions.remember(first, oldestFirst.constFirst().id);
        m_positions.remember(first + oldestFirst.size() - 1, oldestFirst.constLast().id);
    }
    evict();
}

void TimelineModel::evict()
{
    if (m_pages.size() <= kMaxPages)
        return;
    QList<std::pair<quint64, qint64>> byUse;
    byUse.reserve(m_pages.size());
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        byUse.append({it->lastUse, it.key()});
    std::sort(byUse.begin(), byUse.end());
    for (qsizetype i = 0; i < byUse.size() - kPagesKeptOnEviction; ++i)
        m_pages.remove(byUse.at(i).second);
}

void TimelineModel::onHead(quint64 generation, qint64 topId, const QList<history::ExchangeSummary> &newestFirst,
                           bool complete)
{
    if (generation != m_generation)
        return;
    beginResetModel();
    m_pages.clear();
    m_wanted.clear();
    m_pageInFlight.reset();
    m_countKnown = complete;
    if (complete) {
        m_head.clear();
        m_positions.reset(newestFirst.size(), topId);
        store(0, reversed(newestFirst));
    } else {
        m_head = newestFirst;
        m_positions.reset(0, topId);
    }
    endResetModel();
    setError({}, false);
    setLoading(false);
    Q_EMIT rowsShown();
    if (complete && m_arrivedUpToId > topId && !m_insertTimer.isActive())
        m_insertTimer.start();
}

void TimelineModel::onCount(quint64 generation, qint64 count)
{
    if (generation != m_generation || m_countKnown)
        return;
    const qint64 shown = m_head.size();
    count = std::max(count, shown);
    const bool grows = count > shown;
    if (grows)
        beginInsertRows({}, static_cast<int>(shown), static_cast<int>(std::min<qint64>(count, INT_MAX) - 1));
    const qint64 topId = m_positions.topId();
    m_positions.reset(count, topId);
    m_countKnown = true;
    store(count - shown, reversed(std::exchange(m_head, {})));
    if (grows)
        endInsertRows();
    if (m_arrivedUpToId > topId && !m_insertTimer.isActive())
        m_insertTimer.start();
    dispatch();
}

void TimelineModel::onRows(quint64 generation, qint64 first, qint64 size,
                           const QList<history::ExchangeSummary> &oldestFirst)
{
    if (generation != m_generation)
        return;
    m_pageInFlight.reset();
    if (oldestFirst.size() != size) {
        // Rows below the newest were removed (retention, another tool): positions moved, so read everything again.
        if (++m_mismatchRefreshes > 2) {
            setError(tr("The history keeps changing under the timeline (rows disappear while they are read). "
                        "Refresh the timeline once the other program is done."),
                     false);
            return;
        }
        refresh();
        return;
    }
    m_mismatchRefreshes = 0;
    store(first, oldestFirst);
    const qint64 count = m_positions.count();
    const qint64 last = std::min(first + size, count) - 1;
    if (last >= first) {
        const int top = static_cast<int>(count - 1 - last);
        const int bottom = static_cast<int>(count - 1 - first);
        Q_EMIT dataChanged(index(top, 0), index(bottom, NUM_COLUMNS - 1));
    }
    dispatch();
}

void TimelineModel::dispatchInserts()
{
    if (m_arrivedUpToId <= m_positions.topId())
        return;
    if (m_missing) {
        // The file exists now that exchanges were written to it.
        startReset();
        return;
    }
    if (m_loading || !m_countKnown || m_newerInFlight) {
        m_insertTimer.start();
        return;
    }
    m_newerInFlight = true;
    TimelineFetcher *fetcher = m_fetcher;
    QMetaObject::invokeMethod(
        fetcher,
        [fetcher, generation = m_generation, filter = m_filter, afterId = m_positions.topId(),
         upToId = m_arrivedUpToId] { fetcher->fetchNewer(generation, filter, afterId, upToId, kPageSize); },
        Qt::QueuedConnection);
}

void TimelineModel::onNewer(quint64 generation, qint64 afterId, qint64 upToId, qint64 count,
                            const QList<history::ExchangeSummary> &newestFirst)
{
    if (generation != m_generation)
        return;
    m_newerInFlight = false;
    if (afterId != m_positions.topId() || !m_countKnown)
        return;
    if (count > 0) {
        const qint64 before = m_positions.count();
        beginInsertRows({}, 0, static_cast<int>(count - 1));
        m_positions.grow(count, upToId);
        store(before + count - newestFirst.size(), reversed(newestFirst));
        endInsertRows();
    } else {
        m_positions.grow(0, upToId);
    }
    if (m_arrivedUpToId > m_positions.topId() && !m_insertTimer.isActive())
        m_insertTimer.start();
    dispatch();
}

void TimelineModel::onFailed(quint64 generation, const QString &message, bool missing)
{
    if (generation != m_generation)
        return;
    m_pageInFlight.reset();
    m_newerInFlight = false;
    if (m_loading) {
        beginResetModel();
        m_pages.clear();
        m_head.clear();
        m_countKnown = true;
        m_positions.reset(0, 0);
        endResetModel();
        setError(message, missing);
        setLoading(false);
        return;
    }
    setError(message, missing);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(std::min<qint64>(totalRows(), INT_MAX));
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const history::ExchangeSummary *summary = summaryOfRow(index.row(), true);
    if (role == LoadedRole)
        return summary != nullptr;
    if (!summary) {
        if (role == IdRole)
            return qint64(0);
        if (role == Qt::DisplayRole && index.column() == TimeColumn)
            return tr("loading…");
        return {};
    }
    const auto column = static_cast<Columns>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return formatTime(summary->receivedAtUs, false);
        case DirectionColumn:
            if (summary->relay != history::RelayMark::NotRelayed)
                return tr("relay");
            return summary->direction == history::Direction::Outbound ? tr("out") : tr("in");
        case EventTypeColumn:
            return summary->eventType.isEmpty() ? summary->method + QChar(u' ') + summary->path : summary->eventType;
        case CallerColumn:
            return summary->callerNumber;
        case StatusColumn:
            return summary->responseStatus == 0 ? tr("none") : QString::number(summary->responseStatus);
        case LatencyColumn:
            return timeline::formatLatency(summary->latencyUs);
        case OutcomeColumn:
            return timeline::outcomeLabel(summary->outcomeDisposition, summary->outcomeReason);
        case SignatureColumn:
            return timeline::signatureLabel(summary->signatureStatus);
        case NUM_COLUMNS:
            break;
        }
        return {};
    case Qt::AccessibleTextRole:
        // What the cell says to a screen reader: the badges' and the latency bar's meaning in words.
        switch (column) {
        case DirectionColumn:
            if (summary->relay == history::RelayMark::Relayed)
                return tr("relayed");
            if (summary->relay == history::RelayMark::FallbackAnswered)
                return tr("relayed, the fallback answered");
            return summary->direction == history::Direction::Outbound ? tr("outbound") : tr("inbound");
        case StatusColumn:
            return summary->responseStatus == 0 ? tr("no answer") : QString::number(summary->responseStatus);
        case LatencyColumn: {
            const qint64 deadlineMs = timeline::deadlineMsFor(summary->eventType);
            const double percent = static_cast<double>(summary->latencyUs) / static_cast<double>(deadlineMs * 10);
            return (percent > 100 ? tr("%1, %2% of the %3 s deadline, late") : tr("%1, %2% of the %3 s deadline"))
                .arg(timeline::formatLatency(summary->latencyUs))
                .arg(percent, 0, 'f', 0)
                .arg(deadlineMs / 1000);
        }
        case TimeColumn:
        case EventTypeColumn:
        case CallerColumn:
        case OutcomeColumn:
        case SignatureColumn:
            return data(index, Qt::DisplayRole);
        case NUM_COLUMNS:
            break;
        }
        return {};
    case Qt::AccessibleDescriptionRole:
        return data(index, Qt::ToolTipRole);
    case Qt::ToolTipRole:
        switch (column) {
        case TimeColumn:
            return tr("Received %1 (local time), exchange %2")
                .arg(formatTime(summary->receivedAtUs, true))
                .arg(summary->id);
        case DirectionColumn:
            if (summary->relay == history::RelayMark::Relayed)
                return tr("Relayed: received by the mock endpoint, forwarded to your webhook, and its answer passed "
                          "on to the caller");
            if (summary->relay == history::RelayMark::FallbackAnswered)
                return tr("Relayed, but your webhook was late or failed: the fallback template answered the caller");
            return summary->direction == history::Direction::Outbound
                ? tr("Outbound: sent by the composer to a webhook")
                : tr("Inbound: received by the mock endpoint");
        case EventTypeColumn:
            return summary->eventType.isEmpty()
                ? tr("Not a VoiceDock event: %1 %2").arg(summary->method, summary->path)
                : tr("%1, %2 %3").arg(summary->eventType, summary->method, summary->path);
        case CallerColumn:
            return summary->callerNumber.isEmpty() ? tr("No caller number (a web call, or not a VoiceDock event)")
                                                   : summary->callerNumber;
        case StatusColumn:
            if (summary->responseStatus == 0)
                return summary->error.isEmpty() ? tr("No answer was sent.") : tr("No answer: %1").arg(summary->error);
            return summary->error.isEmpty() ? tr("HTTP status %1").arg(summary->responseStatus)
                                            : tr("HTTP status %1: %2").arg(summary->responseStatus).arg(summary->error);
        case LatencyColumn: {
            const qint64 deadlineMs = timeline::deadlineMsFor(summary->eventType);
            const QString share =
                tr("%1 of the %2 s deadline (%3%)")
                    .arg(timeline::formatLatency(summary->latencyUs))
                    .arg(deadlineMs / 1000)
                    .arg(static_cast<double>(summary->latencyUs) / static_cast<double>(deadlineMs * 10), 0, 'f', 1);
            if (summary->direction == history::Direction::Outbound)
                return tr("%1: from starting the request (connecting included) until the whole answer arrived.")
                    .arg(share);
            return tr("%1: from the request's last byte until the mock's answer was ready, its template's delay "
                      "included.")
                .arg(share);
        }
        case OutcomeColumn:
            return timeline::outcomeToolTip(summary->outcomeDisposition, summary->outcomeReason);
        case SignatureColumn:
            return timeline::signatureToolTip(summary->signatureStatus);
        case NUM_COLUMNS:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == StatusColumn || column == LatencyColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (column == EventTypeColumn && summary->eventType.isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == StatusColumn && (summary->responseStatus == 0 || summary->responseStatus >= 400))
            return timeline::errorHue();
        return {};
    case IdRole:
        return summary->id;
    case ReceivedAtUsRole:
        return summary->receivedAtUs;
    case DirectionRole:
        return summary->direction == history::Direction::Outbound ? 1 : 0;
    case RelayRole:
        return static_cast<int>(summary->relay);
    case EventTypeRole:
        return summary->eventType;
    case CallerRole:
        return summary->callerNumber;
    case StatusRole:
        return summary->responseStatus;
    case LatencyUsRole:
        return summary->latencyUs;
    case DeadlineMsRole:
        return timeline::deadlineMsFor(summary->eventType);
    case OutcomeDispositionRole:
        return summary->outcomeDisposition;
    case OutcomeReasonRole:
        return summary->outcomeReason;
    case OutcomeRole:
        return timeline::outcomeLabel(summary->outcomeDisposition, summary->outcomeReason);
    case OutcomeKindRole:
        return static_cast<int>(timeline::outcomeKind(summary->outcomeDisposition, summary->outcomeReason));
    case SignatureStatusRole:
        return summary->signatureStatus;
    case SignatureKindRole:
        return static_cast<int>(timeline::signatureKind(summary->signatureStatus));
    case ErrorRole:
        return summary->error;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (static_cast<Columns>(section)) {
        case TimeColumn:
            return tr("Time");
        case DirectionColumn:
            return tr("Dir");
        case EventTypeColumn:
            return tr("Event");
        case CallerColumn:
            return tr("Caller");
        case StatusColumn:
            return tr("Status");
        case LatencyColumn:
            return tr("Latency");
        case OutcomeColumn:
            return tr("Outcome");
        case SignatureColumn:
            return tr("Signature");
        case NUM_COLUMNS:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (static_cast<Columns>(section)) {
        case TimeColumn:
            return tr("When the request arrived (inbound) or was sent (outbound), local time");
        case DirectionColumn:
            return tr("in: received by the mock endpoint; out: sent by the composer");
        case EventTypeColumn:
            return tr("The VoiceDock event type, or the method and path of any other request");
        case CallerColumn:
            return tr("The caller's number from the event");
        case StatusColumn:
            return tr("The HTTP status of the answer");
        case LatencyColumn:
            return tr("Time to answer, against the deadline (5 s for assistant-request, 20 s for other events)");
        case OutcomeColumn:
            return tr("What the platform does with an assistant-request's answer");
        case SignatureColumn:
            return tr("The X-Webhook-Signature check of an inbound event");
        case NUM_COLUMNS:
            break;
        }
    }
    return {};
}

} // namespace dockside::ui
