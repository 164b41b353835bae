// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "historyspool.h"
#include "importpacer.h"
#include "spoolprogress.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>

class QTimer;

namespace dockside::history {

class HistoryConnection;
struct RecoveredSpool;

// One import transaction: the ids SQLite gave its rows, in spool order.
struct CommittedBatch {
    QList<qint64> ids;
    bool committed = false;
};

// Copies spooled records into SQLite in large transactions on the writer thread and deletes each spool file once it
// is copied. Only enqueue(), spooledMarks(), backlog() and committedBatches() are called from other threads.
class SpoolImporter final : public QObject {
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 25;
    static constexpr int kRetryMs = 1000;
    static constexpr int kDeferredCheckMs = 50;
    static constexpr qint64 kMaxTransactionBytes = qint64(4) * 1024 * 1024;

    explicit SpoolImporter(HistoryConnection &connection, QObject *parent = nullptr);
    ~SpoolImporter() override;
    Q_DISABLE_COPY_MOVE(SpoolImporter)

    void start(const ImportPacing &pacing = {})
    {
        m_pacer.setPacing(pacing);
        m_pacer.start();
    }
    /*! A recovered spool is copied in the background, like new traffic. */
    void adopt(const RecoveredSpool &spool);
    void enqueue(const SpooledBatch &batch);
    /*! The spools' extent now, to be handed to importUpTo(); callable from any thread. */
    QHash<const SpoolFile *, qint64> spooledMarks();

    // Each returns false on a database error, reported by failed() once per streak.
    bool importUpTo(const QHash<const SpoolFile *, qint64> &marks);
    bool importAll();
    /*! Imports what it can and releases the files (and their locks); what is left waits for the next start. */
    void stop();

    qint64 backlog() const { return m_backlog.load(); }
    quint64 committedBatches() const { return m_committedBatches.load(); }

Q_SIGNALS:
    void batchFinished(const dockside::history::CommittedBatch &batch);
    void failed(const QString &message);
    // After every committed import, whatever started it.
    void rowsImported(qint64 rows);
    // After a committed import the timer started: the moment for follow-up work such as indexing.
    void liveImportFinished();

private:
    struct SpoolState {
        std::shared_ptr<SpoolFile> file;
        qint64 importedOffset = 0;
        qint64 writtenOffset = 0;
        qint64 pendingRecords = 0;
        bool finished = false;
    };

    void scheduleImport();
    void importTick();
    bool hasSpooled() const; // call with m_queueMutex held
    // Copies the next frames of the oldest spool in one transaction (up to the marks, if any).
    bool importNext(const QHash<const SpoolFile *, qint64> *marks = nullptr);
    void forgetSpool(const std::shared_ptr<SpoolFile> &file);

    HistoryConnection &m_connection;
    SpoolProgress m_progress;
    ImportPacer m_pacer;

    QMutex m_queueMutex;
    QList<SpoolState> m_spools; // oldest first; guarded by m_queueMutex
    bool m_importScheduled = false; // guarded by m_queueMutex
    std::atomic<qint64> m_backlog = 0;
    std::atomic<qint64> m_spooledBytes = 0; // written but not yet imported
    std::atomic<quint64> m_committedBatches = 0;
    QTimer *m_timer = nullptr; // lives on the writer thread, created there
    bool m_failing = false; // reported once per streak of failures
};

} // namespace dockside::history
