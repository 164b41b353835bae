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

// What the window and `serve` keep unless told otherwise: captured calls are personal data, kept no longer than needed.
inline constexpr int kDefaultKeepDays = 30;
inline constexpr qint64 kDefaultKeepRows = 500000;
// How often the limits are applied besides every few thousand new rows, so old rows go on a quiet endpoint too.
inline constexpr int kDefaultRetentionPeriodMs = 10 * 60 * 1000;

struct HistoryOptions {
    QString databasePath; // a real file; ":memory:" is refused because history must survive the process
    qint64 maxRows = 0; // 0: unlimited
    int maxAgeDays = 0; // 0: unlimited
    int retentionPeriodMs = kDefaultRetentionPeriodMs; // with a limit: apply it this often; 0: only by row count
};

// "30 days, at most 500,000 exchanges", "all exchanges, without limit": the retention in words.
QString retentionText(qint64 maxRows, int maxAgeDays);

} // namespace dockside::history
