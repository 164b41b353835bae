// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "historyclearer.h"
#include "historyconnection.h"
#include "historyforgetter.h"
#include "historyoptions.h"
#include "historyretention.h"
#include "historyspool.h"
#include "searchindexer.h"
#include "spoolimporter.h"

#include <QHash>
#include <QObject>

class QThread;
class QTimer;

namespace dockside::history {

// The history thread's writer: opens the one write connection and wires the jobs that borrow it (spool import and
// recovery, search indexing, retention, clear). Only enqueue(), spooledMarks(), backlog() and committedBatches() are
// called from other threads.
class HistoryWriter final : public QObject {
    Q_OBJECT

public:
    explicit HistoryWriter(QObject *parent = nullptr);
    ~HistoryWriter() override;
    Q_DISABLE_COPY_MOVE(HistoryWriter)

    bool open(const HistoryOptions &options, const ImportPacing &pacing, QString *errorMessage);
    void applyRetention();
    // New limits, applied at once and from then on; retentionApplied() follows.
    void setRetention(qint64 maxRows, int maxAgeDays);
    // The spool's extent now, to be handed to clear(): callable from any thread.
    QHash<const SpoolFile *, qint64> spooledMarks() { return m_importer.spooledMarks(); }
    // Removes every exchange spooled up to the marks, in one transaction; what is spooled later is kept.
    void clear(const QHash<const SpoolFile *, qint64> &marks);
    // Removes every exchange of the caller (after importing everything spooled, so the spool's copies go too), then
    // rewrites the file so their bytes are gone.
    void forgetCaller(const QString &number);
    // Imports what is queued, closes the connection and hands the object back to the thread that will delete it.
    void shutdown(QThread *owner);

    const QString &openNotice() const { return m_connection.openNotice(); }
    void enqueue(const SpooledBatch &batch) { m_importer.enqueue(batch); }
    // Records spooled but not yet in SQLite.
    qint64 backlog() const { return m_importer.backlog(); }
    quint64 committedBatches() const { return m_importer.committedBatches(); }

Q_SIGNALS:
    void batchFinished(const dockside::history::CommittedBatch &batch);
    void failed(const QString &message);
    void retentionApplied(qint64 removedRows);
    void cleared(qint64 removedRows);
    void forgotten(const QString &number, qint64 exchanges, qint64 calls);

private:
    void runRetention(bool announce);

    HistoryConnection m_connection; // declared first: the jobs below borrow it until they are gone
    SpoolImporter m_importer;
    SearchIndexer m_indexer;
    HistoryRetention m_retention;
    HistoryClearer m_clearer;
    HistoryForgetter m_forgetter;
    HistoryOptions m_options;
    QTimer *m_retentionTimer = nullptr; // on the writer thread; applies the limits on a quiet endpoint too
};

} // namespace dockside::history
