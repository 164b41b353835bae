// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace/templateexchange.h"
#include "workspace/workspace.h"

#include "fixtures.h"
#include "qtprinters.h"

#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using namespace dockside::workspace;
using namespace dockside::base;

QByteArray templatesFixture(const char *name)
{
    QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/workspaces/templates/") + QLatin1String(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

std::string describe(const QList<LoadError> &errors)
{
    std::string text;
    for (const LoadError &error : errors)
        text += formatLoadError(QStringLiteral("t.json"), error).toStdString() + '\n';
    return text;
}

QStringList idsOf(const QList<ResponseTemplate> &templates)
{
    QStringList ids;
    for (const ResponseTemplate &responseTemplate : templates)
        ids.append(responseTemplate.id);
    return ids;
}

TEST(TemplateExchange, ExportWritesTheFormatMarkerAndEveryTemplate)
{
    const Workspace sample = builtinSampleWorkspace();
    const QByteArray json = exportTemplates(sample.templates);
    EXPECT_TRUE(
        json.startsWith("{\n  \"dockside_templates\": 1,\n  \"templates\": [\n    {\n      \"id\": \"default\","))
        << json.left(200).toStdString();
    const TemplateImport imported = importTemplates(json);
    EXPECT_TRUE(imported.errors.isEmpty()) << describe(imported.errors);
    EXPECT_EQ(imported.templates, sample.templates);
}

TEST(TemplateExchange, ExportOfNothingIsAnEmptyList)
{
    const TemplateImport imported = importTemplates(exportTemplates({}));
    EXPECT_TRUE(imported.errors.isEmpty()) << describe(imported.errors);
    EXPECT_TRUE(imported.templates.isEmpty());
}

TEST(TemplateExchange, ImportsAnExportASingleTemplateOrAnArray)
{
    const TemplateImport pack = importTemplates(templatesFixture("support-pack.json"));
    EXPECT_TRUE(pack.errors.isEmpty()) << describe(pack.errors);
    EXPECT_EQ(idsOf(pack.templates), (QStringList {QStringLiteral("reject"), QStringLiteral("slow-greeting")}));
    EXPECT_EQ(pack.templates.at(1).delayMs, 4800);

    const TemplateImport single = importTemplates(templatesFixture("single-template.json"));
    EXPECT_TRUE(single.errors.isEmpty()) << describe(single.errors);
    ASSERT_EQ(single.templates.size(), 1);
    EXPECT_EQ(single.templates.first().status, 418);
    EXPECT_FALSE(single.templates.first().bodyIsJson);

    const TemplateImport array = importTemplates(templatesFixture("template-array.json"));
    EXPECT_TRUE(array.errors.isEmpty()) << describe(array.errors);
    EXPECT_EQ(idsOf(array.templates), (QStringList {QStringLiteral("one"), QStringLiteral("two")}));
}

TEST(TemplateExchange, BadTemplatesAreReportedWithPathAndLine)
{
    const TemplateImport imported = importTemplates(templatesFixture("bad-templates.json"));
    EXPECT_EQ(idsOf(imported.templates), QStringList {QStringLiteral("good")});
    ASSERT_EQ(imported.errors.size(), 2) << describe(imported.errors);
    EXPECT_EQ(imported.errors.at(0).path, QStringLiteral("$.templates[1].fault"));
    EXPECT_EQ(imported.errors.at(0).line, 7);
    EXPECT_EQ(imported.errors.at(0).column, 16);
    EXPECT_EQ(imported.errors.at(1).path, QStringLiteral("$.templates[2].id"));
    EXPECT_EQ(imported.errors.at(1).line, 9);
    EXPECT_TRUE(imported.errors.at(1).message.contains(QLatin1String("$.templates[0]")))
        << imported.errors.at(1).message.toStdString();
}

TEST(TemplateExchange, WhatIsNotTemplatesSaysWhatIsExpected)
{
    const TemplateImport broken = importTemplates(QByteArrayLiteral("[\n  {\"id\": \"a\"},\n  oops\n]"));
    ASSERT_EQ(broken.errors.size(), 1);
    EXPECT_EQ(broken.errors.first().line, 3);
    EXPECT_TRUE(broken.errors.first().message.startsWith(QLatin1String("Not valid JSON")));

    const TemplateImport workspaceFile = importTemplates(QByteArrayLiteral(R"({"version": 1, "templates": []})"));
    ASSERT_EQ(workspaceFile.errors.size(), 1);
    EXPECT_TRUE(workspaceFile.errors.first().message.contains(QLatin1String("dockside-cli templates export")))
        << workspaceFile.errors.first().message.toStdString();

    const TemplateImport newer = importTemplates(QByteArrayLiteral(R"({"dockside_templates": 2, "templates": []})"));
    ASSERT_EQ(newer.errors.size(), 1);
    EXPECT_EQ(newer.errors.first().path, QStringLiteral("$.dockside_templates"));
    EXPECT_TRUE(newer.errors.first().message.contains(QLatin1String("Update Dockside")));

    const TemplateImport scalar = importTemplates(QByteArrayLiteral("42"));
    ASSERT_EQ(scalar.errors.size(), 1);
    EXPECT_EQ(scalar.errors.first().path, QStringLiteral("$"));
}

TEST(TemplateExchange, MergeRenamesClashingIdsAndSkipsIdenticalOnes)
{
    Workspace workspace = seedAnswersWorkspace();
    const qsizetype before = workspace.templates.size();
    QList<ResponseTemplate> imported = importTemplates(templatesFixture("support-pack.json")).templates;
    imported.append(*workspace.findTemplate(QStringLiteral("default")));

    const TemplateMerge merge = mergeTemplates(workspace, imported);
    EXPECT_EQ(merge.added, (QStringList {QStringLiteral("reject-2"), QStringLiteral("slow-greeting")}));
    ASSERT_EQ(merge.renamed.size(), 1);
    EXPECT_EQ(merge.renamed.first().from, QStringLiteral("reject"));
    EXPECT_EQ(merge.renamed.first().to, QStringLiteral("reject-2"));
    EXPECT_EQ(merge.unchanged, QStringList {QStringLiteral("default")});
    EXPECT_EQ(workspace.templates.size(), before + 2);
    ASSERT_NE(workspace.findTemplate(QStringLiteral("reject-2")), nullptr);
    EXPECT_EQ(workspace.findTemplate(QStringLiteral("reject-2"))->name, QStringLiteral("Reject: holiday"));
    EXPECT_NE(workspace.findTemplate(QStringLiteral("reject"))->name, QStringLiteral("Reject: holiday"));

    // Importing the same pack again adds nothing; a different "reject" is renamed once more, never overwritten.
    const TemplateMerge again = mergeTemplates(workspace, imported);
    EXPECT_TRUE(again.added.isEmpty());
    EXPECT_EQ(again.unchanged,
              (QStringList {QStringLiteral("reject"), QStringLiteral("slow-greeting"), QStringLiteral("default")}));
    ResponseTemplate another = imported.first();
    another.status = 503;
    const TemplateMerge third = mergeTemplates(workspace, {another});
    EXPECT_EQ(third.added, QStringList {QStringLiteral("reject-3")});
    EXPECT_EQ(workspace.templates.size(), before + 3);
}

TEST(TemplateExchange, MergedWorkspaceStillLoads)
{
    Workspace workspace = seedAnswersWorkspace();
    mergeTemplates(workspace, importTemplates(templatesFixture("support-pack.json")).templates);
    QJsonArray templates;
    for (const ResponseTemplate &responseTemplate : workspace.templates)
        templates.append(templateToJson(responseTemplate));
    const WorkspaceLoad load = parseWorkspace(
        QJsonDocument(QJsonObject {{QStringLiteral("version"), 1}, {QStringLiteral("templates"), templates}}).toJson());
    EXPECT_TRUE(load.workspace.has_value()) << describe(load.errors);
}

} // namespace
