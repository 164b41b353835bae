// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "requestcontext.h"
#include "rule.h"
#include "ruleevaluation.h"

#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>

namespace dockside::rules {

// The workspace's "rules": an ordered list where the first enabled rule whose conditions all match wins.
class RuleSet {
public:
    RuleSet() = default;
    explicit RuleSet(QList<Rule> rules)
        : m_rules(std::move(rules))
    {
    }

    // Bad rules are reported under jsonPath and left out; a repeated id is an error on the later rule.
    static RuleSet fromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors);
    QJsonArray toJson() const;

    // With Explanation::Skipped the trace stays empty; which rule and template answer is the same.
    RuleEvaluation evaluate(const RequestContext &context, Explanation explanation = Explanation::Given) const;

    // One error per "template" (or split arm) that names no template in templateIds, at "<jsonPath>[i].template".
    // The indexes are the file's only when fromJson left no rule out (i.e. reported no error).
    QList<base::LoadError> unknownTemplateReferences(const QSet<QString> &templateIds, const QString &jsonPath) const;

    const QList<Rule> &rules() const { return m_rules; }
    qsizetype size() const { return m_rules.size(); }
    bool isEmpty() const { return m_rules.isEmpty(); }

    friend bool operator==(const RuleSet &, const RuleSet &) = default;

private:
    QList<Rule> m_rules;
};

} // namespace dockside::rules
