// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace/workspace.h"

#include "contract/defaultassistant.h"

#include "qtprinters.h"

#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using dockside::base::LoadError;
using dockside::workspace::parseWorkspace;
using dockside::workspace::Workspace;
using dockside::workspace::WorkspaceLoad;

QStringList pathsOf(const QList<LoadError> &errors)
{
    QStringList paths;
    for (const LoadError &error : errors)
        paths.append(error.path);
    return paths;
}

std::string describe(const QList<LoadError> &errors)
{
    std::string text;
    for (const LoadError &error : errors)
        text += dockside::base::formatLoadError(QStringLiteral("ws.json"), error).toStdString() + '\n';
    return text;
}

WorkspaceLoad parseWithTemplate(const char *templateJson)
{
    return parseWorkspace(QByteArrayLiteral(R"({"version": 1, "templates": [)") + QByteArray(templateJson) +
                          QByteArrayLiteral("]}"));
}

TEST(Workspace, BuiltinSampleHasTheSeedAnswersRulesAndContacts)
{
    const Workspace workspace = dockside::workspace::builtinSampleWorkspace();
    QSet<QString> ids;
    for (const auto &responseTemplate : workspace.templates) {
        EXPECT_FALSE(responseTemplate.id.isEmpty());
        EXPECT_FALSE(responseTemplate.name.isEmpty());
        if (responseTemplate.bodyIsJson) {
            EXPECT_TRUE(QJsonDocument::fromJson(responseTemplate.body).isObject()) << responseTemplate.id.toStdString();
        }
        ids.insert(responseTemplate.id);
    }
    EXPECT_EQ(ids.size(), workspace.templates.size());
    for (const auto &id : {QStringLiteral("default"), QStringLiteral("personalize-greeting"),
                           QStringLiteral("override-llm"), QStringLiteral("duration-limit"), QStringLiteral("reject"),
                           QStringLiteral("call-analysis"), QStringLiteral("crm-welcome-back")})
        EXPECT_TRUE(ids.contains(id)) << id.toStdString();
    EXPECT_EQ(workspace.defaultAssistant, dockside::contract::builtinDefaultAssistant());
    EXPECT_EQ(workspace.rules.size(), 8);
    EXPECT_EQ(workspace.contacts.size(), 6);
    ASSERT_NE(workspace.fallbackTemplate(), nullptr);
    EXPECT_EQ(workspace.fallbackTemplate()->id, QStringLiteral("default"));
}

TEST(Workspace, MinimalWorkspaceGetsBuiltinDefaultAssistant)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"version": 1, "name": "Mine"})"));
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_TRUE(load.errors.isEmpty());
    EXPECT_EQ(load.workspace->name, QStringLiteral("Mine"));
    EXPECT_TRUE(load.workspace->templates.isEmpty());
    EXPECT_EQ(load.workspace->defaultAssistant, dockside::contract::builtinDefaultAssistant());
    EXPECT_EQ(load.migratedFromVersion, 1);
}

TEST(Workspace, TemplateFieldsAreRead)
{
    const WorkspaceLoad load = parseWithTemplate(
        R"({"id": "slow", "name": "Slow", "status": 503, "delay_ms": 6000,
            "headers": [{"name": "Retry-After", "value": "5"}], "raw_body": "<html>down</html>"})");
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    ASSERT_EQ(load.workspace->templates.size(), 1);
    const auto &responseTemplate = load.workspace->templates.at(0);
    EXPECT_EQ(responseTemplate.id, QStringLiteral("slow"));
    EXPECT_EQ(responseTemplate.status, 503);
    EXPECT_EQ(responseTemplate.delayMs, 6000);
    EXPECT_FALSE(responseTemplate.bodyIsJson);
    EXPECT_EQ(responseTemplate.body, QByteArrayLiteral("<html>down</html>"));
    ASSERT_EQ(responseTemplate.headers.size(), 1);
    EXPECT_EQ(responseTemplate.headers.at(0).first, QByteArrayLiteral("Retry-After"));
    EXPECT_EQ(responseTemplate.headers.at(0).second, QByteArrayLiteral("5"));
}

