// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

// Every test works on copies, so tests/data is never written.
class CliWorkspace : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_directory.isValid()); }

    QString copy(const QString &relativePath, const QString &name = {})
    {
        const QString target = m_directory.filePath(name.isEmpty() ? QFileInfo(relativePath).fileName() : name);
        EXPECT_TRUE(QFile::copy(testData(relativePath), target)) << relativePath.toStdString();
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        return target;
    }

    QString path(const QString &name) const { return m_directory.filePath(name); }

    static QByteArray read(const QString &fileName)
    {
        QFile file(fileName);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << fileName.toStdString();
        return file.readAll();
    }

    static QStringList templateIds(const QByteArray &json)
    {
        const QJsonDocument document = QJsonDocument::fromJson(json);
        QStringList ids;
        for (const QJsonValue &entry : document.object().value(QStringLiteral("templates")).toArray())
            ids.append(entry.toObject().value(QStringLiteral("id")).toString());
        return ids;
    }

    QTemporaryDir m_directory;
};

TEST_F(CliWorkspace, TemplatesListShowsTheSampleOrAWorkspaceFile)
{
    const CliResult sample = runCli({QStringLiteral("templates"), QStringLiteral("list")});
    EXPECT_EQ(sample.exitCode, 0) << sample.err.toStdString();
    EXPECT_TRUE(sample.out.contains("fault-late            200     5100 ms  -            Fault: answers after"))
        << sample.out.toStdString();
    EXPECT_TRUE(sample.out.contains("fault-hang            200     -        hang")) << sample.out.toStdString();

    const CliResult seed = runCli({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("--workspace"),
                                   testData(QStringLiteral("workspaces/seed-answers.dockside.json"))});
    EXPECT_EQ(seed.exitCode, 0);
    EXPECT_EQ(seed.out.count('\n'), 8) << seed.out.toStdString(); // a header and the seven seed answers
    EXPECT_FALSE(seed.out.contains("fault-late"));
}

TEST_F(CliWorkspace, TemplatesExportChosenIdsToAFile)
{
    const QString output = path(QStringLiteral("pack.json"));
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("export"), QStringLiteral("reject"),
                                     QStringLiteral("fault-hang"), QStringLiteral("--output"), output});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("wrote 2 template(s)"));
    const QByteArray json = read(output);
    EXPECT_EQ(QJsonDocument::fromJson(json).object().value(QStringLiteral("dockside_templates")).toInt(), 1);
    EXPECT_EQ(templateIds(json), (QStringList {QStringLiteral("reject"), QStringLiteral("fault-hang")}));
}

TEST_F(CliWorkspace, TemplatesExportWithoutIdsWritesEveryTemplateToStandardOutput)
{
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("export"), QStringLiteral("-w"),
                                     testData(QStringLiteral("workspaces/seed-answers.dockside.json"))});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(templateIds(result.out).size(), 7) << result.out.toStdString();
}

TEST_F(CliWorkspace, TemplatesExportOfAnUnknownIdIsAnInputError)
{
    const QString output = path(QStringLiteral("pack.json"));
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("export"), QStringLiteral("reject"),
                                     QStringLiteral("nope"), QStringLiteral("-o"), output});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("no template \"nope\"")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("templates list"));
    EXPECT_FALSE(QFile::exists(output));
}

TEST_F(CliWorkspace, TemplatesImportAddsRenamesAndSavesInPlace)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const QStringList import {QStringLiteral("templates"), QStringLiteral("import"),
                              testData(QStringLiteral("workspaces/templates/support-pack.json")),
                              QStringLiteral("--workspace"), workspace};
    const CliResult result = runCli(import);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("added reject-2 (renamed from reject")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("added slow-greeting\n"));
    const QStringList ids = templateIds(read(workspace));
    EXPECT_EQ(ids.size(), 9);
    EXPECT_TRUE(ids.contains(QStringLiteral("reject-2")));
    EXPECT_TRUE(ids.contains(QStringLiteral("slow-greeting")));

    const CliResult list =
        runCli({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("-w"), workspace});
    EXPECT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.contains("Reject: holiday"));

    const QByteArray before = read(workspace);
    const CliResult again = runCli(import);
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_TRUE(again.out.contains("unchanged reject")) << again.out.toStdString();
    EXPECT_TRUE(again.out.contains("nothing to add"));
    EXPECT_EQ(read(workspace), before);
}

