// SPDX-License-Identifier: GPL-3.0-or-later

#include "spoolimporter.h"

#include "exchangerecordcodec.h"
#include "historyconnection.h"
#include "spoolrecovery.h"

#include <QDir>
#include <QMutexLocker>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace dockside::history {

SpoolImporter::SpoolImporter(HistoryConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_progress(connection)
{
}

SpoolImporter::~SpoolImporter() = default;

void SpoolImporter::adopt(const RecoveredSpool &spool)
{
    {
        const QMutexLocker locker(&m_queueMutex);
        m_spooledBytes.fetch_add(spool.size - spool.importedOffset);
        m_spools.append({spool.file, spool.importedOffset, spool.size, 0, true});
        m_importScheduled = true;
    }
    scheduleImport();
}

void SpoolImporter::enqueue(const SpooledBatch &batch)
{
    if (!batch.file)
        return;
    bool schedule = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        auto state = std::find_if(m_spools.begin(), m_spools.end(),
                                  [&batch](const SpoolState &known) { return known.file == batch.file; });
        if (state == m_spools.end()) {
            m_spools.append({batch.file, 0, 0, 0, false});
            state = m_spools.end() - 1;
        }
        m_spooledBytes.fetch_add(batch.endOffset - state->writtenOffset);
        state->writtenOffset = batch.endOffset;
        state->pendingRecords += batch.records;
        state->finished = state->finished || batch.finished;
        m_backlog.fetch_add(batch.records);
        schedule = !std::exchange(m_importScheduled, true);
    }
    m_pacer.arrived(batch.records);
    if (schedule)
        QMetaObject::invokeMethod(this, &SpoolImporter::scheduleImport, Qt::QueuedConnection);
}

QHash<const SpoolFile *, qint64> SpoolImporter::spooledMarks()
{
    const QMutexLocker locker(&m_queueMutex);
    QHash<const SpoolFile *, qint64> marks;
    for (const SpoolState &state : std::as_const(m_spools))
        marks.insert(state.file.get(), state.writtenOffset);
    return marks;
}

void SpoolImporter::scheduleImport()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &SpoolImporter::importTick);
    }
    if (!m_timer->isActive())
        m_timer->start(kIntervalMs);
}

void SpoolImporter::importTick()
{
    // Under heavy traffic the spool holds the records on disk until a pause (the search index waits the same way).
    const bool due = m_pacer.isDue(m_spooledBytes.load());
    if (due && importNext()) {
        m_failing = false;
        Q_EMIT liveImportFinished();
    }
    const QMutexLocker locker(&m_queueMutex);
    if (!hasSpooled()) {
        m_importScheduled = false;
        return;
    }
    m_timer->start(m_failing ? kRetryMs : due ? 0 : kDeferredCheckMs);
}

bool SpoolImporter::hasSpooled() const
{
    return std::any_of(m_spools.cbegin(), m_spools.cend(), [](const SpoolState &state) {
        return state.finished || state.writtenOffset > state.importedOffset;
    });
}

bool SpoolImporter::importAll()
{
    for (;;) {
        {
            const QMutexLocker locker(&m_queueMutex);
            if (!hasSpooled())
                return true;
        }
        if (!importNext())
            return false;
    }
}

bool SpoolImporter::importUpTo(const QHash<const SpoolFile *, qint64> &marks)
{
    for (;;) {
        bool behind = false;
        {
            const QMutexLocker locker(&m_queueMutex);
            for (const SpoolState &state : std::as_const(m_spools))
                behind = behind || state.importedOffset < marks.value(state.file.get(), 0);
        }
        if (!behind)
            return true;
        if (!importNext(&marks))
            return false;
    }
}

void SpoolImporter::stop()
{
    importAll(); // on failure the spool keeps the rest for the next start
    {
        const QMutexLocker locker(&m_queueMutex);
        m_spools.clear(); // releases the files' locks
    }
    delete m_timer;
    m_timer = nullptr;
}

