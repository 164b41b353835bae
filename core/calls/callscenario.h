// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/scenario.h"
#include "history/exchangerecord.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::calls {

// A captured call as a whole-call scenario: its events in the order they arrived, each expecting the answer it got
// (its status; for the assistant-request, also the disposition and reason). A run sends them with a fresh call id and
// the time of sending. Its id comes from the name, unique among existing. Requests whose body is no JSON event cannot
// be replayed as steps: their ids are in skipped.
struct CallScenario {
    composer::Scenario scenario;
    QList<qint64> skipped;
};

CallScenario scenarioFromCall(QList<history::ExchangeRecord> records, const QString &name,
                              const QList<composer::Scenario> &existing = {});

// A scenario id from a name ("Late VIP call" -> "late-vip-call"), made unique among taken ("-2", "-3", ...).
QString scenarioIdFor(const QString &name, const QStringList &taken);

} // namespace dockside::calls
