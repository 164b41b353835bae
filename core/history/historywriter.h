#pragma once

#include "exchangerecord.h"
#include "historyoptions.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>
#include <functional>

struct sqlite3;
struct sqlite3_stmt;

namespace dockside::history {

using DurableCallback = std::function<void(qint64 id)>;

// The outcome of one transaction: ids in append order, -1 for each record when the transaction failed.
struct CommittedBatch {
    QList<qint64> ids;
    QList<DurableCallback> callbacks;
    bool committed = false;
};

// Owns the write connection on the history thread; only enqueue() and committedBatches() are called from elsewhere.
class HistoryWriter final : public QObject {
    Q_OBJECT

public:
    explicit HistoryWriter(QObject *parent = nullptr);
    ~HistoryWriter() override;
    Q_DISABLE_COPY_MOVE(HistoryWriter)

    bool open(const HistoryOptions &options, QString *errorMessage);
    void flush();
    void applyRetention();
    // Removes every committed exchange in one transaction; what is still queued is committed after it.
    void clear();
    // Writes what is queued, closes the connection and hands the object back to the thread that will delete it.
    void shutdown(QThread *owner);

    void enqueue(ExchangeRecord record, DurableCallback onDurable);
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

    struct Pending {
        ExchangeRecord record;
        DurableCallback onDurable;
    };

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
    QList<Pending> m_queue; // guarded by m_queueMutex
    bool m_flushScheduled = false; // guarded by m_queueMutex

    std::atomic<quint64> m_committedBatches = 0;
    qint64 m_rowsSinceRetention = 0;
    qint64 m_unindexedRows = 0; // durable rows not yet in the search index
    QTimer *m_indexTimer = nullptr; // lives on the writer thread, created there
};

} // namespace dockside::history
