// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>

#include "ruleaction.h"

#include <optional>

namespace dockside::rules {

// Which rule answered a request and why, for the mock endpoint and for the UI.
struct RuleEvaluation {
    bool matched = false; // false when no enabled rule matched: the caller picks its fallback
    QString ruleId;
    QString ruleName;
    QString templateId;
    int arm = -1; // the split arm (0-based), -1 when the rule names one template
    std::optional<ForwardTo> forward; // the rule forwards to the developer's webhook
    // One line per rule looked at, in order: "rule vip: caller \"+316…\" is in the list [...] → template override-llm"
    QStringList trace;
};

} // namespace dockside::rules