TEST_F(CliWorkspace, TemplatesImportOfABadFileChangesNothing)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const QByteArray before = read(workspace);
    const CliResult result =
        runCli({QStringLiteral("templates"), QStringLiteral("import"),
                testData(QStringLiteral("workspaces/templates/bad-templates.json")), QStringLiteral("-w"), workspace});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("bad-templates.json:7:16: $.templates[1].fault: ")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("bad-templates.json:9:12: $.templates[2].id: ")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("nothing was imported"));
    EXPECT_EQ(read(workspace), before);
}

TEST_F(CliWorkspace, TemplatesImportNeedsAWorkspaceFile)
{
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("import"),
                                     testData(QStringLiteral("workspaces/templates/single-template.json"))});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("--workspace FILE is required")) << result.err.toStdString();
}

TEST_F(CliWorkspace, ImportIntoAVersionZeroWorkspaceMigratesIt)
{
    const QString workspace = copy(QStringLiteral("workspaces/version0.dockside.json"));
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("import"),
                                     testData(QStringLiteral("workspaces/templates/single-template.json")),
                                     QStringLiteral("-w"), workspace});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("migrated from version 0; save to update the file")) << result.err.toStdString();
    const QJsonObject saved = QJsonDocument::fromJson(read(workspace)).object();
    EXPECT_EQ(saved.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_EQ(templateIds(read(workspace)),
              (QStringList {QStringLiteral("welcome"), QStringLiteral("maintenance"), QStringLiteral("slow-hang"),
                            QStringLiteral("teapot")}));

    const CliResult list =
        runCli({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("-w"), workspace});
    EXPECT_FALSE(list.err.contains("migrated")) << list.err.toStdString();
}

TEST_F(CliWorkspace, LoadErrorsNameFileLineColumnAndPath)
{
    const CliResult result = runCli({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("-w"),
                                     testData(QStringLiteral("workspaces/located-errors.dockside.json"))});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("located-errors.dockside.json:10:78: $.templates[1].status: "))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("located-errors.dockside.json:20:19: $.rules[0].conditions[0].zone: "));
    EXPECT_TRUE(result.err.contains("located-errors.dockside.json:29:55: $.contacts[1].vip: "));
}

TEST_F(CliWorkspace, ContactsImportSavesGoodRowsAndReportsBadOnes)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const CliResult result =
        runCli({QStringLiteral("contacts"), QStringLiteral("import"), testData(QStringLiteral("contacts/bad-rows.csv")),
                QStringLiteral("-w"), workspace});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("bad-rows.csv:3: column \"number\": Expected an E.164"))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("bad-rows.csv:4: column \"vip\": "));
    EXPECT_TRUE(result.err.contains("bad-rows.csv:5: column \"number\": "));
    EXPECT_TRUE(result.err.contains("bad-rows.csv:6: "));
    EXPECT_TRUE(result.out.contains("1 added, 0 updated")) << result.out.toStdString();

    const CliResult list =
        runCli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("-w"), workspace});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains("+31612345678      Good One")) << list.out.toStdString();
    EXPECT_EQ(list.out.count('\n'), 2);
}

TEST_F(CliWorkspace, ContactsImportStrictSavesNothingWhenARowIsBad)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const QByteArray before = read(workspace);
    const CliResult result =
        runCli({QStringLiteral("contacts"), QStringLiteral("import"), testData(QStringLiteral("contacts/bad-rows.csv")),
                QStringLiteral("-w"), workspace, QStringLiteral("--strict")});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains("nothing was saved (--strict)")) << result.err.toStdString();
    EXPECT_EQ(read(workspace), before);
}

