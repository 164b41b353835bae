// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "routingmatrix.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <memory>

namespace dockside::routing {

// Computes a routing matrix on a worker thread, reporting progress; a new start or cancel() abandons the running
// one. Signals arrive on the runner's thread. The destructor cancels and waits for the worker.
class RoutingRunner final : public QObject {
    Q_OBJECT
public:
    explicit RoutingRunner(QObject *parent = nullptr);
    ~RoutingRunner() override;

    void start(RoutingInput input);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qsizetype done, qsizetype total);
    void finished(const dockside::routing::RoutingMatrix &matrix, qint64 elapsedMs);
    void cancelled();

private:
    void stopWorker();

    struct Job {
        std::atomic_bool cancel = false;
        std::atomic<qint64> lastProgressMs = 0;
    };
    std::shared_ptr<Job> m_job;
    QThread *m_thread = nullptr;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace dockside::routing
