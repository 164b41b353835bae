// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangesource.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace dockside::teamhistory {

// Opens what a --history value names for reading: a SQLite history file, or a team history's postgresql:// URL.
// Nothing, with the reason in errorMessage, when it cannot be opened.
std::unique_ptr<history::ExchangeSource> openExchangeSource(const QString &location, QString *errorMessage);

// Whether a history location can be opened for reading now: a file that exists, or any team history URL (the server
// says the rest when it is opened).
bool historyLocationExists(const QString &location);

// The ExchangeSource of whatever a location names, opened again for another location; what the window's readers
// hold. interrupt() may come from another thread while open() replaces the backend.
class HistorySource final : public history::ExchangeSource {
public:
    HistorySource() = default;
    ~HistorySource() override;
    Q_DISABLE_COPY_MOVE(HistorySource)

    bool open(const QString &location, QString *errorMessage);
    const QString &location() const { return m_location; }
    /*! The team history's role may only read (Clear and retention are unavailable); false for a file. */
    bool isReadOnly() const;

    bool isOpen() const override { return m_source && m_source->isOpen(); }
    void close() override;
    QString lastError() const override;
    qint64 count(const history::HistoryFilter &filter) override;
    QList<history::ExchangeSummary> page(const history::HistoryFilter &filter, qint64 offset, int limit,
                                         Qt::SortOrder order = Qt::DescendingOrder) override;
    QList<history::ExchangeSummary> pageAfter(const history::HistoryFilter &filter, qint64 afterId, qint64 skip,
                                              int limit, Qt::SortOrder order = Qt::DescendingOrder) override;
    qint64 maxId() override;
    std::optional<history::ExchangeRecord> load(qint64 id) override;
    bool beginSnapshot() override;
    void endSnapshot() override;
    void interrupt() override;
    bool wasInterrupted() const override { return m_source && m_source->wasInterrupted(); }
    bool exportRecords(const history::HistoryFilter &filter, QIODevice *device, history::ExportFormat format,
                       QString *errorMessage, const history::ExportProgress &progress,
                       history::ExchangeRedactor *redactor) override;

private:
    QString m_location;
    mutable QMutex m_swapMutex; // held while m_source is replaced and while interrupt() uses it
    std::unique_ptr<history::ExchangeSource> m_source;
};

} // namespace dockside::teamhistory
