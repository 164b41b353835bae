// SPDX-License-Identifier: GPL-3.0-or-later

#include "historystore.h"

#include "historyspool.h"
#include "historywriter.h"

#include <QCoreApplication>

namespace dockside::history {

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("dockside-history-writer"));
}

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::open(const HistoryOptions &options, QString *errorMessage)
{
    close();
    m_options = options;
    m_openNotice.clear();
    auto *writer = new HistoryWriter;
    connect(writer, &HistoryWriter::batchFinished, this, &HistoryStore::deliver);
    connect(writer, &HistoryWriter::failed, this, &HistoryStore::failed);
    connect(writer, &HistoryWriter::retentionApplied, this, &HistoryStore::retentionApplied);
    connect(writer, &HistoryWriter::cleared, this, &HistoryStore::cleared);
    connect(writer, &HistoryWriter::forgotten, this, &HistoryStore::forgotten);
    writer->moveToThread(&m_thread);
    m_thread.start();

    bool opened = false;
    QString message;
    // The connection must be created on the thread that uses it, so open() waits for the writer thread.
    QMetaObject::invokeMethod(
        writer,
        [writer, &options, pacing = m_pacing, &opened, &message] { opened = writer->open(options, pacing, &message); },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        QMetaObject::invokeMethod(
            writer, [writer, this] { writer->shutdown(thread()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete writer;
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    auto spool = std::make_unique<HistorySpool>();
    if (!spool->open(options.databasePath, errorMessage)) {
        QMetaObject::invokeMethod(
            writer, [writer, this] { writer->shutdown(thread()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete writer;
        return false;
    }
    m_spool = std::move(spool);
    m_writer = writer;
    m_openNotice = writer->openNotice();
    m_committedBatchesAtClose = 0;
    return true;
}

void HistoryStore::append(const ExchangeRecord &record, std::function<void(bool stored)> onDurable)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_writer) {
        // The callback still runs queued, as promised, so a caller never waits forever on a closed store.
        if (onDurable)
            QMetaObject::invokeMethod(
                this, [onDurable] { onDurable(false); }, Qt::QueuedConnection);
        Q_EMIT failed(QStringLiteral("The history is not open, so the exchange was not stored. Open a history file "
                                     "first."));
        return;
    }
    m_spool->add(record);
    m_pendingCallbacks.append(std::move(onDurable));
    // Everything appended before the event loop comes back shares one write (group commit on the spool).
    if (!std::exchange(m_writeScheduled, true))
        QMetaObject::invokeMethod(this, &HistoryStore::writeSpool, Qt::QueuedConnection);
}

void HistoryStore::writeSpool()
{
    m_writeScheduled = false;
    if (!m_spool || !m_spool->hasPending())
        return;
    const QList<std::function<void(bool)>> callbacks = std::exchange(m_pendingCallbacks, {});
    QString errorMessage;
    const std::optional<SpooledBatch> batch = m_spool->write(&errorMessage);
    if (batch)
        m_writer->enqueue(*batch);
    else
        Q_EMIT failed(errorMessage + QStringLiteral(" %1 exchange(s) were not recorded.").arg(callbacks.size()));
    for (const auto &callback : callbacks) {
        if (callback)
            callback(batch.has_value());
    }
}

qint64 HistoryStore::backlog() const
{
    return m_writer ? m_writer->backlog() : 0;
}

void HistoryStore::applyRetention()
{
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, &HistoryWriter::applyRetention, Qt::QueuedConnection);
}

void HistoryStore::setRetention(qint64 maxRows, int maxAgeDays)
{
    m_options.maxRows = maxRows;
    m_options.maxAgeDays = maxAgeDays;
    if (m_writer)
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, maxRows, maxAgeDays] { writer->setRetention(maxRows, maxAgeDays); },
            Qt::QueuedConnection);
}

void HistoryStore::clear()
{
    if (!m_writer) {
        Q_EMIT failed(QStringLiteral("The history is not open, so there is nothing to clear. Open a history file "
                                     "first."));
        return;
    }
    // What was appended before the request is spooled now, so the clear takes exactly that.
    writeSpool();
    HistoryWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer, marks = writer->spooledMarks()] { writer->clear(marks); }, Qt::QueuedConnection);
}

void HistoryStore::forgetCaller(const QString &number)
{
    if (!m_writer) {
        Q_EMIT failed(QStringLiteral("The history is not open, so no caller can be forgotten. Open a history file "
                                     "first."));
        return;
    }
    writeSpool();
    // The current spool file holds the caller's records too: it is finished now, so the writer deletes it once it
    // has copied it, and new exchanges go to a fresh file.
    QString errorMessage;
    m_writer->enqueue(m_spool->rotate(&errorMessage));
    if (!errorMessage.isEmpty())
        Q_EMIT failed(errorMessage);
    HistoryWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer, number] { writer->forgetCaller(number); }, Qt::QueuedConnection);
}

void HistoryStore::close()
{
    if (!m_writer)
        return;
    writeSpool();
    // The last file is deleted once the writer has copied it; the writer copies everything before it stops.
    m_writer->enqueue(m_spool->finish());
    m_spool.reset();
    HistoryWriter *writer = std::exchange(m_writer, nullptr);
    QMetaObject::invokeMethod(
        writer, [writer, this] { writer->shutdown(thread()); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_committedBatchesAtClose = writer->committedBatches();
    // The last imports' signals are queued to this object: deliver them now, not after it is gone.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    delete writer;
}

quint64 HistoryStore::committedBatches() const
{
    return m_writer ? m_writer->committedBatches() : m_committedBatchesAtClose;
}

void HistoryStore::deliver(const CommittedBatch &batch)
{
    if (batch.committed)
        Q_EMIT appended(batch.ids);
}

} // namespace dockside::history
