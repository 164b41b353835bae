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

void RoutingRunner::start(RoutingInput input, std::optional<workspace::Workspace> before)
{
    const bool wasRunning = m_running;
    stopWorker();
    if (wasRunning)
        Q_EMIT cancelled();
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<Job>();
    m_job = job;
    m_running = true;
    // A queued call to this object is dropped if it is destroyed first, and the destructor waits for the worker.
    RoutingRunner *self = this;
    m_thread = QThread::create([self, job, generation, input = std::move(input), before = std::move(before)] {
        QElapsedTimer timer;
        timer.start();
        const qsizetype passes = before ? 2 : 1;
        qsizetype pass = 0;
        const RoutingProgress report = [&](qsizetype doneInPass, qsizetype totalInPass) {
            if (job->cancel)
                return false;
            const qsizetype done = pass * totalInPass + doneInPass;
            const qsizetype total = passes * totalInPass;
            // At most every 50 ms, and always at the end: the GUI thread need not repaint per row.
            const qint64 now = timer.elapsed();
            if (done == total || now - job->lastProgressMs >= 50) {
                job->lastProgressMs = now;
                QMetaObject::invokeMethod(
                    self,
                    [self, generation, done, total] {
                        if (self->m_generation == generation)
                            Q_EMIT self->progress(done, total);
                    },
                    Qt::QueuedConnection);
            }
            return true;
        };
        std::optional<RoutingResult> result;
        if (std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input, report)) {
            result = RoutingResult {std::move(*matrix), std::nullopt, std::nullopt, 0};
            if (before) {
                ++pass;
                RoutingInput beforeInput = input;
                beforeInput.workspace = *before;
                if (std::optional<RoutingMatrix> old = computeRoutingMatrix(beforeInput, report)) {
                    result->diff = diffMatrices(*old, result->matrix);
                    result->before = std::move(old);
                } else {
                    result.reset();
                }
            }
        }
        if (result)
            result->elapsedMs = timer.elapsed();
        QMetaObject::invokeMethod(
            self,
            [self, generation, result] {
                if (self->m_generation != generation)
                    return;
                self->m_running = false;
                if (result)
                    Q_EMIT self->finished(*result);
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
