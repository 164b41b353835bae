// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace dockside::contract {

enum class LeafChange { Same, Changed, Added, Removed };

// One leaf of two JSON documents compared, named by its RFC 6901 pointer ("" is the whole document).
struct JsonLeafDifference {
    QString pointer;
    QJsonValue left; // Undefined when only the right document has this leaf
    QJsonValue right; // Undefined when only the left document has this leaf
    LeafChange change = LeafChange::Same;
};

// "/a" + "b/c" -> "/a/b~1c": the key escaped as RFC 6901 asks.
QString jsonPointerChild(const QString &parent, const QString &key);

// Every leaf of both documents in document order (objects key by key, arrays element by element), each with
// both values. Scalars, empty objects and empty arrays are leaves; a leaf whose type changes to or from a
// container is removed on one side and added on the other. Pass Undefined for a missing document.
QList<JsonLeafDifference> compareJsonLeaves(const QJsonValue &left, const QJsonValue &right);

QString leafChangeName(LeafChange change);

} // namespace dockside::contract
