// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/jsonlocator.h"
#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QFile>

#include <gtest/gtest.h>

namespace {

using namespace dockside::workspace;
using namespace dockside::base;

std::optional<TextPosition> locate(const QByteArray &json, const QString &path)
{
    const std::optional<JsonLocation> location = locateJsonPath(json, path);
    if (!location || !location->exact)
        return std::nullopt;
    return location->position;
}

const QByteArray kNested = QByteArrayLiteral("{\n"
                                             "  \"a\": [1, [2, 3], {\"b\": \"x\"}],\n"
                                             "  \"tricky\": \"has \\\"quotes\\\", brackets ] } and \\\\\",\n"
                                             "  \"after\": {\"deep\": [[], [{}, {\"z\": null}]]},\n"
                                             "  \"odd key.with[dots]\": true,\n"
                                             "  \"caf\\u00e9\": 1,\n"
                                             "  \"ünï\": \"çödé\", \"next\": 2\n"
                                             "}\n");

TEST(JsonLocator, FindsValuesInNestedArraysAndObjects)
{
    EXPECT_EQ(locate(kNested, QStringLiteral("$")), (TextPosition {1, 1}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.a")), (TextPosition {2, 8}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.a[0]")), (TextPosition {2, 9}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.a[1][1]")), (TextPosition {2, 16}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.a[2].b")), (TextPosition {2, 26}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.after.deep[1][1].z")), (TextPosition {4, 37}));
}

TEST(JsonLocator, StringsWithEscapesAndBracketsDoNotConfuseIt)
{
    EXPECT_EQ(locate(kNested, QStringLiteral("$.tricky")), (TextPosition {3, 13}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.after")), (TextPosition {4, 12}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$[\"odd key.with[dots]\"]")), (TextPosition {5, 25}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$[\"café\"]")), (TextPosition {6, 16}));
}

TEST(JsonLocator, ColumnsCountCharactersNotBytes)
{
    // "ünï": "çödé" is 13 characters but 17 bytes; "next" follows it on the same line.
    EXPECT_EQ(locate(kNested, QStringLiteral("$[\"ünï\"]")), (TextPosition {7, 10}));
    EXPECT_EQ(locate(kNested, QStringLiteral("$.next")), (TextPosition {7, 26}));
    EXPECT_EQ(textPositionOfOffset(QByteArrayLiteral("\xF0\x9F\x93\x9E x"), 5), (TextPosition {1, 3}));
}

TEST(JsonLocator, MissingPathsFallBackToTheNearestAncestor)
{
    const std::optional<JsonLocation> missingKey = locateJsonPath(kNested, u"$.a[2].nope");
    ASSERT_TRUE(missingKey.has_value());
    EXPECT_FALSE(missingKey->exact);
    EXPECT_EQ(missingKey->position, (TextPosition {2, 20}));

    const std::optional<JsonLocation> pastTheEnd = locateJsonPath(kNested, u"$.a[7]");
    ASSERT_TRUE(pastTheEnd.has_value());
    EXPECT_FALSE(pastTheEnd->exact);
    EXPECT_EQ(pastTheEnd->position, (TextPosition {2, 8}));

    const std::optional<JsonLocation> intoAScalar = locateJsonPath(kNested, u"$.tricky.inside");
    ASSERT_TRUE(intoAScalar.has_value());
    EXPECT_EQ(intoAScalar->position, (TextPosition {3, 13}));
}

TEST(JsonLocator, RepeatedKeysResolveToTheLastLikeQJsonDocument)
{
    EXPECT_EQ(locate(QByteArrayLiteral("{\"k\": 1,\n \"k\": 2}"), QStringLiteral("$.k")), (TextPosition {2, 7}));
}

TEST(JsonLocator, RejectsWhatIsNotAPath)
{
    EXPECT_FALSE(locateJsonPath(kNested, u"a.b").has_value());
    EXPECT_FALSE(locateJsonPath(kNested, u"$.a[x]").has_value());
    EXPECT_FALSE(locateJsonPath(kNested, u"$..a").has_value());
    EXPECT_FALSE(locateJsonPath(QByteArray(), u"$").has_value());
}

TEST(JsonLocator, SkipsAByteOrderMark)
{
    EXPECT_EQ(locate(QByteArrayLiteral("\xEF\xBB\xBF{\"v\": 1}"), QStringLiteral("$.v")), (TextPosition {1, 7}));
}

TEST(WorkspaceLoadErrors, EveryErrorInAMultiLineFileHasItsLineAndColumn)
{
    const QString fileName = QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/workspaces/located-errors.dockside.json");
    const WorkspaceLoad load = loadWorkspaceFile(fileName);
    EXPECT_FALSE(load.workspace.has_value());
    QStringList formatted;
    for (const LoadError &error : load.errors) {
        EXPECT_GT(error.line, 0) << error.path.toStdString();
        formatted.append(formatLoadError(QStringLiteral("ws.json"), error));
    }
    const std::string all = formatted.join(QLatin1Char('\n')).toStdString();
    auto has = [&](const QString &prefix) {
        return std::any_of(formatted.begin(), formatted.end(),
                           [&](const QString &line) { return line.startsWith(prefix); });
    };
    // Column 78, not the byte offset 79: "Ä" earlier on the line is one character.
    EXPECT_TRUE(has(QStringLiteral("ws.json:10:78: $.templates[1].status: Expected a whole number"))) << all;
    EXPECT_TRUE(has(QStringLiteral("ws.json:20:19: $.rules[0].conditions[0].zone: "))) << all;
    EXPECT_TRUE(has(QStringLiteral("ws.json:29:55: $.contacts[1].vip: "))) << all;
    EXPECT_EQ(load.errors.size(), 3) << all;
}

TEST(WorkspaceLoadErrors, ParseErrorColumnsCountCharacters)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral("{\"name\": \"\xC3\x9C\xC3\x9C\", x}"));
    ASSERT_EQ(load.errors.size(), 1);
    EXPECT_EQ(load.errors.first().line, 1);
    // The "x" is character 16 (byte 18); Qt reports at or just after it. Counting bytes would give 18 or 19.
    EXPECT_GE(load.errors.first().column, 16);
    EXPECT_LE(load.errors.first().column, 17);
}

TEST(WorkspaceLoadErrors, UnreadableFileHasNoLine)
{
    const WorkspaceLoad load = loadWorkspaceFile(QStringLiteral("/nonexistent/ws.json"));
    ASSERT_EQ(load.errors.size(), 1);
    EXPECT_EQ(load.errors.first().line, 0);
    EXPECT_EQ(formatLoadError(QStringLiteral("/nonexistent/ws.json"), load.errors.first()).left(28),
              QStringLiteral("/nonexistent/ws.json: $: Can"));
}

} // namespace
