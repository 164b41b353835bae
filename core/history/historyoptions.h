// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::history {

struct HistoryOptions {
    QString databasePath; // a real file; ":memory:" is refused because history must survive the process
    qint64 maxRows = 0; // 0: unlimited
    int maxAgeDays = 0; // 0: unlimited
};

} // namespace dockside::history
