// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace/migrations.h"
#include "workspace/workspace.h"
#include "workspace/workspacewriter.h"

#include "contract/defaultassistant.h"

#include "fixtures.h"
#include "qtprinters.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using namespace dockside::workspace;
using namespace dockside::base;

std::string describe(const QList<LoadError> &errors)
{
    std::string text;
    for (const LoadError &error : errors)
        text += formatLoadError(QStringLiteral("ws.json"), error).toStdString() + '\n';
    return text;
}

QByteArray readFile(const QString &fileName)
{
    QFile file(fileName);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << fileName.toStdString();
    return file.readAll();
}

QString dataFile(const char *relativePath)
{
    return QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/workspaces/") + QLatin1String(relativePath);
}

Workspace loadOrFail(const QByteArray &json)
{
    const WorkspaceLoad load = parseWorkspace(json);
    EXPECT_TRUE(load.workspace.has_value()) << describe(load.errors);
    return load.workspace.value_or(Workspace {});
}

TEST(WorkspaceFile, SampleSurvivesSaveAndLoad)
{
    const Workspace sample = builtinSampleWorkspace();
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString fileName = directory.filePath(QStringLiteral("sample.dockside.json"));
    QString error;
    ASSERT_TRUE(saveWorkspaceFile(sample, fileName, &error)) << error.toStdString();

    const WorkspaceLoad load = loadWorkspaceFile(fileName);
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_FALSE(load.wasMigrated());
    EXPECT_EQ(*load.workspace, sample);
    EXPECT_EQ(load.workspace->rules.size(), 8);
    EXPECT_EQ(load.workspace->contacts.size(), 6);
}

TEST(WorkspaceFile, SavingIsStableFromSaveToSave)
{
    const QByteArray first = serializeWorkspace(builtinSampleWorkspace());
    const QByteArray second = serializeWorkspace(loadOrFail(first));
    EXPECT_EQ(first, second);
}

TEST(WorkspaceFile, KeysFollowTheSamplesOrder)
{
    const QByteArray json = serializeWorkspace(builtinSampleWorkspace());
    EXPECT_TRUE(json.startsWith("{\n  \"version\": 1,\n  \"name\": \"Sample workspace\",\n"
                                "  \"fallback_template\": \"default\",\n"
                                "  \"clock\": {\n    \"allow_header\": true\n  },\n  \"templates\": [\n    {\n"
                                "      \"id\": \"default\",\n      \"name\": \"Use default configuration\",\n"
                                "      \"description\": \"Empty object: the default assistant answers.\",\n"
                                "      \"status\": 200,\n      \"headers\": [\n        {\n"
                                "          \"name\": \"Content-Type\",\n          \"value\": \"application/json\"\n"
                                "        }\n      ],\n      \"delay_ms\": 0,\n      \"body\": {}\n    },\n"))
        << json.left(600).toStdString();
    const qsizetype templates = json.indexOf("\n  \"templates\":");
    const qsizetype rules = json.indexOf("\n  \"rules\":");
    const qsizetype contacts = json.indexOf("\n  \"contacts\":");
    const qsizetype scenarios = json.indexOf("\n  \"scenarios\":");
    EXPECT_LT(templates, rules);
    EXPECT_LT(rules, contacts);
    EXPECT_LT(contacts, scenarios);
    EXPECT_TRUE(
        json.contains("    {\n      \"id\": \"closed\",\n      \"name\": \"Business hours: reject calls outside "
                      "opening hours\",\n      \"enabled\": true,\n      \"conditions\": [\n        {\n"
                      "          \"kind\": \"event\",\n          \"equals\": \"assistant-request\"\n"))
        << json.toStdString();
    EXPECT_TRUE(json.contains("      \"number\": \"+31612345678\",\n      \"name\": \"John Smith\",\n"
                              "      \"customer_since\": \"2021\",\n"));
    EXPECT_TRUE(json.contains("\n  \"scenarios\": [\n    {\n      \"id\": \"")) << json.toStdString();
}

TEST(WorkspaceFile, BuiltinDefaultAssistantIsLeftOutAndACustomOneIsKept)
{
    Workspace workspace = builtinSampleWorkspace();
    EXPECT_FALSE(serializeWorkspace(workspace).contains("default_assistant"));

    workspace.defaultAssistant.insert(QStringLiteral("first_message"), QStringLiteral("Hallo, met Dockside."));
    const QByteArray json = serializeWorkspace(workspace);
    EXPECT_TRUE(json.contains("\"default_assistant\"")) << json.toStdString();
    EXPECT_EQ(loadOrFail(json).defaultAssistant, workspace.defaultAssistant);
}

