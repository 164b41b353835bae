// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamdatabase.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

namespace dockside::teamhistory {

class TeamCopyWorker;

struct TeamCopyOptions {
    TeamDatabase database;
    QString password; // empty: libpq's PGPASSWORD or password file
    QString localHistoryPath; // the SQLite history this machine records into first
    int batchRows = 500; // per transaction in the team database
    int retryMs = 1000; // after the server could not be reached or refused a batch
    int pollMs = 500; // looks for new local rows this often even without wake()
    int stopBudgetMs = 5000; // how long stop() keeps copying before it leaves the rest for the next start
};

// The notification every copied batch sends; its payload is the newest id in the team database.
inline constexpr char kTeamNotifyChannel[] = "dockside_exchanges";

// Copies the exchanges of this machine's local history into the team database in batches, on its own thread. Answers
// never wait for it: a server that is down or slow only grows the backlog, which drains when it is back. Each row keeps
// the local history's identity and id (the idempotency key), so a batch copied twice adds nothing the second time.
class TeamCopier final : public QObject {
    Q_OBJECT
public:
    explicit TeamCopier(QObject *parent = nullptr);
    ~TeamCopier() override;
    Q_DISABLE_COPY_MOVE(TeamCopier)

    /*! Starts copying; fails only when the local history's identity cannot be read or written. A server that cannot
        be reached is retried and reported by failed(). */
    bool start(const TeamCopyOptions &options, QString *errorMessage);
    /*! Copies what it can within the options' budget, then stops; what is left is copied by the next start. */
    void stop();
    bool isRunning() const { return m_worker != nullptr; }
    /*! The local history has new rows (connect HistoryStore::appended here). */
    void wake();
    /*! Rows of the local history not yet in the team database, as of the last look. */
    qint64 backlog() const { return m_backlog.load(); }
    qint64 copiedRows() const { return m_copiedRows.load(); }
    /*! The identity of the local history in the team database (dockside_origins.origin). */
    const QString &origin() const { return m_origin; }

Q_SIGNALS:
    /*! After each committed batch. */
    void copied(qint64 rows, qint64 backlog);
    /*! The first failure of a streak: the server is unreachable, refused the login, or a batch failed. */
    void failed(const QString &message);
    /*! The first success after failed(). */
    void recovered();

private:
    friend class TeamCopyWorker;
    QThread m_thread;
    TeamCopyWorker *m_worker = nullptr;
    QString m_origin;
    std::atomic<qint64> m_backlog = 0;
    std::atomic<qint64> m_copiedRows = 0;
};

// The local history's identity, kept next to it ("<file>.origin"), created on first use.
QString originOf(const QString &localHistoryPath, QString *errorMessage);

} // namespace dockside::teamhistory
