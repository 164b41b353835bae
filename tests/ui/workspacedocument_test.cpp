// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace/workspacedocument.h"

#include "workspace/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace dockside;

TEST(WorkspaceDocument, EditsMarkModifiedAndSavingClearsIt)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    QSignalSpy modified(&document, &ui::WorkspaceDocument::modifiedChanged);
    QSignalSpy templates(&document, &ui::WorkspaceDocument::templatesChanged);
    EXPECT_FALSE(document.isModified());

    workspace::ResponseTemplate changed = document.workspace().templates.first();
    changed.delayMs = 250;
    document.putTemplate(changed);
    EXPECT_TRUE(document.isModified());
    EXPECT_EQ(templates.count(), 1);
    EXPECT_EQ(document.workspace().templates.first().delayMs, 250);

    QString error;
    EXPECT_FALSE(document.save(&error)) << "the sample has no file yet";
    EXPECT_FALSE(error.isEmpty());

    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("saved.dockside.json"));
    ASSERT_TRUE(document.saveAs(fileName, &error)) << error.toStdString();
    EXPECT_FALSE(document.isModified());
    EXPECT_EQ(document.fileName(), fileName);
    EXPECT_EQ(modified.count(), 2);

    const workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
    ASSERT_TRUE(load.workspace);
    EXPECT_EQ(load.workspace->templates.first().delayMs, 250);
}

TEST(WorkspaceDocument, AnUnchangedValueIsNotAnEdit)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    document.setRules(document.workspace().rules);
    document.setContacts(document.workspace().contacts);
    EXPECT_FALSE(document.isModified());
}

TEST(WorkspaceDocument, PutTemplateAppendsANewId)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    const qsizetype before = document.workspace().templates.size();
    workspace::ResponseTemplate added;
    added.id = QStringLiteral("brand-new");
    added.body = QByteArrayLiteral("{}");
    document.putTemplate(added);
    EXPECT_EQ(document.workspace().templates.size(), before + 1);
    ASSERT_NE(document.workspace().findTemplate(QStringLiteral("brand-new")), nullptr);
}
