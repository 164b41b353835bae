// SPDX-License-Identifier: GPL-3.0-or-later

#include "historywriter.h"

#include "spoolrecovery.h"

#include <QThread>
#include <QTimer>

namespace dockside::history {

HistoryWriter::HistoryWriter(QObject *parent)
    : QObject(parent)
    , m_importer(m_connection, this)
    , m_indexer(m_connection, this)
    , m_retention(m_connection)
    , m_clearer(m_connection)
    , m_forgetter(m_connection)
{
    connect(&m_importer, &SpoolImporter::batchFinished, this, &HistoryWriter::batchFinished);
    connect(&m_importer, &SpoolImporter::failed, this, &HistoryWriter::failed);
    connect(&m_indexer, &SearchIndexer::failed, this, &HistoryWriter::failed);
    connect(&m_importer, &SpoolImporter::rowsImported, this, [this](qint64 rows) {
        m_indexer.addRows(rows);
        m_retention.addRows(rows);
    });
    connect(&m_importer, &SpoolImporter::liveImportFinished, this, [this] {
        m_indexer.schedule();
        if (m_retention.isDue())
            runRetention(false);
    });
}

HistoryWriter::~HistoryWriter() = default;

bool HistoryWriter::open(const HistoryOptions &options, const ImportPacing &pacing, QString *errorMessage)
{
    if (!m_connection.open(options.databasePath, errorMessage))
        return false;
    m_options = options;
    m_retention.setOptions(options);
    if (options.retentionPeriodMs > 0) {
        // The writer thread deletes while the store's thread keeps spooling, so capture never waits for it.
        m_retentionTimer = new QTimer(this);
        m_retentionTimer->setInterval(options.retentionPeriodMs);
        connect(m_retentionTimer, &QTimer::timeout, this, [this] {
            if (m_retention.hasLimits())
                runRetention(false);
        });
        m_retentionTimer->start();
    }
    m_importer.start(pacing);
    SpoolProgress progress(m_connection);
    const QList<RecoveredSpool> orphans = SpoolRecovery(options.databasePath, progress).adoptOrphans();
    for (const RecoveredSpool &orphan : orphans)
        m_importer.adopt(orphan);
    // Queued, not here: open() blocks its caller (the window at start), and a first run after a long pause may
    // delete many rows. The writer thread runs it next, before any import.
    QMetaObject::invokeMethod(
        this, [this] { runRetention(false); }, Qt::QueuedConnection);
    // Rows a killed process committed but never indexed are indexed with the next import.
    m_indexer.countPending();
    return true;
}

void HistoryWriter::applyRetention()
{
    runRetention(true);
}

void HistoryWriter::setRetention(qint64 maxRows, int maxAgeDays)
{
    m_options.maxRows = maxRows;
    m_options.maxAgeDays = maxAgeDays;
    m_retention.setOptions(m_options);
    runRetention(true);
}

void HistoryWriter::runRetention(bool announce)
{
    if (!m_connection.isOpen()) {
        m_retention.reset();
        return;
    }
    QString errorMessage;
    const qint64 removed = m_retention.apply(&errorMessage);
    if (removed < 0)
        Q_EMIT failed(errorMessage);
    else if (announce || removed > 0)
        Q_EMIT retentionApplied(removed);
}

void HistoryWriter::clear(const QHash<const SpoolFile *, qint64> &marks)
{
    if (!m_connection.isOpen()) {
        Q_EMIT failed(QStringLiteral("The history database is closed; nothing was cleared."));
        return;
    }
    // Everything spooled before the request goes into the tables first, so the clear removes exactly that.
    if (!m_importer.importUpTo(marks)) {
        Q_EMIT failed(QStringLiteral("The history could not be cleared because the exchanges spooled before the "
                                     "request could not be copied into it. Nothing was cleared."));
        return;
    }
    QString errorMessage;
    const qint64 removed = m_clearer.removeAll(&errorMessage);
    if (removed < 0) {
        Q_EMIT failed(errorMessage + QStringLiteral(" Nothing was cleared."));
        return;
    }
    m_indexer.reset();
    m_retention.reset();
    QString compactError;
    const bool compacted = m_clearer.compact(&compactError);
    Q_EMIT cleared(removed);
    if (!compacted)
        Q_EMIT failed(QStringLiteral("The history was cleared, but its file could not be compacted, so it keeps its "
                                     "size until new exchanges reuse the space: ") +
                      compactError);
}

void HistoryWriter::forgetCaller(const QString &number)
{
    if (!m_connection.isOpen()) {
        Q_EMIT failed(QStringLiteral("The history database is closed; nothing was forgotten."));
        return;
    }
    // Every spooled record goes into the tables first (and finished spool files are deleted), so the caller's are
    // removed from the tables below and none is left behind in a spool file.
    if (!m_importer.importAll()) {
        Q_EMIT failed(QStringLiteral("The caller could not be forgotten because the exchanges waiting in the spool "
                                     "could not be copied into the history. Nothing was forgotten; try again."));
        return;
    }
    QString errorMessage;
    const std::optional<ForgetResult> result = m_forgetter.forgetCaller(number, &errorMessage);
    if (!result) {
        Q_EMIT failed(errorMessage + QStringLiteral(" Nothing was forgotten."));
        return;
    }
    QString scrubError;
    const bool scrubbed = m_forgetter.scrub(&scrubError);
    Q_EMIT forgotten(HistoryForgetter::normalizedNumber(number), result->exchanges, result->calls);
    if (!scrubbed)
        Q_EMIT failed(QStringLiteral("The caller's exchanges were removed, but the file could not be rewritten, so "
                                     "their bytes may stay in it until it is compacted: ") +
                      scrubError);
}

void HistoryWriter::shutdown(QThread *owner)
{
    delete std::exchange(m_retentionTimer, nullptr);
    m_importer.stop();
    m_indexer.catchUp();
    m_connection.close();
    moveToThread(owner);
}

} // namespace dockside::history
