// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamcopier.h"

#include "teamconnection.h"
#include "teamrow.h"

#include "base/atomicfile.h"
#include "history/historyreader.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace dockside::teamhistory {

namespace {

// Every copying transaction holds it until its commit, so ids become visible in the order they were given out and a
// desktop that has read up to an id never misses a lower one committed later.
constexpr qint64 kCopyLockKey = 0x646f636b636f7079; // "dockcopy"

// Rows per INSERT statement: 20 values each keeps a statement well under PostgreSQL's 65,535 parameters.
constexpr int kRowsPerStatement = 100;

} // namespace

QString originOf(const QString &localHistoryPath, QString *errorMessage)
{
    const QString path = localHistoryPath + QStringLiteral(".origin");
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QUuid known = QUuid::fromString(QString::fromLatin1(file.readAll().trimmed()));
        if (!known.isNull())
            return known.toString(QUuid::WithoutBraces);
    }
    const QString created = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!base::writeFileAtomically(path, created.toLatin1() + '\n', errorMessage, base::FileAccess::OwnerOnly))
        return {};
    return created;
}

// Lives on the copier's thread: owns the team connection and a reader of the local history.
class TeamCopyWorker final : public QObject {
public:
    TeamCopyWorker(TeamCopier &copier, TeamCopyOptions options, QString origin)
        : m_copier(copier)
        , m_options(std::move(options))
        , m_origin(std::move(origin))
        , m_connection(QStringLiteral("copy"))
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &TeamCopyWorker::step);
        step();
    }

    void wake()
    {
        // While failing, the retry interval stands: new rows must not turn it into a connection attempt per request.
        if (m_timer && !m_failing)
            m_timer->start(0);
    }

    // Copies until caught up or out of time, then lets go of both databases.
    void finish(QThread *owner)
    {
        delete std::exchange(m_timer, nullptr);
        const QDeadlineTimer deadline(m_options.stopBudgetMs);
        while (!deadline.hasExpired()) {
            const int copied = copyBatch();
            if (copied <= 0)
                break;
        }
        m_reader.close();
        m_connection.close();
        moveToThread(owner);
    }

