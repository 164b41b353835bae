// SPDX-License-Identifier: GPL-3.0-or-later

#include "ruleset.h"

#include "base/parsing.h"

#include "base/loaderror.h"

#include <QHash>

namespace dockside::rules {

RuleSet RuleSet::fromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        base::parsing::fail(errors, jsonPath,
                            QStringLiteral("Expected an array of rules; got %1.").arg(base::parsing::describe(value)));
        return {};
    }
    const QJsonArray array = value.toArray();
    QList<Rule> rules;
    QHash<QString, QString> pathById;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = base::parsing::index(jsonPath, i);
        std::optional<Rule> rule = Rule::fromJson(array.at(i), path, errors);
        if (!rule)
            continue;
        if (pathById.contains(rule->id)) {
            base::parsing::fail(errors, base::parsing::child(path, QStringLiteral("id")),
                                QStringLiteral("The id %1 is already used by %2.")
                                    .arg(base::parsing::quoted(rule->id), pathById.value(rule->id)));
            continue;
        }
        pathById.insert(rule->id, path);
        rules.append(*rule);
    }
    return RuleSet(rules);
}

QJsonArray RuleSet::toJson() const
{
    QJsonArray array;
    for (const Rule &rule : m_rules)
        array.append(rule.toJson());
    return array;
}

RuleEvaluation RuleSet::evaluate(const RequestContext &context, Explanation explanation) const
{
    const bool explain = explanation == Explanation::Given;
    RuleEvaluation evaluation;
    for (const Rule &rule : m_rules) {
        const QString prefix = explain ? QStringLiteral("rule ") + rule.id + QStringLiteral(": ") : QString();
        if (!rule.enabled) {
            if (explain)
                evaluation.trace.append(prefix + QStringLiteral("disabled, skipped"));
            continue;
        }
        QStringList reasons;
        bool allMatch = true;
        for (const Condition &condition : rule.conditions) {
            const ConditionResult result = condition.evaluate(context, explanation);
            if (!result.matched) {
                if (explain)
                    evaluation.trace.append(prefix + result.explanation + QStringLiteral(" → no match"));
                allMatch = false;
                break; // the first failing condition is the reason; the rest cannot change the outcome
            }
            if (explain)
                reasons.append(result.explanation);
        }
        if (!allMatch)
            continue;
        const ActionChoice choice = rule.action.choose(context.callId, explanation);
        if (explain) {
            const QString why = reasons.isEmpty() ? QStringLiteral("no conditions, matches every request")
                                                  : reasons.join(QStringLiteral("; "));
            evaluation.trace.append(prefix + why + QStringLiteral(" → ") + choice.explanation);
        }
        evaluation.matched = true;
        evaluation.ruleId = rule.id;
        evaluation.ruleName = rule.name;
        evaluation.templateId = choice.templateId;
        evaluation.arm = choice.arm;
        evaluation.forward = choice.forward;
        return evaluation;
    }
    if (explain)
        evaluation.trace.append(m_rules.isEmpty() ? QStringLiteral("no rules") : QStringLiteral("no rule matched"));
    return evaluation;
}

QList<base::LoadError> RuleSet::unknownTemplateReferences(const QSet<QString> &templateIds,
                                                          const QString &jsonPath) const
{
    QList<base::LoadError> errors;
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Rule &rule = m_rules.at(i);
        const QString rulePath = base::parsing::index(jsonPath, i);
        const QStringList ids = rule.action.templateIds();
        for (qsizetype a = 0; a < ids.size(); ++a) {
            if (templateIds.contains(ids.at(a)))
                continue;
            const QString path = rule.action.isForward()
                ? base::parsing::child(base::parsing::child(rulePath, QStringLiteral("forward")),
                                       QStringLiteral("fallback_template"))
                : rule.action.isSplit()
                ? base::parsing::child(base::parsing::index(base::parsing::child(rulePath, QStringLiteral("split")), a),
                                       QStringLiteral("template"))
                : base::parsing::child(rulePath, QStringLiteral("template"));
            base::parsing::fail(errors, path,
                                QStringLiteral("No template has the id %1.").arg(base::parsing::quoted(ids.at(a))));
        }
    }
    return errors;
}

} // namespace dockside::rules
