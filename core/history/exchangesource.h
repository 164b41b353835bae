// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangeexport.h"
#include "exchangerecord.h"
#include "exchangesummary.h"
#include "historyfilter.h"

#include <QList>
#include <QString>

#include <optional>

namespace dockside::history {

// Lists, searches and reads stored exchanges: the SQLite history (HistoryReader) today, a server database in a later
// backend. One source serves one thread; interrupt() is the exception.
class ExchangeSource {
public:
    virtual ~ExchangeSource() = default;

    virtual bool isOpen() const = 0;
    virtual void close() = 0;
    /*! Why the last query came back empty-handed; empty when it succeeded. */
    virtual QString lastError() const = 0;

    /*! -1 on an error. */
    virtual qint64 count(const HistoryFilter &filter) = 0;
    virtual QList<ExchangeSummary> page(const HistoryFilter &filter, qint64 offset, int limit,
                                        Qt::SortOrder order = Qt::DescendingOrder) = 0;
    /*! Up to limit rows past afterId in order, after skipping skip of them. */
    virtual QList<ExchangeSummary> pageAfter(const HistoryFilter &filter, qint64 afterId, qint64 skip, int limit,
                                             Qt::SortOrder order = Qt::DescendingOrder) = 0;
    /*! The newest id, 0 when there is none; -1 on an error. */
    virtual qint64 maxId() = 0;
    virtual std::optional<ExchangeRecord> load(qint64 id) = 0;

    /*! Until endSnapshot(), every query sees the exchanges as they were at the first one. */
    virtual bool beginSnapshot() = 0;
    virtual void endSnapshot() = 0;

    /*! Any thread: stops the running query, which then fails with wasInterrupted(). */
    virtual void interrupt() = 0;
    virtual bool wasInterrupted() const = 0;

    /*! Both stream exchange by exchange in id order, so memory stays flat however many match; with a redactor every
        exchange goes through it. The default pages through pageAfter() and load(); a backend may stream faster. */
    bool exportJson(const HistoryFilter &filter, QIODevice *device, QString *errorMessage,
                    const ExportProgress &progress = {}, ExchangeRedactor *redactor = nullptr);
    bool exportHar(const HistoryFilter &filter, QIODevice *device, QString *errorMessage,
                   const ExportProgress &progress = {}, ExchangeRedactor *redactor = nullptr);
    virtual bool exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format,
                               QString *errorMessage, const ExportProgress &progress, ExchangeRedactor *redactor);

protected:
    ExchangeSource() = default;
    Q_DISABLE_COPY_MOVE(ExchangeSource)
};

} // namespace dockside::history
