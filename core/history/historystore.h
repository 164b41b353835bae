#pragma once

#include "exchangerecord.h"
#include "historyoptions.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>

namespace dockside::history {

class HistoryWriter;
struct CommittedBatch;

// Appends exchanges to the history file from the caller's thread; a writer thread commits them in groups.
class HistoryStore final : public QObject {
    Q_OBJECT

public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;
    Q_DISABLE_COPY_MOVE(HistoryStore)

    /*! Opens or creates the file and its schema; blocks until the writer has it open. */
    bool open(const HistoryOptions &options, QString *errorMessage);
    bool isOpen() const { return m_writer != nullptr; }
    const HistoryOptions &options() const { return m_options; }

    /*! Queues the record without blocking; onDurable runs on this thread after COMMIT, with -1 if it failed. */
    void append(ExchangeRecord record, std::function<void(qint64 id)> onDurable = {});
    void applyRetention();
    /*! Removes every exchange that is durable when the writer thread takes the request, then emits cleared() or
        failed(). Appends still queued then are committed after it with higher ids (ids are never reused), so an
        exchange is either cleared whole or kept whole. The file is compacted afterwards. */
    void clear();
    /*! Writes everything queued, runs its callbacks and stops the writer thread. */
    void close();

    quint64 committedBatches() const;

Q_SIGNALS:
    void appended(const QList<qint64> &ids);
    void failed(const QString &message);
    void retentionApplied(qint64 removedRows);
    void cleared(qint64 removedRows);

private:
    void deliver(const CommittedBatch &batch);

    HistoryOptions m_options;
    QThread m_thread;
    HistoryWriter *m_writer = nullptr;
    quint64 m_committedBatchesAtClose = 0;
};

} // namespace dockside::history
