// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangesource.h"

#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;
class QSqlQuery;
struct sqlite3;

namespace dockside::history {

class ExchangeRedactor;

// The SQLite ExchangeSource: a read-only view of the history file with its own connection; use it on the thread
// that opened it.
class HistoryReader final : public ExchangeSource {
public:
    HistoryReader() = default;
    ~HistoryReader() override;
    Q_DISABLE_COPY_MOVE(HistoryReader)

    bool open(const QString &databasePath, QString *errorMessage);
    void close() override;
    bool isOpen() const override { return m_database.isOpen(); }
    /*! Why the last count(), page() or load() came back empty-handed; empty when it succeeded. */
    QString lastError() const override { return m_lastError; }

    /*! -1 on a database error. */
    qint64 count(const HistoryFilter &filter) override;
    QList<ExchangeSummary> page(const HistoryFilter &filter, qint64 offset, int limit,
                                Qt::SortOrder order = Qt::DescendingOrder) override;
    /*! Keyset paging: up to limit rows past afterId in order (lower ids when descending, higher when ascending),
        after skipping skip of them. It seeks by primary key, so its cost depends on skip, not on how deep afterId
        lies; the full-text search reads only the index entries on the far side of afterId. */
    QList<ExchangeSummary> pageAfter(const HistoryFilter &filter, qint64 afterId, qint64 skip, int limit,
                                     Qt::SortOrder order = Qt::DescendingOrder) override;
    /*! The newest id in the file, 0 when it holds no exchange; -1 on a database error. */
    qint64 maxId() override;
    std::optional<ExchangeRecord> load(qint64 id) override;
    /*! Up to limit whole exchanges past afterId in id order, in one statement (the team copier's batch); nothing on
        an error. */
    std::optional<QList<ExchangeRecord>> loadAfter(qint64 afterId, int limit);

    /*! Until endSnapshot(), every query reads the file as it was at the first one (one read transaction), so a
        count and the pages after it agree while the writer commits. */
    bool beginSnapshot() override;
    void endSnapshot() override;

    /*! Stops the statement running on the reader's thread, which then fails with wasInterrupted(); any thread may
        call it. A statement started after it returns runs normally. */
    void interrupt() override;
    bool wasInterrupted() const override { return m_interrupted; }

    /*! Streams one statement's rows instead of loading exchange by exchange. */
    bool exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format, QString *errorMessage,
                       const ExportProgress &progress, ExchangeRedactor *redactor) override;

private:
    bool run(QSqlQuery &query, const QString &statement, const QVariantList &values);
    // Records why a statement stopped while its rows were read; true when it ran to the end.
    bool finished(const QSqlQuery &query);
    bool checkFilter(const HistoryFilter &filter);
    bool inTransaction();
    void rollback();
    // Where the search index ends, read only when the filter searches text.
    bool readIndexedUpTo(const HistoryFilter &filter, qint64 *indexedUpTo);
    QList<ExchangeSummary> summaries(const HistoryFilter &filter, std::optional<qint64> afterId, qint64 skip, int limit,
                                     Qt::SortOrder order);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_database;
    QString m_lastError;
    bool m_interrupted = false;
    bool m_inSnapshot = false;
    QMutex m_handleMutex;
    sqlite3 *m_sqlite = nullptr; // guarded by m_handleMutex; owned by m_database's driver
};

} // namespace dockside::history
