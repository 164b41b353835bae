// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/jsonmerge.h"

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::contract::deepMerge;
using dockside::contract::JsonChange;
using dockside::contract::jsonDifferences;

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << json;
    return document.object();
}

QStringList pathsOf(const QList<JsonChange> &changes)
{
    QStringList paths;
    for (const JsonChange &change : changes)
        paths.append(change.path);
    paths.sort();
    return paths;
}

TEST(JsonMerge, EmptyOverlayKeepsBase)
{
    const QJsonObject base = parse(R"({"a": 1, "b": {"c": [1, 2]}})");
    EXPECT_EQ(deepMerge(base, QJsonObject {}), base);
    EXPECT_EQ(deepMerge(QJsonObject {}, base), base);
}

TEST(JsonMerge, ObjectsMergeRecursively)
{
    const QJsonObject base = parse(R"({"llm": {"provider": "openai", "model": "mini", "opts": {"t": 1, "k": 2}}})");
    const QJsonObject overlay = parse(R"({"llm": {"model": "big", "opts": {"k": 3, "n": 4}}, "extra": true})");
    EXPECT_EQ(deepMerge(base, overlay),
              parse(R"({"llm": {"provider": "openai", "model": "big", "opts": {"t": 1, "k": 3, "n": 4}},
                        "extra": true})"));
}

TEST(JsonMerge, ArraysReplaceWhole)
{
    const QJsonObject base =
        parse(R"({"messages": [{"role": "system", "content": "a"}, {"role": "user", "content": "b"}]})");
    const QJsonObject overlay = parse(R"({"messages": [{"role": "system", "content": "c"}]})");
    const QJsonObject merged = deepMerge(base, overlay);
    EXPECT_EQ(merged.value(QStringLiteral("messages")).toArray().size(), 1);
    EXPECT_EQ(merged, overlay);

    // An empty array replaces too.
    EXPECT_EQ(deepMerge(base, parse(R"({"messages": []})")).value(QStringLiteral("messages")), QJsonArray {});
}

TEST(JsonMerge, ScalarsAndNullReplace)
{
    const QJsonObject base = parse(R"({"s": "x", "n": 1, "b": true, "o": {"k": 1}, "z": 5})");
    const QJsonObject overlay = parse(R"({"s": "y", "n": 2.5, "b": false, "o": null, "z": null})");
    EXPECT_EQ(deepMerge(base, overlay), overlay);
}

TEST(JsonMerge, TypeChangesReplace)
{
    EXPECT_EQ(deepMerge(parse(R"({"a": {"k": 1}})"), parse(R"({"a": "text"})")), parse(R"({"a": "text"})"));
    EXPECT_EQ(deepMerge(parse(R"({"a": "text"})"), parse(R"({"a": {"k": 1}})")), parse(R"({"a": {"k": 1}})"));
    EXPECT_EQ(deepMerge(parse(R"({"a": [1]})"), parse(R"({"a": {"k": 1}})")), parse(R"({"a": {"k": 1}})"));
}

TEST(JsonMerge, InputsAreNotModified)
{
    const QJsonObject base = parse(R"({"a": {"b": 1}})");
    const QJsonObject overlay = parse(R"({"a": {"c": 2}})");
    deepMerge(base, overlay);
    EXPECT_EQ(base, parse(R"({"a": {"b": 1}})"));
    EXPECT_EQ(overlay, parse(R"({"a": {"c": 2}})"));
}

TEST(JsonDifferences, EqualObjectsHaveNoChanges)
{
    const QJsonObject object = parse(R"({"a": 1, "b": {"c": [1, 2], "d": null}})");
    EXPECT_TRUE(jsonDifferences(object, object).isEmpty());
    EXPECT_TRUE(jsonDifferences(QJsonObject {}, QJsonObject {}).isEmpty());
}

TEST(JsonDifferences, ChangedLeafHasNestedPathAndValues)
{
    const QList<JsonChange> changes = jsonDifferences(parse(R"({"llm": {"model": "mini", "provider": "openai"}})"),
                                                      parse(R"({"llm": {"model": "big", "provider": "openai"}})"));
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.at(0).path, QStringLiteral("$.llm.model"));
    EXPECT_EQ(changes.at(0).before, QJsonValue(QStringLiteral("mini")));
    EXPECT_EQ(changes.at(0).after, QJsonValue(QStringLiteral("big")));
}

TEST(JsonDifferences, AddedAndRemovedKeysAreUndefinedOnOneSide)
{
    const QList<JsonChange> changes =
        jsonDifferences(parse(R"({"gone": 1, "kept": 2})"), parse(R"({"kept": 2, "new": 3})"));
    EXPECT_EQ(pathsOf(changes), (QStringList {QStringLiteral("$.gone"), QStringLiteral("$.new")}));
    for (const JsonChange &change : changes) {
        if (change.path == QLatin1String("$.gone")) {
            EXPECT_EQ(change.before, QJsonValue(1));
            EXPECT_TRUE(change.after.isUndefined());
        } else {
            EXPECT_TRUE(change.before.isUndefined());
            EXPECT_EQ(change.after, QJsonValue(3));
        }
    }
}

TEST(JsonDifferences, ArraysCompareWhole)
{
    const QList<JsonChange> changes = jsonDifferences(parse(R"({"m": [{"role": "system", "content": "a"}, 2]})"),
                                                      parse(R"({"m": [{"role": "system", "content": "b"}, 2]})"));
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.at(0).path, QStringLiteral("$.m"));
    EXPECT_TRUE(changes.at(0).before.isArray());
    EXPECT_TRUE(changes.at(0).after.isArray());
}

TEST(JsonDifferences, ObjectReplacedByScalarIsOneChange)
{
    const QList<JsonChange> changes = jsonDifferences(parse(R"({"a": {"b": 1}})"), parse(R"({"a": 5})"));
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.at(0).path, QStringLiteral("$.a"));
}

TEST(JsonDifferences, NestedAddedKeyAndCustomRoot)
{
    const QList<JsonChange> changes = jsonDifferences(
        parse(R"({"a": {"b": {}}})"), parse(R"({"a": {"b": {"c d": true}}})"), QStringLiteral("$.assistant"));
    EXPECT_EQ(pathsOf(changes), QStringList {QStringLiteral("$.assistant.a.b[\"c d\"]")});
}

TEST(JsonDifferences, MergeThenDiffListsOnlyOverlaidLeaves)
{
    const QJsonObject base = parse(R"({"first_message": "Hi", "llm": {"provider": "openai", "model": "mini"}})");
    const QJsonObject merged = deepMerge(base, parse(R"({"llm": {"model": "big", "temperature": 0.2}})"));
    EXPECT_EQ(pathsOf(jsonDifferences(base, merged)),
              (QStringList {QStringLiteral("$.llm.model"), QStringLiteral("$.llm.temperature")}));
}

} // namespace
