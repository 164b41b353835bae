// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsondiff.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace dockside::contract {

namespace {

bool isContainerWithContent(const QJsonValue &value)
{
    return (value.isObject() && !value.toObject().isEmpty()) || (value.isArray() && !value.toArray().isEmpty());
}

void compare(const QString &pointer, const QJsonValue &left, const QJsonValue &right,
             QList<JsonLeafDifference> &leaves);

void compareObjects(const QString &pointer, const QJsonObject &left, const QJsonObject &right,
                    QList<JsonLeafDifference> &leaves)
{
    // QJsonObject keeps its keys sorted, so merging both key lists keeps document order.
    const QStringList leftKeys = left.keys();
    const QStringList rightKeys = right.keys();
    qsizetype l = 0;
    qsizetype r = 0;
    while (l < leftKeys.size() || r < rightKeys.size()) {
        const bool takeLeft = r >= rightKeys.size() || (l < leftKeys.size() && leftKeys.at(l) <= rightKeys.at(r));
        const bool takeRight = l >= leftKeys.size() || (r < rightKeys.size() && rightKeys.at(r) <= leftKeys.at(l));
        const QString key = takeLeft ? leftKeys.at(l) : rightKeys.at(r);
        l += takeLeft ? 1 : 0;
        r += takeRight ? 1 : 0;
        compare(jsonPointerChild(pointer, key), left.value(key), right.value(key), leaves);
    }
}

void compareArrays(const QString &pointer, const QJsonArray &left, const QJsonArray &right,
                   QList<JsonLeafDifference> &leaves)
{
    const qsizetype count = std::max(left.size(), right.size());
    for (qsizetype index = 0; index < count; ++index)
        compare(pointer + QLatin1Char('/') + QString::number(index),
                index < left.size() ? left.at(index) : QJsonValue(QJsonValue::Undefined),
                index < right.size() ? right.at(index) : QJsonValue(QJsonValue::Undefined), leaves);
}

void compare(const QString &pointer, const QJsonValue &left, const QJsonValue &right, QList<JsonLeafDifference> &leaves)
{
    if (left.isUndefined() && right.isUndefined())
        return;
    if (!isContainerWithContent(left) && !isContainerWithContent(right)) {
        JsonLeafDifference leaf {pointer, left, right, LeafChange::Same};
        if (left.isUndefined())
            leaf.change = LeafChange::Added;
        else if (right.isUndefined())
            leaf.change = LeafChange::Removed;
        else if (left != right)
            leaf.change = LeafChange::Changed;
        leaves.append(leaf);
        return;
    }
    const bool sameKind = (left.isObject() && right.isObject()) || (left.isArray() && right.isArray());
    if (sameKind || left.isUndefined() || right.isUndefined()) {
        // toObject() and toArray() of Undefined are empty, so a missing side adds or removes every leaf.
        if (left.isObject() || right.isObject())
            compareObjects(pointer, left.toObject(), right.toObject(), leaves);
        else
            compareArrays(pointer, left.toArray(), right.toArray(), leaves);
        return;
    }
    // A container on one side and something else on the other: each side is walked on its own.
    compare(pointer, left, QJsonValue(QJsonValue::Undefined), leaves);
    compare(pointer, QJsonValue(QJsonValue::Undefined), right, leaves);
}

} // namespace

QString jsonPointerChild(const QString &parent, const QString &key)
{
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
    return parent + QLatin1Char('/') + escaped;
}

QList<JsonLeafDifference> compareJsonLeaves(const QJsonValue &left, const QJsonValue &right)
{
    QList<JsonLeafDifference> leaves;
    compare(QString(), left, right, leaves);
    return leaves;
}

QString leafChangeName(LeafChange change)
{
    switch (change) {
    case LeafChange::Same:
        return QStringLiteral("same");
    case LeafChange::Changed:
        return QStringLiteral("changed");
    case LeafChange::Added:
        return QStringLiteral("added");
    case LeafChange::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

} // namespace dockside::contract