TEST(Workspace, BrokenJsonReportsLineAndColumn)
{
    // The comma after "name" is missing: the parser notices at "templates", line 4, column 3.
    const QByteArray json = QByteArrayLiteral("{\n  \"version\": 1,\n  \"name\": \"x\"\n  \"templates\": []\n}\n");
    const WorkspaceLoad load = parseWorkspace(json);
    EXPECT_FALSE(load.workspace.has_value());
    ASSERT_EQ(load.errors.size(), 1);
    const LoadError &error = load.errors.at(0);
    EXPECT_EQ(error.path, QStringLiteral("$"));
    EXPECT_EQ(error.line, 4);
    // Qt reports the offset at or just after the offending character.
    EXPECT_GE(error.column, 3);
    EXPECT_LE(error.column, 4);
    EXPECT_TRUE(error.message.startsWith(QLatin1String("Not valid JSON"))) << error.message.toStdString();
    EXPECT_EQ(dockside::base::formatLoadError(QStringLiteral("ws.json"), error),
              QStringLiteral("ws.json:4:%1: $: %2").arg(QString::number(error.column), error.message));
}

TEST(Workspace, BrokenJsonColumnCountsFromLineStart)
{
    // The stray "x" is the 14th character of line 2.
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral("{\n\"version\": 1x}"));
    ASSERT_EQ(load.errors.size(), 1);
    EXPECT_EQ(load.errors.at(0).line, 2);
    EXPECT_GE(load.errors.at(0).column, 14);
    EXPECT_LE(load.errors.at(0).column, 15);
}

TEST(Workspace, TrailingCommaReportsLine)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral("{\n  \"version\": 1,\n  \"name\": \"x\",\n}\n"));
    ASSERT_EQ(load.errors.size(), 1);
    EXPECT_EQ(load.errors.at(0).line, 4);
}

TEST(Workspace, NotAnObjectIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral("[]"));
    EXPECT_FALSE(load.workspace.has_value());
    EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$")});
}

TEST(Workspace, MissingVersionWithoutTemplatesIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"name": "x", "rules": []})"));
    EXPECT_FALSE(load.workspace.has_value());
    EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.version")});
}

TEST(Workspace, MissingVersionWithTemplatesIsVersionZero)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"name": "x", "templates": []})"));
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_EQ(load.migratedFromVersion, 0);
    EXPECT_TRUE(load.wasMigrated());
}

TEST(Workspace, NonNumericVersionIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"version": "1"})"));
    EXPECT_FALSE(load.workspace.has_value());
    EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.version")});
}

TEST(Workspace, NewerVersionIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"version": 2})"));
    EXPECT_FALSE(load.workspace.has_value());
    ASSERT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.version")});
    EXPECT_TRUE(load.errors.at(0).message.contains(QLatin1String("2"))) << load.errors.at(0).message.toStdString();
}

TEST(Workspace, TemplateStatusOutOfRangeIsError)
{
    // Numbers beyond int's range (a fuzzer finding) are refused before any conversion, not cast and compared.
    for (const char *json : {R"({"id": "a", "status": 700, "body": {}})", R"({"id": "a", "status": 4294967496})",
                             R"({"id": "a", "status": 1e300, "body": {}})", R"({"id": "a", "status": -1e300})"}) {
        const WorkspaceLoad load = parseWithTemplate(json);
        EXPECT_FALSE(load.workspace.has_value()) << json;
        EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.templates[0].status")}) << json;
        ASSERT_FALSE(load.errors.isEmpty()) << json;
        EXPECT_TRUE(load.errors.first().message.contains(QStringLiteral("whole number from 100 to 599"))) << json;
    }
}

TEST(Workspace, TemplateStatusOfWrongTypeIsError)
{
    for (const char *json : {R"({"id": "a", "status": "200", "body": {}})", R"({"id": "a", "status": 200.5})",
                             R"({"id": "a", "status": 99})"}) {
        const WorkspaceLoad load = parseWithTemplate(json);
        EXPECT_FALSE(load.workspace.has_value()) << json;
        EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.templates[0].status")}) << json;
    }
}

TEST(Workspace, TemplateErrorsNameTheirPath)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(
        R"({"version": 1, "templates": [{"id": "ok", "body": {}},
            {"id": "", "delay_ms": -1, "headers": [{"name": "X"}], "body": "text"}, 5]})"));
    EXPECT_FALSE(load.workspace.has_value());
    QStringList paths = pathsOf(load.errors);
    paths.sort();
    EXPECT_EQ(paths,
              (QStringList {QStringLiteral("$.templates[1].body"), QStringLiteral("$.templates[1].delay_ms"),
                            QStringLiteral("$.templates[1].headers[0]"), QStringLiteral("$.templates[1].id"),
                            QStringLiteral("$.templates[2]")}))
        << describe(load.errors);
}

TEST(Workspace, DuplicateTemplateIdIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(
        R"({"version": 1, "templates": [{"id": "same", "body": {}}, {"id": "other"}, {"id": "same", "body": {}}]})"));
    EXPECT_FALSE(load.workspace.has_value());
    ASSERT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.templates[2].id")});
    EXPECT_TRUE(load.errors.at(0).message.contains(QLatin1String("same")));
}

TEST(Workspace, DefaultAssistantOfWrongTypeIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(R"({"version": 1, "default_assistant": "friendly"})"));
    EXPECT_FALSE(load.workspace.has_value());
    EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.default_assistant")});
}

TEST(Workspace, DefaultAssistantWithUnknownEventTypeIsError)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(
        R"({"version": 1, "default_assistant": {"webhook_events": ["assistant-request", "call-started"]}})"));
    EXPECT_FALSE(load.workspace.has_value());
    ASSERT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$.default_assistant.webhook_events[1]")})
        << describe(load.errors);
    EXPECT_TRUE(load.errors.at(0).message.contains(QLatin1String("call-started")));
}

TEST(Workspace, DefaultAssistantViolationsNameNestedPath)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(
        R"({"version": 1, "default_assistant": {"max_duration_seconds": "600",
            "llm_config": {"provider": "openai", "model": "m", "messages": [{"role": "robot", "content": "x"}]}}})"));
    EXPECT_FALSE(load.workspace.has_value());
    QStringList paths = pathsOf(load.errors);
    paths.sort();
    EXPECT_EQ(paths,
              (QStringList {QStringLiteral("$.default_assistant.llm_config.messages[0].role"),
                            QStringLiteral("$.default_assistant.max_duration_seconds")}))
        << describe(load.errors);
}

TEST(Workspace, DefaultAssistantUnknownKeyIsNotAnError)
{
    const WorkspaceLoad load = parseWorkspace(
        QByteArrayLiteral(R"({"version": 1, "default_assistant": {"first_message": "Hi", "voice": "x"}})"));
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_EQ(load.workspace->defaultAssistant.value(QStringLiteral("first_message")).toString(), QStringLiteral("Hi"));
}

TEST(Workspace, BadRulesAndContactsAreReportedWithTheirPaths)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral(
        R"({"version": 1, "templates": [{"id": "a"}], "rules": [{"id": "r", "template": "missing"}],
            "contacts": [1], "scenarios": []})"));
    EXPECT_FALSE(load.workspace.has_value());
    QStringList paths;
    for (const auto &error : load.errors)
        paths.append(error.path);
    EXPECT_TRUE(paths.contains(QStringLiteral("$.contacts[0]"))) << paths.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(std::any_of(paths.begin(), paths.end(), [](const QString &path) {
        return path.startsWith(QStringLiteral("$.rules[0]"));
    })) << paths.join(QLatin1Char(' ')).toStdString();
}

TEST(Workspace, AFallbackTemplateMustExist)
{
    const WorkspaceLoad load =
        parseWorkspace(QByteArrayLiteral(R"({"version": 1, "templates": [{"id": "a"}], "fallback_template": "b"})"));
    ASSERT_FALSE(load.workspace.has_value());
    EXPECT_EQ(load.errors.first().path, QStringLiteral("$.fallback_template"));
}

TEST(Workspace, TemplateToJsonRoundTrips)
{
    const Workspace sample = dockside::workspace::builtinSampleWorkspace();
    QJsonArray templates;
    for (const auto &responseTemplate : sample.templates)
        templates.append(dockside::workspace::templateToJson(responseTemplate));
    const QJsonObject root {{QStringLiteral("version"), 1}, {QStringLiteral("templates"), templates}};
    const WorkspaceLoad load = parseWorkspace(QJsonDocument(root).toJson());
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_EQ(load.workspace->templates, sample.templates);
}

TEST(Workspace, LoadingMissingFileIsError)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const WorkspaceLoad load = dockside::workspace::loadWorkspaceFile(directory.filePath(QStringLiteral("none.json")));
    EXPECT_FALSE(load.workspace.has_value());
    EXPECT_EQ(pathsOf(load.errors), QStringList {QStringLiteral("$")});
}

} // namespace
