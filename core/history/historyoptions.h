// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::history {

// When the spool is copied into SQLite (ImportPacer): live while requests arrive slower than liveRate a second,
// after a pause above it, and regardless once the uncopied spool reaches maxDeferredBytes.
struct ImportPacing {
    double liveRate = 5000; // a window's thousand requests a second are copied live
    qint64 maxDeferredBytes = qint64(512) * 1024 * 1024;
};

struct HistoryOptions {
    QString databasePath; // a real file; ":memory:" is refused because history must survive the process
    qint64 maxRows = 0; // 0: unlimited
    int maxAgeDays = 0; // 0: unlimited
};

} // namespace dockside::history
