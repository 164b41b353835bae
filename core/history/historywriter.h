#pragma once

#include "exchangerecord.h"
#include "historyoptions.h"
#include "historyspool.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace dockside::history {

// One import transaction: the ids SQLite gave its rows, in spool order.
struct CommittedBatch {
    QList<qint64> ids;
    bool committed = false;
};

// Owns the write connection on the history thread: copies spooled records into SQLite in large transactions,
// recovers the spools a killed process left behind, indexes for search and applies retention. Only enqueue(),
// backlog() and committedBatches() are called from other threads.
class HistoryWriter final : public QObject {
    Q_OBJECT

public:
    explicit HistoryWriter(QObject *parent = nullptr);
    ~HistoryWriter() override;
    Q_DISABLE_COPY_MOVE(HistoryWriter)

    bool open(const HistoryOptions &options, QString *errorMessage);
    void applyRetention();
    // The spool's extent now, to be handed to clear(): callable from any thread.
    QHash<const SpoolFile *, qint64> spooledMarks();
    // Removes every exchange spooled up to the marks, in one transaction; what is spooled later is kept.
    void clear(const QHash<const SpoolFile *, qint64> &marks);
    // Imports what is queued, closes the connection and hands the object back to the thread that will delete it.
    void shutdown(QThread *owner);

    void enqueue(const SpooledBatch &batch);
    // Records spooled but not yet in SQLite.
    qint64 backlog() const { return m_backlog.load(); }
    quint64 committedBatches() const { return m_committedBatches.load(); }

Q_SIGNALS:
    void batchFinished(const dockside::history::CommittedBatch &batch);
    void failed(const QString &message);
    void retentionApplied(qint64 removedRows);
    void cleared(qint64 removedRows);

private:
    // Adds up to maxRows durable rows to the search index in one transaction; false on a database error.
    bool indexPending(qint64 maxRows);
    void scheduleIndexing();
    struct SpoolState {
        std::shared_ptr<SpoolFile> file;
        qint64 importedOffset = 0;
        qint64 writtenOffset = 0;
        qint64 pendingRecords = 0;
        bool finished = false;
    };
    enum class ImportPolicy { WhenQuiet, Now };

    void scheduleImport();
    void importTick();
    bool hasSpooled();
    // Copies the next frames of the oldest spool into SQLite in one transaction; false on a database error.
    bool importNext(const QHash<const SpoolFile *, qint64> *marks = nullptr);
    bool importUpTo(const QHash<const SpoolFile *, qint64> &marks);
    // Copies every spool until none is left or one fails.
    bool importAll();
    // Registers every spool no live process holds (left by a killed one), to be copied and deleted.
    void adoptOrphanedSpools();
    bool recordProgress(const QString &spool, qint64 endOffset, QString *errorMessage);
    void forgetSpool(const std::shared_ptr<SpoolFile> &file);

    bool insert(const ExchangeRecord &record, qint64 *id, QString *errorMessage);
    bool prepareStatements(QString *errorMessage);
    QString sqliteError(int code) const;
    void runRetention(bool announce);
    qint64 removeRows(const QString &exchangeCondition, const QVariant &value, QString *errorMessage);
    // Runs one statement straight on SQLite, so it is prepared under the connection's current settings.
    bool execDirect(const char *statement, QString *errorMessage);
    // -1 on a database error; the caller owns the transaction.
    qint64 removeEverything(QString *errorMessage);
    bool onlySearchTriggerOnExchanges(bool *only, QString *errorMessage);
    void closeDatabase();

    HistoryOptions m_options;
    QString m_connectionName;
    QSqlDatabase m_database;
    // The inserts go straight to SQLite: Qt's binding cost more than the insert itself on the request path.
    sqlite3 *m_sqlite = nullptr; // owned by m_database's driver
    sqlite3_stmt *m_insertExchange = nullptr;
    sqlite3_stmt *m_insertDetails = nullptr;

    QMutex m_queueMutex;
    QList<SpoolState> m_spools; // oldest first; guarded by m_queueMutex
    bool m_importScheduled = false; // guarded by m_queueMutex
    std::atomic<qint64> m_backlog = 0;
    std::atomic<qint64> m_spooledBytes = 0; // written but not yet imported
    std::atomic<qint64> m_lastArrivalMs = 0; // m_clock time of the last enqueue
    std::atomic<qint64> m_arrivals = 0; // records enqueued, for the arrival rate
    qint64 m_rateWindowStartMs = 0;
    qint64 m_rateWindowArrivals = 0;
    double m_arrivalRate = 0; // records per second over the last window
    QElapsedTimer m_clock;
    QTimer *m_importTimer = nullptr; // lives on the writer thread, created there
    bool m_importFailing = false; // reported once per streak of failures

    std::atomic<quint64> m_committedBatches = 0;
    qint64 m_rowsSinceRetention = 0;
    qint64 m_unindexedRows = 0; // durable rows not yet in the search index
    QTimer *m_indexTimer = nullptr; // lives on the writer thread, created there
};

} // namespace dockside::history
