// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "historyoptions.h"

#include <QElapsedTimer>

#include <atomic>

namespace dockside::history {

// Decides when the spool is copied into SQLite: live under light traffic, after a pause under heavy traffic, so the
// copy never takes the CPU the answers need; past a spool size bound it copies regardless.
class ImportPacer final {
public:
    static constexpr qint64 kRateWindowMs = 250;
    static constexpr qint64 kQuietMs = 100;

    ImportPacer() = default;
    Q_DISABLE_COPY_MOVE(ImportPacer)
    ~ImportPacer() = default;

    void start() { m_clock.start(); }
    /*! Any thread: records were spooled now. */
    void arrived(qint64 records);
    /*! On the importer's thread, at each tick: whether the spooled bytes are copied now. */
    bool isDue(qint64 spooledBytes);
    double arrivalRate() const { return m_arrivalRate; }
    /*! Before start(). */
    void setPacing(const ImportPacing &pacing) { m_pacing = pacing; }
    const ImportPacing &pacing() const { return m_pacing; }

private:
    ImportPacing m_pacing;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_lastArrivalMs = 0; // m_clock time of the last arrival
    std::atomic<qint64> m_arrivals = 0; // records arrived, for the arrival rate
    qint64 m_rateWindowStartMs = 0;
    qint64 m_rateWindowArrivals = 0;
    double m_arrivalRate = 0; // records per second over the last window
};

} // namespace dockside::history
