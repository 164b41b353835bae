// SPDX-License-Identifier: GPL-3.0-or-later

#include "importpacer.h"

namespace dockside::history {

void ImportPacer::arrived(qint64 records)
{
    m_arrivals.fetch_add(records);
    m_lastArrivalMs.store(m_clock.elapsed());
}

bool ImportPacer::isDue(qint64 spooledBytes)
{
    const qint64 now = m_clock.elapsed();
    if (now - m_rateWindowStartMs >= kRateWindowMs) {
        const qint64 arrivals = m_arrivals.load();
        m_arrivalRate = double(arrivals - m_rateWindowArrivals) * 1000.0 / double(now - m_rateWindowStartMs);
        m_rateWindowArrivals = arrivals;
        m_rateWindowStartMs = now;
    }
    const bool quiet = now - m_lastArrivalMs.load() >= kQuietMs;
    return quiet || m_arrivalRate <= m_pacing.liveRate || spooledBytes >= m_pacing.maxDeferredBytes;
}

} // namespace dockside::history
