#include "historystore.h"

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
    auto *writer = new HistoryWriter;
    connect(writer, &HistoryWriter::batchFinished, this, &HistoryStore::deliver);
    connect(writer, &HistoryWriter::failed, this, &HistoryStore::failed);
    connect(writer, &HistoryWriter::retentionApplied, this, &HistoryStore::retentionApplied);
    connect(writer, &HistoryWriter::cleared, this, &HistoryStore::cleared);
    writer->moveToThread(&m_thread);
    m_thread.start();

    bool opened = false;
    QString message;
    // The connection must be created on the thread that uses it, so open() waits for the writer thread.
    QMetaObject::invokeMethod(
        writer, [writer, &options, &opened, &message] { opened = writer->open(options, &message); },
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
    m_writer = writer;
    m_committedBatchesAtClose = 0;
    return true;
}

void HistoryStore::append(ExchangeRecord record, std::function<void(qint64 id)> onDurable)
{
    if (!m_writer) {
        // The callback still runs queued, as promised, so a caller never waits forever on a closed store.
        if (onDurable)
            QMetaObject::invokeMethod(
                this, [onDurable] { onDurable(-1); }, Qt::QueuedConnection);
        Q_EMIT failed(QStringLiteral("The history is not open, so the exchange was not stored. Open a history file "
                                     "first."));
        return;
    }
    m_writer->enqueue(std::move(record), std::move(onDurable));
}

void HistoryStore::applyRetention()
{
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, &HistoryWriter::applyRetention, Qt::QueuedConnection);
}

void HistoryStore::clear()
{
    if (!m_writer) {
        Q_EMIT failed(QStringLiteral("The history is not open, so there is nothing to clear. Open a history file "
                                     "first."));
        return;
    }
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::clear, Qt::QueuedConnection);
}

void HistoryStore::close()
{
    if (!m_writer)
        return;
    HistoryWriter *writer = std::exchange(m_writer, nullptr);
    QMetaObject::invokeMethod(
        writer, [writer, this] { writer->shutdown(thread()); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_committedBatchesAtClose = writer->committedBatches();
    // The last batches' results are queued to this object: run their callbacks now, not after it is gone.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    delete writer;
}

quint64 HistoryStore::committedBatches() const
{
    return m_writer ? m_writer->committedBatches() : m_committedBatchesAtClose;
}

void HistoryStore::deliver(const CommittedBatch &batch)
{
    for (qsizetype i = 0; i < batch.callbacks.size(); ++i) {
        if (batch.callbacks.at(i))
            batch.callbacks.at(i)(batch.ids.at(i));
    }
    if (batch.committed)
        Q_EMIT appended(batch.ids);
}

} // namespace dockside::history
