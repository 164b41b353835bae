// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/jsondiff.h"

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::contract::compareJsonLeaves;
using dockside::contract::JsonLeafDifference;
using dockside::contract::jsonPointerChild;
using dockside::contract::LeafChange;

QJsonValue parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << json;
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

// "pointer change" per leaf, so a failure shows the whole comparison.
QStringList describe(const QList<JsonLeafDifference> &leaves)
{
    QStringList lines;
    for (const JsonLeafDifference &leaf : leaves)
        lines.append(leaf.pointer + QLatin1Char(' ') + dockside::contract::leafChangeName(leaf.change));
    return lines;
}

} // namespace

TEST(JsonDiff, EqualDocumentsAreAllSameInDocumentOrder)
{
    const QJsonValue document = parse(R"({"b": [1, {"c": true}], "a": "x", "e": {}, "f": []})");
    EXPECT_EQ(describe(compareJsonLeaves(document, document)),
              QStringList({QStringLiteral("/a same"), QStringLiteral("/b/0 same"), QStringLiteral("/b/1/c same"),
                           QStringLiteral("/e same"), QStringLiteral("/f same")}));
}

TEST(JsonDiff, ChangedAddedAndRemovedLeavesKeepBothValues)
{
    const QList<JsonLeafDifference> leaves =
        compareJsonLeaves(parse(R"({"a": 1, "b": {"c": "old", "d": [1, 2]}})"),
                          parse(R"({"b": {"c": "new", "d": [1], "n": null}, "z": false})"));
    EXPECT_EQ(
        describe(leaves),
        QStringList({QStringLiteral("/a removed"), QStringLiteral("/b/c changed"), QStringLiteral("/b/d/0 same"),
                     QStringLiteral("/b/d/1 removed"), QStringLiteral("/b/n added"), QStringLiteral("/z added")}));
    EXPECT_EQ(leaves.at(0).left, QJsonValue(1));
    EXPECT_TRUE(leaves.at(0).right.isUndefined());
    EXPECT_EQ(leaves.at(1).left, QJsonValue(QStringLiteral("old")));
    EXPECT_EQ(leaves.at(1).right, QJsonValue(QStringLiteral("new")));
    EXPECT_TRUE(leaves.at(4).left.isUndefined());
    EXPECT_TRUE(leaves.at(4).right.isNull());
}

TEST(JsonDiff, AContainerReplacedByAScalarIsRemovedThenAdded)
{
    EXPECT_EQ(
        describe(compareJsonLeaves(parse(R"({"a": {"x": 1, "y": 2}})"), parse(R"({"a": null})"))),
        QStringList({QStringLiteral("/a/x removed"), QStringLiteral("/a/y removed"), QStringLiteral("/a added")}));
    EXPECT_EQ(describe(compareJsonLeaves(parse(R"({"a": {}})"), parse(R"({"a": [1]})"))),
              QStringList({QStringLiteral("/a removed"), QStringLiteral("/a/0 added")}));
    EXPECT_EQ(describe(compareJsonLeaves(parse(R"({"a": {}})"), parse(R"({"a": {"k": 1}})"))),
              QStringList({QStringLiteral("/a/k added")}));
}

TEST(JsonDiff, AMissingDocumentFlattensTheOther)
{
    const QList<JsonLeafDifference> leaves =
        compareJsonLeaves(QJsonValue(QJsonValue::Undefined), parse(R"([{"a/b": 1, "m~n": 2}, "s"])"));
    EXPECT_EQ(
        describe(leaves),
        QStringList({QStringLiteral("/0/a~1b added"), QStringLiteral("/0/m~0n added"), QStringLiteral("/1 added")}));
    EXPECT_TRUE(compareJsonLeaves(QJsonValue(QJsonValue::Undefined), QJsonValue(QJsonValue::Undefined)).isEmpty());
    // A scalar document is one leaf at the empty pointer.
    EXPECT_EQ(describe(compareJsonLeaves(QJsonValue(1), QJsonValue(2))), QStringList({QStringLiteral(" changed")}));
}

TEST(JsonDiff, PointerChildEscapesAsRfc6901Asks)
{
    EXPECT_EQ(jsonPointerChild(QString(), QStringLiteral("a")), QStringLiteral("/a"));
    EXPECT_EQ(jsonPointerChild(QStringLiteral("/x"), QStringLiteral("~/")), QStringLiteral("/x/~0~1"));
    EXPECT_EQ(jsonPointerChild(QString(), QString()), QStringLiteral("/"));
}
