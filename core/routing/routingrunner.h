// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "routingmatrix.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace dockside::routing {

// What a run hands back: the matrix and, when asked to compare, the other workspace's matrix over the same callers
// and moments with the cell-by-cell difference.
struct RoutingResult {
    RoutingMatrix matrix;
    std::optional<RoutingMatrix> before;
    std::optional<RoutingDiff> diff;
    qint64 elapsedMs = 0;
};

// Computes a routing matrix on a worker thread, reporting progress; a new start or cancel() abandons the running
// one. Signals arrive on the runner's thread. The destructor cancels and waits for the worker.
class RoutingRunner final : public QObject {
    Q_OBJECT
public:
    explicit RoutingRunner(QObject *parent = nullptr);
    ~RoutingRunner() override;

    // With before, the same callers and moments are computed for that workspace too and compared.
    void start(RoutingInput input, std::optional<workspace::Workspace> before = std::nullopt);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qsizetype done, qsizetype total);
    void finished(const dockside::routing::RoutingResult &result);
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
