// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingrunner.h"

#include <QElapsedTimer>

namespace dockside::routing {

RoutingRunner::RoutingRunner(QObject *parent)
    : QObject(parent)
{
}

RoutingRunner::~RoutingRunner()
{
    stopWorker();
}

void RoutingRunner::stopWorker()
{
    if (m_job)
        m_job->cancel = true;
    if (m_thread != nullptr) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void RoutingRunner::start(RoutingInput input)
{
    const bool wasRunning = m_running;
    stopWorker();
    if (wasRunning)
        Q_EMIT cancelled();
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<Job>();
    m_job = job;
    m_running = true;
    QPointer<RoutingRunner> self(this);
    m_thread = QThread::create([self, job, generation, input = std::move(input)] {
        QElapsedTimer timer;
        timer.start();
        const std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input, [&](qsizetype done, qsizetype total) {
            if (job->cancel)
                return false;
            // At most every 50 ms, and always at the end: the GUI thread need not repaint per row.
            const qint64 now = timer.elapsed();
            if (done == total || now - job->lastProgressMs >= 50) {
                job->lastProgressMs = now;
                QMetaObject::invokeMethod(
                    self,
                    [self, generation, done, total] {
                        if (self && self->m_generation == generation)
                            Q_EMIT self->progress(done, total);
                    },
                    Qt::QueuedConnection);
            }
            return true;
        });
        const qint64 elapsedMs = timer.elapsed();
        QMetaObject::invokeMethod(
            self,
            [self, generation, matrix, elapsedMs] {
                if (!self || self->m_generation != generation)
                    return;
                self->m_running = false;
                if (matrix)
                    Q_EMIT self->finished(*matrix, elapsedMs);
                else
                    Q_EMIT self->cancelled();
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void RoutingRunner::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // whatever the worker still reports is dropped
    m_running = false;
    if (m_job)
        m_job->cancel = true;
    Q_EMIT cancelled();
}

} // namespace dockside::routing