TEST_F(CliWorkspace, ContactsImportFromJsonAddsOrReplaces)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const QStringList importCsv {QStringLiteral("contacts"), QStringLiteral("import"),
                                 testData(QStringLiteral("contacts/bad-rows.csv")), QStringLiteral("-w"), workspace};
    ASSERT_EQ(runCli(importCsv).exitCode, 0);

    const CliResult added =
        runCli({QStringLiteral("contacts"), QStringLiteral("import"),
                testData(QStringLiteral("contacts/six-contacts.json")), QStringLiteral("-w"), workspace});
    EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
    EXPECT_TRUE(added.out.contains("5 added, 1 updated, 0 unchanged; 6 contact(s)")) << added.out.toStdString();

    const QString smaller = path(QStringLiteral("two.json"));
    {
        QFile file(smaller);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(R"([{"number": "+31612345678", "name": "John Smith"}, {"number": "+3120555000", "name": "Desk"}])");
    }
    const CliResult replaced = runCli({QStringLiteral("contacts"), QStringLiteral("import"), smaller,
                                       QStringLiteral("-w"), workspace, QStringLiteral("--replace")});
    EXPECT_EQ(replaced.exitCode, 0) << replaced.err.toStdString();
    EXPECT_TRUE(replaced.out.contains("1 added, 1 updated, 0 unchanged, 5 removed; 2 contact(s)"))
        << replaced.out.toStdString();

    const CliResult json = runCli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--json"),
                                   QStringLiteral("-w"), workspace});
    const QJsonArray contacts = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(contacts.size(), 2) << json.out.toStdString();
    EXPECT_EQ(contacts.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Desk"));
}

TEST_F(CliWorkspace, ContactsImportOfBadJsonNamesLineAndPath)
{
    const QString workspace = copy(QStringLiteral("workspaces/seed-answers.dockside.json"), QStringLiteral("ws.json"));
    const QString contacts = path(QStringLiteral("contacts.json"));
    {
        QFile file(contacts);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(
            "[\n  {\"number\": \"+31612345678\"},\n  {\"number\": \"+31687654321\", \"vip\": \"sometimes\"}\n]\n");
    }
    const CliResult result =
        runCli({QStringLiteral("contacts"), QStringLiteral("import"), contacts, QStringLiteral("-w"), workspace});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("contacts.json:3:37: $[1].vip: ")) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("1 added")) << result.out.toStdString();
}

TEST_F(CliWorkspace, NewCommandsHaveHelp)
{
    for (const QStringList &command : {QStringList {QStringLiteral("templates"), QStringLiteral("list")},
                                       QStringList {QStringLiteral("templates"), QStringLiteral("export")},
                                       QStringList {QStringLiteral("templates"), QStringLiteral("import")},
                                       QStringList {QStringLiteral("contacts"), QStringLiteral("list")},
                                       QStringList {QStringLiteral("contacts"), QStringLiteral("import")}}) {
        const CliResult result = runCli(command + QStringList {QStringLiteral("--help")});
        EXPECT_EQ(result.exitCode, 0);
        EXPECT_TRUE(result.out.startsWith(QByteArray("Usage: dockside-cli " + command.join(QLatin1Char(' ')).toUtf8())))
            << result.out.toStdString();
    }
    const CliResult group = runCli({QStringLiteral("help"), QStringLiteral("templates")});
    EXPECT_EQ(group.exitCode, 0);
    EXPECT_TRUE(group.out.contains("  export ")) << group.out.toStdString();
    const CliResult unknown = runCli({QStringLiteral("contacts"), QStringLiteral("delete")});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains("unknown subcommand \"delete\""));
}

} // namespace
