// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "condition.h"
#include "ruleaction.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::rules {

// {"id": "vip", "name": "VIP callers", "enabled": true, "conditions": [...], "template": "override-llm"}
// All conditions must match; a rule without conditions matches every request (the default rule).
struct Rule {
    QString id;
    QString name;
    bool enabled = true;
    QList<Condition> conditions;
    RuleAction action;

    static std::optional<Rule> fromJson(const QJsonValue &value, const QString &jsonPath,
                                        QList<base::LoadError> &errors);
    QJsonObject toJson() const;

    friend bool operator==(const Rule &, const Rule &) = default;
};

} // namespace dockside::rules