TEST(WorkspaceFile, UnicodeRawBodiesAndScenariosRoundTrip)
{
    Workspace workspace;
    workspace.name = QStringLiteral("Ünïcode \"quoted\" \\ and a\ttab");
    ResponseTemplate raw;
    raw.id = QStringLiteral("raw");
    raw.name = QStringLiteral("Raw");
    raw.status = 502;
    raw.bodyIsJson = false;
    raw.body = QByteArrayLiteral("line one\nline two: caf\xC3\xA9 \xF0\x9F\x93\x9E");
    raw.delayMs = 250;
    raw.fault = Fault::BrokenJson;
    raw.headers = {{QByteArrayLiteral("X-Trace"), QByteArrayLiteral("a b")}};
    workspace.templates.append(raw);
    workspace.fallbackTemplateId = QStringLiteral("raw");
    workspace.defaultAssistant = dockside::contract::builtinDefaultAssistant();
    QList<dockside::base::LoadError> errors;
    const auto scenario = dockside::composer::Scenario::fromJson(
        QJsonDocument::fromJson(R"({"id": "smoke", "name": "Smök \"test\"", "raw_body": "{\"a\": \"caf\u00e9\"}",
            "expect": {"reason": ["override", "default"], "json_pointer": [{"pointer": "/a~1b", "equals": [1, null]}],
            "latency_under_ms": 250}})")
            .object(),
        QStringLiteral("$"), errors);
    ASSERT_TRUE(scenario) << errors.value(0).message.toStdString();
    workspace.scenarios = {*scenario};
    EXPECT_EQ(loadOrFail(serializeWorkspace(workspace)), workspace);
}

TEST(WorkspaceFile, SaveReplacesTheFileAndReportsWhatWentWrong)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString fileName = directory.filePath(QStringLiteral("mine.dockside.json"));
    {
        QFile old(fileName);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x'));
    }
    QString error;
    ASSERT_TRUE(saveWorkspaceFile(seedAnswersWorkspace(), fileName, &error)) << error.toStdString();
    EXPECT_EQ(readFile(fileName), serializeWorkspace(seedAnswersWorkspace()));
    EXPECT_EQ(QDir(directory.path()).entryList(QDir::Files), QStringList {QStringLiteral("mine.dockside.json")});

    const QString unwritable = directory.filePath(QStringLiteral("no/such/dir/ws.json"));
    EXPECT_FALSE(saveWorkspaceFile(seedAnswersWorkspace(), unwritable, &error));
    EXPECT_TRUE(error.contains(unwritable)) << error.toStdString();
}

TEST(WorkspaceFile, SecretsAtTopLevelAreRefused)
{
    for (const char *key : {"secret", "webhook_secret", "WebhookSecret", "api_key", "password", "auth_token"}) {
        const QByteArray json =
            QByteArrayLiteral("{\n  \"version\": 1,\n  \"") + key + QByteArrayLiteral("\": \"whsec_x\"\n}\n");
        const WorkspaceLoad load = parseWorkspace(json);
        EXPECT_FALSE(load.workspace.has_value()) << key;
        ASSERT_EQ(load.errors.size(), 1) << key;
        const LoadError &error = load.errors.first();
        EXPECT_EQ(error.path, QStringLiteral("$.") + QLatin1String(key));
        EXPECT_EQ(error.line, 3);
        EXPECT_EQ(error.column, 7 + static_cast<int>(qstrlen(key)));
        EXPECT_TRUE(error.message.contains(QLatin1String("keychain"))) << error.message.toStdString();
        EXPECT_TRUE(error.message.contains(QLatin1String("DOCKSIDE_WEBHOOK_SECRET"))) << error.message.toStdString();
    }
}

TEST(WorkspaceFile, SecretLikeKeysInsideBodiesAreTheUsersBusiness)
{
    const WorkspaceLoad load =
        parseWorkspace(QByteArrayLiteral(R"({"version": 1, "templates": [{"id": "a", "body": {"token_budget": 5}}]})"));
    EXPECT_TRUE(load.workspace.has_value()) << describe(load.errors);
}

