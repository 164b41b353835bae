// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

class QTimer;

namespace dockside::history {

class HistoryConnection;

// Adds durable rows to the full-text index in large chunks once appends pause, so FTS5 writes few, large segments
// and a burst of requests never waits for it. Lives on the writer thread with the connection it borrows.
class SearchIndexer final : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kChunkRows = 2000;
    static constexpr int kIdleMs = 100;
    // Past this backlog indexing runs between commits regardless: searches scan the unindexed tail.
    static constexpr qint64 kMaxBacklogRows = 500000;

    explicit SearchIndexer(HistoryConnection &connection, QObject *parent = nullptr);
    ~SearchIndexer() override;
    Q_DISABLE_COPY_MOVE(SearchIndexer)

    /*! Counts the rows a killed process committed but never indexed; they are indexed at the next schedule(). */
    void countPending();
    void addRows(qint64 rows) { m_unindexedRows += rows; }
    /*! After a clear: every row left lies past the index's mark. */
    void reset() { m_unindexedRows = 0; }
    qint64 unindexedRows() const { return m_unindexedRows; }

    /*! (Re)starts the idle countdown, so indexing runs when appends pause instead of stalling them. */
    void schedule();
    /*! Adds up to maxRows rows in one transaction; false on a database error, reported by failed(). */
    bool indexPending(qint64 maxRows = kChunkRows);
    /*! Indexes everything before the file is closed, so a clean stop leaves nothing to index. */
    void catchUp();

Q_SIGNALS:
    void failed(const QString &message);

private:
    HistoryConnection &m_connection;
    qint64 m_unindexedRows = 0; // durable rows not yet in the search index
    QTimer *m_timer = nullptr; // created on the writer thread, at the first schedule()
};

} // namespace dockside::history
