// SPDX-License-Identifier: GPL-3.0-or-later

#include "calllister.h"

#include <utility>

namespace dockside::calls {

namespace {

// Exchanges read per step of the walk; a call has a handful, so one step usually yields a page of calls.
constexpr int kWalkStep = 500;
// More exchanges than any real call has; a call past it is summarised from its first ones.
constexpr int kMaxExchangesPerCall = 10000;

} // namespace

CallLister::CallLister(history::ExchangeSource &source, history::HistoryFilter filter)
    : m_source(source)
    , m_filter(std::move(filter))
{
    m_filter.inCallsOnly = true;
}

std::optional<history::Direction> CallLister::directionOf(history::ExchangeSource &source, const QString &callId,
                                                          QString *errorMessage)
{
    for (const history::Direction direction : {history::Direction::Inbound, history::Direction::Outbound}) {
        history::HistoryFilter filter;
        filter.callId = callId;
        filter.direction = direction;
        if (!source.page(filter, 0, 1).isEmpty())
            return direction;
        if (!source.lastError().isEmpty())
            break;
    }
    if (errorMessage) {
        *errorMessage = source.lastError().isEmpty()
            ? QStringLiteral("The history holds no exchange of call %1.").arg(callId)
            : source.lastError();
    }
    return std::nullopt;
}

QList<history::ExchangeSummary> CallLister::exchangesOf(history::ExchangeSource &source, const QString &callId,
                                                        history::Direction direction, QString *errorMessage)
{
    history::HistoryFilter filter;
    filter.callId = callId;
    filter.direction = direction;
    QList<history::ExchangeSummary> exchanges = source.page(filter, 0, kMaxExchangesPerCall, Qt::AscendingOrder);
    if (exchanges.isEmpty() && errorMessage) {
        *errorMessage = source.lastError().isEmpty()
            ? QStringLiteral("The history holds no exchange of call %1.").arg(callId)
            : source.lastError();
    }
    return exchanges;
}

QList<history::ExchangeRecord> CallLister::loadCall(history::ExchangeSource &source, const QString &callId,
                                                    history::Direction direction, QString *errorMessage)
{
    QList<history::ExchangeRecord> records;
    for (const history::ExchangeSummary &exchange : exchangesOf(source, callId, direction, errorMessage)) {
        std::optional<history::ExchangeRecord> record = source.load(exchange.id);
        if (!record) {
            if (errorMessage)
                *errorMessage =
                    QStringLiteral("Exchange %1 could not be read: %2").arg(exchange.id).arg(source.lastError());
            return {};
        }
        records.append(std::move(*record));
    }
    return records;
}

QList<CallSummary> CallLister::next(int limit)
{
    QList<CallSummary> calls;
    m_lastError.clear();
    while (!m_atEnd && calls.size() < limit) {
        const QList<history::ExchangeSummary> step =
            m_source.pageAfter(m_filter, m_afterId, 0, kWalkStep, Qt::DescendingOrder);
        if (step.isEmpty() && !m_source.lastError().isEmpty()) {
            m_lastError = m_source.lastError();
            return {};
        }
        if (step.size() < kWalkStep)
            m_atEnd = true;
        for (const history::ExchangeSummary &exchange : step) {
            m_afterId = exchange.id;
            const QString key = history::directionName(exchange.direction) + QLatin1Char(' ') + exchange.callId;
            if (m_seen.contains(key))
                continue;
            m_seen.insert(key);
            QString error;
            const QList<history::ExchangeSummary> exchanges =
                exchangesOf(m_source, exchange.callId, exchange.direction, &error);
            if (exchanges.isEmpty()) {
                m_lastError = error;
                return {};
            }
            calls.append(summarizeCall(exchange.callId, exchanges));
            if (calls.size() == limit) {
                // The rest of this step is read again next time; calls already listed are skipped.
                m_atEnd = false;
                break;
            }
        }
    }
    return calls;
}

} // namespace dockside::calls
