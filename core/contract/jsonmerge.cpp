// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonmerge.h"

#include "answervalidator.h"
#include "base/parsing.h"

#include <QSet>

namespace dockside::contract {

QJsonObject deepMerge(const QJsonObject &base, const QJsonObject &overlay)
{
    QJsonObject merged = base;
    for (auto it = overlay.begin(); it != overlay.end(); ++it) {
        const QJsonValue existing = merged.value(it.key());
        if (existing.isObject() && it.value().isObject())
            merged.insert(it.key(), deepMerge(existing.toObject(), it.value().toObject()));
        else
            merged.insert(it.key(), it.value());
    }
    return merged;
}

QList<JsonChange> jsonDifferences(const QJsonObject &before, const QJsonObject &after, const QString &rootPath)
{
    QList<JsonChange> changes;
    QStringList keys = before.keys();
    for (const QString &key : after.keys()) {
        if (!before.contains(key))
            keys.append(key);
    }
    for (const QString &key : std::as_const(keys)) {
        const QString path = base::parsing::child(rootPath, key);
        const QJsonValue left = before.value(key);
        const QJsonValue right = after.value(key);
        if (left.isObject() && right.isObject())
            changes.append(jsonDifferences(left.toObject(), right.toObject(), path));
        else if (left != right)
            changes.append({path, left, right});
    }
    return changes;
}

} // namespace dockside::contract
