// SPDX-License-Identifier: GPL-3.0-or-later

#include "callfetcher.h"

namespace dockside::ui {

CallFetcher::CallFetcher(QObject *parent)
    : QObject(parent)
{
}

CallFetcher::~CallFetcher() = default;

void CallFetcher::supersede(quint64 generation)
{
    m_latest.store(generation);
    m_reader.interrupt();
}

void CallFetcher::close()
{
    m_lister.reset();
    m_reader.close();
    m_path.clear();
}

void CallFetcher::reset(quint64 generation, const QString &databasePath, const history::HistoryFilter &filter,
                        int pageSize)
{
    if (isStale(generation))
        return;
    if (databasePath != m_path || !m_reader.isOpen()) {
        m_lister.reset();
        m_reader.close();
        m_path.clear();
        if (!teamhistory::historyLocationExists(databasePath)) {
            Q_EMIT failed(generation, QString(), true);
            return;
        }
        QString error;
        if (!m_reader.open(databasePath, &error)) {
            Q_EMIT failed(generation, error, false);
            return;
        }
        m_path = databasePath;
    }
    m_lister = std::make_unique<calls::CallLister>(m_reader, filter);
    page(generation, pageSize, true);
}

void CallFetcher::fetchMore(quint64 generation, int pageSize)
{
    if (isStale(generation) || !m_lister)
        return;
    page(generation, pageSize, false);
}

void CallFetcher::page(quint64 generation, int pageSize, bool first)
{
    const QList<calls::CallSummary> calls = m_lister->next(pageSize);
    if (isStale(generation))
        return;
    if (!m_lister->lastError().isEmpty()) {
        Q_EMIT failed(generation, m_lister->lastError(), false);
        return;
    }
    Q_EMIT callsReady(generation, calls, m_lister->atEnd(), first);
}

} // namespace dockside::ui
