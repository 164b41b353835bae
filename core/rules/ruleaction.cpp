#include "ruleaction.h"

#include "base/parsing.h"

#include "base/loaderror.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QtEndian>

namespace dockside::rules {

namespace {

const QString kTemplate = QStringLiteral("template");
const QString kSplit = QStringLiteral("split");
const QString kWeight = QStringLiteral("weight");
constexpr int kMaxWeight = 1000000;

} // namespace

RuleAction RuleAction::single(const QString &templateId)
{
    RuleAction action;
    action.m_templateId = templateId;
    return action;
}

RuleAction RuleAction::split(const QList<SplitArm> &arms)
{
    RuleAction action;
    action.m_arms = arms;
    return action;
}

std::optional<RuleAction> RuleAction::fromJson(const QJsonObject &rule, const QString &rulePath,
                                               QList<base::LoadError> &errors)
{
    const bool hasTemplate = rule.contains(kTemplate);
    const bool hasSplit = rule.contains(kSplit);
    if (hasTemplate == hasSplit) {
        base::parsing::fail(errors, rulePath,
                            hasTemplate ? QStringLiteral("A rule has either \"template\" or \"split\", not both.")
                                        : QStringLiteral("A rule needs \"template\": \"<template id>\" or \"split\": "
                                                         "[{\"template\": \"<id>\", \"weight\": 50}, ...]."));
        return std::nullopt;
    }
    if (hasTemplate) {
        const QJsonValue id = rule.value(kTemplate);
        if (!id.isString() || id.toString().trimmed().isEmpty()) {
            base::parsing::fail(errors, base::parsing::child(rulePath, kTemplate),
                                QStringLiteral("Expected a template id; got %1.").arg(base::parsing::describe(id)));
            return std::nullopt;
        }
        return single(id.toString());
    }

    const QString splitPath = base::parsing::child(rulePath, kSplit);
    const QJsonValue splitValue = rule.value(kSplit);
    const QJsonArray array = splitValue.toArray();
    if (!splitValue.isArray() || array.isEmpty()) {
        base::parsing::fail(errors, splitPath,
                            QStringLiteral("Expected a non-empty array of {\"template\": \"<id>\", \"weight\": <whole "
                                           "number>}; got %1.")
                                .arg(base::parsing::describe(splitValue)));
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors.size();
    QList<SplitArm> arms;
    qint64 total = 0;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString armPath = base::parsing::index(splitPath, i);
        if (!array.at(i).isObject()) {
            base::parsing::fail(errors, armPath,
                                QStringLiteral("Expected {\"template\": \"<id>\", \"weight\": <whole number>}; got %1.")
                                    .arg(base::parsing::describe(array.at(i))));
            continue;
        }
        const QJsonObject arm = array.at(i).toObject();
        base::parsing::rejectUnknownKeys(arm, armPath, {kTemplate, kWeight}, errors);
        const QJsonValue id = arm.value(kTemplate);
        if (!id.isString() || id.toString().trimmed().isEmpty())
            base::parsing::fail(errors, base::parsing::child(armPath, kTemplate),
                                QStringLiteral("Expected a template id; got %1.").arg(base::parsing::describe(id)));
        const QJsonValue weight = arm.value(kWeight);
        const double number = weight.toDouble(-1);
        if (!weight.isDouble() || number < 0 || number > kMaxWeight || number != static_cast<double>(weight.toInt())) {
            base::parsing::fail(errors, base::parsing::child(armPath, kWeight),
                                QStringLiteral("Expected a whole number from 0 to %1; got %2.")
                                    .arg(kMaxWeight)
                                    .arg(base::parsing::describe(weight)));
            continue;
        }
        total += weight.toInt();
        arms.append({id.toString(), weight.toInt()});
    }
    if (errors.size() == errorsBefore && total == 0)
        base::parsing::fail(errors, splitPath, QStringLiteral("At least one arm needs a weight above 0."));
    if (errors.size() != errorsBefore)
        return std::nullopt;
    return split(arms);
}

void RuleAction::writeJson(QJsonObject &rule) const
{
    if (!isSplit()) {
        rule.insert(kTemplate, m_templateId);
        return;
    }
    QJsonArray arms;
    for (const SplitArm &arm : m_arms)
        arms.append(QJsonObject {{kTemplate, arm.templateId}, {kWeight, arm.weight}});
    rule.insert(kSplit, arms);
}

quint64 RuleAction::bucketOf(const QString &callId, quint64 total)
{
    const QByteArray digest = QCryptographicHash::hash(callId.toUtf8(), QCryptographicHash::Sha256);
    return qFromBigEndian<quint64>(digest.constData()) % total;
}

ActionChoice RuleAction::choose(const QString &callId) const
{
    if (!isSplit())
        return {m_templateId, -1, QStringLiteral("template ") + m_templateId};
    quint64 total = 0;
    for (const SplitArm &arm : m_arms)
        total += static_cast<quint64>(arm.weight);
    const quint64 bucket = bucketOf(callId, total);
    quint64 upper = 0;
    for (qsizetype i = 0; i < m_arms.size(); ++i) {
        upper += static_cast<quint64>(m_arms.at(i).weight);
        if (bucket < upper) {
            const QString who = callId.isEmpty() ? QStringLiteral("the request has no call id; the empty id")
                                                 : QStringLiteral("call ") + callId;
            return {m_arms.at(i).templateId, static_cast<int>(i),
                    QStringLiteral("%1 falls in bucket %2 of %3 → arm %4 (weight %5) → template %6")
                        .arg(who)
                        .arg(bucket)
                        .arg(total)
                        .arg(i + 1)
                        .arg(m_arms.at(i).weight)
                        .arg(m_arms.at(i).templateId)};
        }
    }
    return {}; // unreachable: bucket < total
}

QStringList RuleAction::templateIds() const
{
    if (!isSplit())
        return {m_templateId};
    QStringList ids;
    for (const SplitArm &arm : m_arms)
        ids.append(arm.templateId);
    return ids;
}

} // namespace dockside::rules
