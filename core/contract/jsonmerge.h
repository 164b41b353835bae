// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace dockside::contract {

// Objects merge key by key, recursively; arrays, strings, numbers, booleans and null replace (CONTRACT.md §4).
QJsonObject deepMerge(const QJsonObject &base, const QJsonObject &overlay);

struct JsonChange {
    QString path;
    QJsonValue before; // Undefined when the key was added
    QJsonValue after; // Undefined when the key was removed
};

// Every leaf that differs between two objects, by JSON path; arrays compare whole.
QList<JsonChange> jsonDifferences(const QJsonObject &before, const QJsonObject &after,
                                  const QString &rootPath = QStringLiteral("$"));

} // namespace dockside::contract
