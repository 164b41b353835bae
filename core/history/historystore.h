// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"
#include "exchangesink.h"
#include "historyoptions.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace dockside::history {

class HistorySpool;
class HistoryWriter;
struct CommittedBatch;

// The SQLite ExchangeSink: appends exchanges to the history from the thread it lives in: each group of appends is made
// durable with one write to this store's spool file, then a writer thread copies the spool into SQLite in large
// transactions.
class HistoryStore final : public QObject, public ExchangeSink {
    Q_OBJECT

public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;
    Q_DISABLE_COPY_MOVE(HistoryStore)

    /*! Opens or creates the file and its schema; blocks until the writer has it open. */
    bool open(const HistoryOptions &options, QString *errorMessage);
    // When the spool is copied into SQLite under heavy traffic; applies from the next open().
    void setImportPacing(const ImportPacing &pacing) { m_pacing = pacing; }
    bool isOpen() const override { return m_writer != nullptr; }
    const HistoryOptions &options() const { return m_options; }
    /*! What the last open() changed that the user should hear of, such as a history others could read made private;
        empty when nothing. */
    const QString &openNotice() const { return m_openNotice; }

    /*! Spools the record with the others appended in the same pass of the event loop; onDurable runs on this thread
        once it survives a killed process (true) or could not be stored (false). appended() follows once SQLite has
        it. Call it on the store's thread. */
    void append(const ExchangeRecord &record, std::function<void(bool stored)> onDurable = {}) override;
    void applyRetention() override;
    /*! Changes the limits while open: applied at once (retentionApplied() follows) and from then on. */
    void setRetention(qint64 maxRows, int maxAgeDays);
    /*! Removes every exchange that is durable when the writer thread takes the request, then emits cleared() or
        failed(). Appends still queued then are committed after it with higher ids (ids are never reused), so an
        exchange is either cleared whole or kept whole. The file is compacted afterwards. */
    void clear() override;
    /*! Forgets a caller: every exchange with the number (and of the calls it made) leaves the tables, the search
        index and the spool, then the file is rewritten so their bytes are gone; forgotten() or failed() follows. */
    void forgetCaller(const QString &number);
    /*! Writes everything queued, runs its callbacks and stops the writer thread. */
    void close() override;

    quint64 committedBatches() const;
    /*! Exchanges made durable in the spool but not yet copied into SQLite (and so not yet in the timeline). */
    qint64 backlog() const override;

Q_SIGNALS:
    void appended(const QList<qint64> &ids);
    void failed(const QString &message);
    void retentionApplied(qint64 removedRows);
    void cleared(qint64 removedRows);
    void forgotten(const QString &number, qint64 exchanges, qint64 calls);

private:
    void deliver(const CommittedBatch &batch);
    void writeSpool();

    HistoryOptions m_options;
    ImportPacing m_pacing;
    QString m_openNotice;
    QThread m_thread;
    HistoryWriter *m_writer = nullptr;
    std::unique_ptr<HistorySpool> m_spool;
    QList<std::function<void(bool stored)>> m_pendingCallbacks; // one per record added since the last write
    bool m_writeScheduled = false;

    quint64 m_committedBatchesAtClose = 0;
};

} // namespace dockside::history