TEST(WorkspaceMigration, VersionZeroFileIsMigratedToTheCurrentFormat)
{
    const WorkspaceLoad load = loadWorkspaceFile(dataFile("version0.dockside.json"));
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    EXPECT_EQ(load.migratedFromVersion, 0);
    EXPECT_EQ(migrationNotice(load), QStringLiteral("migrated from version 0; save to update the file"));
    const Workspace &workspace = *load.workspace;
    EXPECT_EQ(workspace.name, QStringLiteral("Support desk (before versions)"));
    ASSERT_EQ(workspace.templates.size(), 3);

    const ResponseTemplate &welcome = workspace.templates.at(0);
    EXPECT_EQ(welcome.status, 200);
    EXPECT_EQ(welcome.delayMs, 1250);
    EXPECT_TRUE(welcome.bodyIsJson);
    EXPECT_EQ(QJsonDocument::fromJson(welcome.body)
                  .object()
                  .value(QStringLiteral("assistant"))
                  .toObject()
                  .value(QStringLiteral("first_message")),
              QStringLiteral("Welkom! Waarmee kan ik helpen?"));
    EXPECT_EQ(welcome.headers,
              (HeaderList {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                           {QByteArrayLiteral("X-Dockside-Example"), QByteArrayLiteral("v0")}}));

    const ResponseTemplate &maintenance = workspace.templates.at(1);
    EXPECT_EQ(maintenance.status, 503);
    EXPECT_FALSE(maintenance.bodyIsJson);
    EXPECT_EQ(maintenance.body, QByteArrayLiteral("<html><body>Down for maintenance</body></html>"));
    EXPECT_EQ(maintenance.delayMs, 0);
    EXPECT_EQ(maintenance.description, QStringLiteral("The webhook's server answers with HTML."));

    EXPECT_EQ(workspace.templates.at(2).delayMs, 1); // 0.5 ms rounds to the nearest millisecond
    EXPECT_EQ(workspace.templates.at(2).fault, Fault::Hang);
    EXPECT_EQ(workspace.rules.size(), 1);
    EXPECT_EQ(workspace.contacts.size(), 1);
}

TEST(WorkspaceMigration, SavingAMigratedFileWritesTheCurrentVersion)
{
    const WorkspaceLoad load = loadWorkspaceFile(dataFile("version0.dockside.json"));
    ASSERT_TRUE(load.workspace.has_value()) << describe(load.errors);
    const QByteArray saved = serializeWorkspace(*load.workspace);
    EXPECT_FALSE(saved.contains("\"response\"")) << saved.toStdString();
    const WorkspaceLoad reloaded = parseWorkspace(saved);
    ASSERT_TRUE(reloaded.workspace.has_value()) << describe(reloaded.errors);
    EXPECT_FALSE(reloaded.wasMigrated());
    EXPECT_TRUE(migrationNotice(reloaded).isEmpty());
    EXPECT_EQ(*reloaded.workspace, *load.workspace);
}

TEST(WorkspaceMigration, WhatVersionZeroCannotConvertIsReportedWithItsLine)
{
    const WorkspaceLoad load = loadWorkspaceFile(dataFile("version0-bad-headers.dockside.json"));
    EXPECT_FALSE(load.workspace.has_value());
    ASSERT_EQ(load.errors.size(), 2) << describe(load.errors);
    EXPECT_EQ(load.errors.at(0).path, QStringLiteral("$.templates[1].response.headers[\"Retry-After\"]"));
    EXPECT_EQ(load.errors.at(0).line, 12);
    EXPECT_EQ(load.errors.at(0).column, 26);
    EXPECT_EQ(load.errors.at(1).path, QStringLiteral("$.templates[1].delay"));
    EXPECT_EQ(load.errors.at(1).line, 15);
    EXPECT_EQ(load.errors.at(1).column, 16);
}

TEST(WorkspaceMigration, ErrorsAfterMigrationPointAtTheTemplateInTheOldFile)
{
    // "status" is inside "response" in version 0, so the error points at the template that holds it.
    const WorkspaceLoad load =
        parseWorkspace(QByteArrayLiteral("{\"templates\": [\n  {\"id\": \"a\", \"response\": {\"status\": 42}}\n]}"));
    ASSERT_EQ(load.errors.size(), 1) << describe(load.errors);
    EXPECT_EQ(load.errors.first().path, QStringLiteral("$.templates[0].status"));
    EXPECT_EQ(load.errors.first().line, 2);
    EXPECT_EQ(load.errors.first().column, 3);
}

TEST(WorkspaceMigration, EveryOlderVersionHasAStep)
{
    const QList<Migration> steps = workspaceMigrations();
    ASSERT_EQ(steps.size(), kCurrentWorkspaceVersion);
    QJsonObject document {{QStringLiteral("templates"), QJsonArray {}}};
    for (int version = 0; version < kCurrentWorkspaceVersion; ++version) {
        QList<LoadError> errors;
        document = steps.at(version)(document, errors);
        EXPECT_TRUE(errors.isEmpty()) << describe(errors);
        EXPECT_EQ(document.value(QStringLiteral("version")).toInt(), version + 1);
    }
}

TEST(WorkspaceMigration, NewerVersionNamesBothVersionsAndTheFix)
{
    const WorkspaceLoad load = parseWorkspace(QByteArrayLiteral("{\n  \"version\": 7\n}"));
    ASSERT_EQ(load.errors.size(), 1);
    EXPECT_EQ(load.errors.first().path, QStringLiteral("$.version"));
    EXPECT_EQ(load.errors.first().line, 2);
    EXPECT_EQ(load.errors.first().column, 14);
    EXPECT_TRUE(load.errors.first().message.contains(QLatin1String("version 7")));
    EXPECT_TRUE(load.errors.first().message.contains(QLatin1String("Update Dockside")));
}

} // namespace
