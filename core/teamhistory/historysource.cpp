// SPDX-License-Identifier: GPL-3.0-or-later

#include "historysource.h"

#include "teamexchangesource.h"

#include "history/historyreader.h"

#include <QFileInfo>
#include <QMutexLocker>

namespace dockside::teamhistory {

std::unique_ptr<history::ExchangeSource> openExchangeSource(const QString &location, QString *errorMessage)
{
    if (isTeamHistoryUrl(location)) {
        const std::optional<TeamDatabase> database = parseTeamHistoryUrl(location, errorMessage);
        if (!database)
            return nullptr;
        auto source = std::make_unique<TeamExchangeSource>();
        if (!source->open(*database, {}, errorMessage))
            return nullptr;
        return source;
    }
    auto reader = std::make_unique<history::HistoryReader>();
    if (!reader->open(location, errorMessage))
        return nullptr;
    return reader;
}

bool historyLocationExists(const QString &location)
{
    return isTeamHistoryUrl(location) || QFileInfo::exists(location);
}

HistorySource::~HistorySource()
{
    close();
}

bool HistorySource::open(const QString &location, QString *errorMessage)
{
    close();
    std::unique_ptr<history::ExchangeSource> opened = openExchangeSource(location, errorMessage);
    if (!opened)
        return false;
    const QMutexLocker locker(&m_swapMutex);
    m_source = std::move(opened);
    m_location = location;
    return true;
}

bool HistorySource::isReadOnly() const
{
    const auto *team = dynamic_cast<const TeamExchangeSource *>(m_source.get());
    return team && team->isReadOnly();
}

void HistorySource::close()
{
    std::unique_ptr<history::ExchangeSource> closing;
    {
        const QMutexLocker locker(&m_swapMutex);
        closing = std::move(m_source);
        m_location.clear();
    }
    if (closing)
        closing->close();
}

QString HistorySource::lastError() const
{
    return m_source ? m_source->lastError() : QStringLiteral("The history is not open.");
}

qint64 HistorySource::count(const history::HistoryFilter &filter)
{
    return m_source ? m_source->count(filter) : -1;
}

QList<history::ExchangeSummary> HistorySource::page(const history::HistoryFilter &filter, qint64 offset, int limit,
                                                    Qt::SortOrder order)
{
    return m_source ? m_source->page(filter, offset, limit, order) : QList<history::ExchangeSummary>();
}

QList<history::ExchangeSummary> HistorySource::pageAfter(const history::HistoryFilter &filter, qint64 afterId,
                                                         qint64 skip, int limit, Qt::SortOrder order)
{
    return m_source ? m_source->pageAfter(filter, afterId, skip, limit, order) : QList<history::ExchangeSummary>();
}

qint64 HistorySource::maxId()
{
    return m_source ? m_source->maxId() : -1;
}

std::optional<history::ExchangeRecord> HistorySource::load(qint64 id)
{
    return m_source ? m_source->load(id) : std::nullopt;
}

bool HistorySource::beginSnapshot()
{
    return m_source && m_source->beginSnapshot();
}

void HistorySource::endSnapshot()
{
    if (m_source)
        m_source->endSnapshot();
}

void HistorySource::interrupt()
{
    const QMutexLocker locker(&m_swapMutex);
    if (m_source)
        m_source->interrupt();
}

bool HistorySource::exportRecords(const history::HistoryFilter &filter, QIODevice *device, history::ExportFormat format,
                                  QString *errorMessage, const history::ExportProgress &progress,
                                  history::ExchangeRedactor *redactor)
{
    if (!m_source) {
        if (errorMessage)
            *errorMessage = lastError();
        return false;
    }
    return m_source->exportRecords(filter, device, format, errorMessage, progress, redactor);
}

} // namespace dockside::teamhistory