private:
    void step()
    {
        const int copied = copyBatch();
        if (!m_timer)
            return;
        // A full batch means more are waiting; otherwise wait for wake() or the next look.
        m_timer->start(copied < 0 ? m_options.retryMs : copied >= m_options.batchRows ? 0 : m_options.pollMs);
    }

    bool connectIfNeeded(QString *errorMessage)
    {
        if (m_connection.isOpen() && !m_connection.isBroken())
            return true;
        if (!m_connection.open(m_options.database, m_options.password, true, errorMessage))
            return false;
        QSqlQuery query(m_connection.database());
        if (!m_connection.run(
                query, QStringLiteral("SELECT copied_up_to FROM dockside_origins WHERE origin = CAST(? AS uuid)"),
                {m_origin}, errorMessage)) {
            m_connection.close();
            return false;
        }
        m_copiedUpTo = query.next() ? query.value(0).toLongLong() : 0;
        return true;
    }

    bool openLocal(QString *errorMessage)
    {
        if (m_reader.isOpen())
            return true;
        if (!QFile::exists(m_options.localHistoryPath))
            return true; // nothing recorded yet
        return m_reader.open(m_options.localHistoryPath, errorMessage);
    }

    // Rows copied, 0 when caught up, -1 on a failure (reported once per streak).
    int copyBatch()
    {
        QString errorMessage;
        const int copied = tryCopyBatch(&errorMessage);
        if (copied < 0) {
            if (!std::exchange(m_failing, true))
                Q_EMIT m_copier.failed(errorMessage);
        } else if (std::exchange(m_failing, false)) {
            Q_EMIT m_copier.recovered();
        }
        return copied;
    }

    int tryCopyBatch(QString *errorMessage)
    {
        if (!openLocal(errorMessage)) {
            *errorMessage = QStringLiteral("The local history %1 cannot be read, so nothing is copied to the team "
                                           "history: %2")
                                .arg(m_options.localHistoryPath, *errorMessage);
            return -1;
        }
        if (!m_reader.isOpen())
            return 0;
        const qint64 newest = m_reader.maxId();
        if (newest < 0) {
            *errorMessage = m_reader.lastError();
            m_reader.close();
            return -1;
        }
        if (!connectIfNeeded(errorMessage)) {
            m_copier.m_backlog.store(std::max<qint64>(0, newest - m_copiedUpTo));
            return -1;
        }
        m_copier.m_backlog.store(std::max<qint64>(0, newest - m_copiedUpTo));
        if (newest <= m_copiedUpTo)
            return 0;

        const QList<history::ExchangeSummary> rows =
            m_reader.pageAfter({}, m_copiedUpTo, 0, m_options.batchRows, Qt::AscendingOrder);
        if (!m_reader.lastError().isEmpty()) {
            *errorMessage = m_reader.lastError();
            return -1;
        }
        if (rows.isEmpty()) {
            // Rows removed locally (retention, a clear) before they were copied: nothing left to take below newest.
            m_copiedUpTo = newest;
            return 0;
        }
        QList<history::ExchangeRecord> records;
        records.reserve(rows.size());
        for (const history::ExchangeSummary &row : rows) {
            if (std::optional<history::ExchangeRecord> record = m_reader.load(row.id))
                records.append(std::move(*record));
        }
        const qint64 upTo = rows.last().id;
        if (!insert(records, upTo, errorMessage))
            return -1;
        m_copiedUpTo = upTo;
        const qint64 backlog = std::max<qint64>(0, newest - upTo);
        m_copier.m_backlog.store(backlog);
        m_copier.m_copiedRows.fetch_add(records.size());
        Q_EMIT m_copier.copied(records.size(), backlog);
        return static_cast<int>(rows.size());
    }

    bool insert(const QList<history::ExchangeRecord> &records, qint64 upTo, QString *errorMessage)
    {
        QSqlQuery query(m_connection.database());
        // Rolled back while the failed statement's query still lives, so freeing it later does not meet an aborted
        // transaction.
        const auto fail = [this, &query] {
            query.finish();
            m_connection.exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        };
        if (!m_connection.exec(QStringLiteral("BEGIN"), errorMessage) ||
            !m_connection.run(query, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kCopyLockKey}, errorMessage))
            return fail();
        qint64 newestId = 0;
        for (qsizetype first = 0; first < records.size(); first += kRowsPerStatement) {
            const qsizetype count = std::min<qsizetype>(kRowsPerStatement, records.size() - first);
            QVariantList values;
            values.reserve(count * kTeamRowColumns);
            for (qsizetype i = first; i < first + count; ++i)
                values += teamRowValues(m_origin, records.at(i));
            if (!m_connection.run(query, teamInsertStatement(static_cast<int>(count)), values, errorMessage))
                return fail();
            while (query.next())
                newestId = std::max(newestId, query.value(0).toLongLong());
        }
        if (!m_connection.run(query,
                              QStringLiteral("INSERT INTO dockside_origins (origin, copied_up_to, host) VALUES "
                                             "(CAST(? AS uuid), ?, ?) ON CONFLICT (origin) DO UPDATE SET copied_up_to ="
                                             " GREATEST(dockside_origins.copied_up_to, EXCLUDED.copied_up_to),"
                                             " updated_at = now()"),
                              {m_origin, upTo, QSysInfo::machineHostName()}, errorMessage))
            return fail();
        // Desktops that listen read the new rows at once; the payload is the newest id so they know how far to read.
        if (newestId > 0 &&
            !m_connection.run(query, QStringLiteral("SELECT pg_notify(?, ?)"),
                              {QString::fromLatin1(kTeamNotifyChannel), QString::number(newestId)}, errorMessage))
            return fail();
        return m_connection.exec(QStringLiteral("COMMIT"), errorMessage) || fail();
    }

    TeamCopier &m_copier;
    TeamCopyOptions m_options;
    QString m_origin;
    TeamConnection m_connection;
    history::HistoryReader m_reader;
    QTimer *m_timer = nullptr;
    qint64 m_copiedUpTo = 0;
    bool m_failing = false;
};

TeamCopier::TeamCopier(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("dockside-team-copy"));
}

TeamCopier::~TeamCopier()
{
    stop();
}

bool TeamCopier::start(const TeamCopyOptions &options, QString *errorMessage)
{
    stop();
    m_origin = originOf(options.localHistoryPath, errorMessage);
    if (m_origin.isEmpty())
        return false;
    m_backlog.store(0);
    m_copiedRows.store(0);
    m_worker = new TeamCopyWorker(*this, options, m_origin);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &TeamCopyWorker::begin, Qt::QueuedConnection);
    return true;
}

void TeamCopier::stop()
{
    if (!m_worker)
        return;
    TeamCopyWorker *worker = std::exchange(m_worker, nullptr);
    QMetaObject::invokeMethod(
        worker, [worker, this] { worker->finish(thread()); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete worker;
}

void TeamCopier::wake()
{
    if (TeamCopyWorker *worker = m_worker)
        QMetaObject::invokeMethod(worker, &TeamCopyWorker::wake, Qt::QueuedConnection);
}

} // namespace dockside::teamhistory
