// SPDX-License-Identifier: GPL-3.0-or-later

#include "ruleaction.h"

#include "base/parsing.h"

#include "base/loaderror.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QtEndian>
#include <QUrl>

namespace dockside::rules {

namespace {

const QString kTemplate = QStringLiteral("template");
const QString kSplit = QStringLiteral("split");
const QString kWeight = QStringLiteral("weight");
const QString kForward = QStringLiteral("forward");
const QString kUrl = QStringLiteral("url");
const QString kLate = QStringLiteral("late");
const QString kFallbackTemplate = QStringLiteral("fallback_template");
constexpr int kMaxWeight = 1000000;

} // namespace

std::optional<ForwardTo> ForwardTo::fromJson(const QJsonValue &value, const QString &jsonPath,
                                             QList<base::LoadError> &errors)
{
    if (!value.isObject()) {
        base::parsing::fail(errors, jsonPath,
                            QStringLiteral("Expected {\"url\": \"http://127.0.0.1:3000/webhook\", \"late\": "
                                           "\"faithful\" or \"fallback\", \"fallback_template\": \"<id>\"}; got %1.")
                                .arg(base::parsing::describe(value)));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const qsizetype errorsBefore = errors.size();
    base::parsing::rejectUnknownKeys(object, jsonPath, {kUrl, kLate, kFallbackTemplate}, errors);
    ForwardTo forward;
    const QJsonValue url = object.value(kUrl);
    const QUrl parsed(url.toString(), QUrl::StrictMode);
    if (!url.isString() || !parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
        base::parsing::fail(errors, base::parsing::child(jsonPath, kUrl),
                            QStringLiteral("Expected the http:// or https:// URL of your webhook; got %1.")
                                .arg(base::parsing::describe(url)));
    forward.url = url.toString();
    const QJsonValue late = object.value(kLate);
    if (!late.isUndefined() && late != QJsonValue(QStringLiteral("faithful")) &&
        late != QJsonValue(QStringLiteral("fallback")))
        base::parsing::fail(
            errors, base::parsing::child(jsonPath, kLate),
            QStringLiteral("Expected \"faithful\" or \"fallback\"; got %1.").arg(base::parsing::describe(late)));
    forward.fallback = late == QJsonValue(QStringLiteral("fallback"));
    const QJsonValue fallbackTemplate = object.value(kFallbackTemplate);
    if (forward.fallback && (!fallbackTemplate.isString() || fallbackTemplate.toString().trimmed().isEmpty()))
        base::parsing::fail(errors, base::parsing::child(jsonPath, kFallbackTemplate),
                            QStringLiteral("\"late\": \"fallback\" needs the id of the template that answers; got "
                                           "%1.")
                                .arg(base::parsing::describe(fallbackTemplate)));
    else if (!forward.fallback && !fallbackTemplate.isUndefined())
        base::parsing::fail(errors, base::parsing::child(jsonPath, kFallbackTemplate),
                            QStringLiteral("A fallback template answers only with \"late\": \"fallback\"."));
    forward.fallbackTemplateId = forward.fallback ? fallbackTemplate.toString() : QString();
    if (errors.size() != errorsBefore)
        return std::nullopt;
    return forward;
}

QJsonObject ForwardTo::toJson() const
{
    QJsonObject object {{kUrl, url}, {kLate, fallback ? QStringLiteral("fallback") : QStringLiteral("faithful")}};
    if (fallback)
        object.insert(kFallbackTemplate, fallbackTemplateId);
    return object;
}

QString ForwardTo::describe() const
{
    return QStringLiteral("forward to ") + url +
        (fallback ? QStringLiteral(" (template %1 answers when it is late)").arg(fallbackTemplateId) : QString());
}

RuleAction RuleAction::forward(const ForwardTo &forwardTo)
{
    RuleAction action;
    action.m_forward = forwardTo;
    return action;
}

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
    const bool hasForward = rule.contains(kForward);
    const int actions = int(hasTemplate) + int(hasSplit) + int(hasForward);
    if (actions != 1) {
        base::parsing::fail(errors, rulePath,
                            actions > 1 ? QStringLiteral("A rule has one of \"template\", \"split\" or \"forward\", "
                                                         "not several.")
                                        : QStringLiteral("A rule needs \"template\": \"<template id>\", \"split\": "
                                                         "[{\"template\": \"<id>\", \"weight\": 50}, ...] or "
                                                         "\"forward\": {\"url\": \"http://127.0.0.1:3000/webhook\"}."));
        return std::nullopt;
    }
    if (hasForward) {
        if (std::optional<ForwardTo> forwardTo =
                ForwardTo::fromJson(rule.value(kForward), base::parsing::child(rulePath, kForward), errors))
            return forward(*forwardTo);
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
    if (m_forward) {
        rule.insert(kForward, m_forward->toJson());
        return;
    }
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

ActionChoice RuleAction::choose(const QString &callId, Explanation explanation) const
{
    const bool explain = explanation == Explanation::Given;
    if (m_forward)
        return {{}, m_forward, -1, explain ? m_forward->describe() : QString()};
    if (!isSplit())
        return {m_templateId, std::nullopt, -1, explain ? QStringLiteral("template ") + m_templateId : QString()};
    quint64 total = 0;
    for (const SplitArm &arm : m_arms)
        total += static_cast<quint64>(arm.weight);
    const quint64 bucket = bucketOf(callId, total);
    quint64 upper = 0;
    for (qsizetype i = 0; i < m_arms.size(); ++i) {
        upper += static_cast<quint64>(m_arms.at(i).weight);
        if (bucket < upper && !explain)
            return {m_arms.at(i).templateId, std::nullopt, static_cast<int>(i), {}};
        if (bucket < upper) {
            const QString who = callId.isEmpty() ? QStringLiteral("the request has no call id; the empty id")
                                                 : QStringLiteral("call ") + callId;
            return {m_arms.at(i).templateId, std::nullopt, static_cast<int>(i),
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
    if (m_forward)
        return m_forward->fallback ? QStringList {m_forward->fallbackTemplateId} : QStringList {};
    if (!isSplit())
        return {m_templateId};
    QStringList ids;
    for (const SplitArm &arm : m_arms)
        ids.append(arm.templateId);
    return ids;
}

} // namespace dockside::rules
