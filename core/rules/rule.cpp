// SPDX-License-Identifier: GPL-3.0-or-later

#include "rule.h"

#include "base/parsing.h"

#include "base/loaderror.h"

#include <QJsonArray>

namespace dockside::rules {

namespace {

const QString kId = QStringLiteral("id");
const QString kName = QStringLiteral("name");
const QString kEnabled = QStringLiteral("enabled");
const QString kConditions = QStringLiteral("conditions");

} // namespace

std::optional<Rule> Rule::fromJson(const QJsonValue &value, const QString &jsonPath, QList<base::LoadError> &errors)
{
    if (!value.isObject()) {
        base::parsing::fail(
            errors, jsonPath,
            QStringLiteral("Expected a rule object with \"id\", \"conditions\" and \"template\"; got %1.")
                .arg(base::parsing::describe(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const qsizetype errorsBefore = errors.size();
    base::parsing::rejectUnknownKeys(object, jsonPath,
                                     {kId, kName, kEnabled, kConditions, QStringLiteral("template"),
                                      QStringLiteral("split"), QStringLiteral("forward")},
                                     errors);
    Rule rule;
    const QJsonValue id = object.value(kId);
    if (!id.isString() || id.toString().trimmed().isEmpty())
        base::parsing::fail(errors, base::parsing::child(jsonPath, kId),
                            QStringLiteral("Expected a non-empty string; got %1.").arg(base::parsing::describe(id)));
    rule.id = id.toString();

    const QJsonValue name = object.value(kName);
    if (!name.isUndefined() && !name.isString())
        base::parsing::fail(errors, base::parsing::child(jsonPath, kName),
                            QStringLiteral("Expected a string; got %1.").arg(base::parsing::describe(name)));
    rule.name = name.toString(rule.id);

    const QJsonValue enabled = object.value(kEnabled);
    if (!enabled.isUndefined() && !enabled.isBool())
        base::parsing::fail(errors, base::parsing::child(jsonPath, kEnabled),
                            QStringLiteral("Expected true or false; got %1.").arg(base::parsing::describe(enabled)));
    rule.enabled = enabled.toBool(true);

    const QJsonValue conditions = object.value(kConditions);
    const QString conditionsPath = base::parsing::child(jsonPath, kConditions);
    if (!conditions.isUndefined() && !conditions.isArray())
        base::parsing::fail(errors, conditionsPath,
                            QStringLiteral("Expected an array of conditions ([] matches every request); got %1.")
                                .arg(base::parsing::describe(conditions)));
    const QJsonArray conditionArray = conditions.toArray();
    for (qsizetype i = 0; i < conditionArray.size(); ++i) {
        if (std::optional<Condition> condition =
                Condition::fromJson(conditionArray.at(i), base::parsing::index(conditionsPath, i), errors))
            rule.conditions.append(*condition);
    }

    if (std::optional<RuleAction> action = RuleAction::fromJson(object, jsonPath, errors))
        rule.action = *action;

    if (errors.size() != errorsBefore)
        return std::nullopt;
    return rule;
}

QJsonObject Rule::toJson() const
{
    QJsonArray conditionArray;
    for (const Condition &condition : conditions)
        conditionArray.append(condition.toJson());
    QJsonObject json {{kId, id}, {kName, name}, {kEnabled, enabled}, {kConditions, conditionArray}};
    action.writeJson(json);
    return json;
}

} // namespace dockside::rules