bool SpoolImporter::importNext(const QHash<const SpoolFile *, qint64> *marks)
{
    SpoolState state;
    {
        const QMutexLocker locker(&m_queueMutex);
        const auto next = std::find_if(m_spools.cbegin(), m_spools.cend(), [marks](const SpoolState &known) {
            if (marks)
                return known.importedOffset < marks->value(known.file.get(), 0);
            return known.finished || known.writtenOffset > known.importedOffset;
        });
        if (next == m_spools.cend())
            return true;
        state = *next;
        if (marks)
            state.writtenOffset = std::min(state.writtenOffset, marks->value(state.file.get(), 0));
    }
    const QString spool = state.file->name();
    const HistorySpool::Frames read = HistorySpool::readFrames(state.file->descriptor(), state.importedOffset,
                                                               state.writtenOffset, kMaxTransactionBytes);
    const bool torn = read.torn;

    CommittedBatch result;
    QString errorMessage;
    bool ok = m_connection.isOpen();
    if (!ok)
        errorMessage = QStringLiteral("The history database is closed; the exchanges stay in the spool.");
    if (ok)
        ok = m_connection.begin(&errorMessage);
    qint64 endOffset = state.importedOffset;
    qint64 undecodable = 0;
    for (const HistorySpool::Frame &frame : read.frames) {
        if (!ok)
            break;
        // Bound from the bytes just read: decoding into an ExchangeRecord and encoding again was half this thread's
        // work under load.
        if (const std::optional<SpooledRecordView> record = viewRecord(frame.payload)) {
            qint64 id = -1;
            ok = m_connection.insert(*record, &id, &errorMessage);
            result.ids.append(id);
        } else {
            ++undecodable;
        }
        endOffset = frame.endOffset;
    }
    // A damaged tail (a spool cut by a crash) is skipped: what follows it cannot be framed again.
    if (torn)
        endOffset = state.writtenOffset;
    if (ok && endOffset > state.importedOffset)
        ok = m_progress.record(spool, endOffset, &errorMessage);
    if (ok)
        ok = m_connection.commit(&errorMessage);
    if (!ok) {
        if (m_connection.isOpen())
            m_connection.rollback();
        if (!std::exchange(m_failing, true))
            Q_EMIT failed(errorMessage + QStringLiteral(" The exchanges wait in the history spool and are retried."));
        return false;
    }
    if (torn || undecodable > 0)
        Q_EMIT failed(QStringLiteral("The history spool %1 ends in a damaged record (the process stopped while "
                                     "writing it): %2 whole record(s) were kept, the damaged part was skipped.")
                          .arg(QDir::toNativeSeparators(state.file->path()))
                          .arg(result.ids.size()));
    const qint64 imported = result.ids.size() + undecodable;
    bool forget = false;
    {
        const QMutexLocker locker(&m_queueMutex);
        const auto known = std::find_if(m_spools.begin(), m_spools.end(),
                                        [&state](const SpoolState &other) { return other.file == state.file; });
        m_spooledBytes.fetch_sub(endOffset - known->importedOffset);
        known->importedOffset = endOffset;
        known->pendingRecords -= imported;
        forget = known->finished && known->importedOffset >= known->writtenOffset;
        if (forget)
            m_spools.erase(known);
    }
    m_backlog.fetch_sub(imported);
    m_committedBatches.fetch_add(1);
    result.committed = true;
    Q_EMIT rowsImported(result.ids.size());
    if (!result.ids.isEmpty())
        Q_EMIT batchFinished(result);
    if (forget)
        forgetSpool(state.file);
    return true;
}

void SpoolImporter::forgetSpool(const std::shared_ptr<SpoolFile> &file)
{
    // The file goes first: a progress row without its file is dropped at the next start, never the reverse.
    if (file->remove())
        m_progress.forget(file->name());
}

} // namespace dockside::history
