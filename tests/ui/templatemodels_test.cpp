// SPDX-License-Identifier: GPL-3.0-or-later

#include "fixtures.h"
#include "qtprinters.h"
#include "templates/templatelistmodel.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::TemplateListModel;

TEST(TemplateListModel, PassesTheModelTesterThroughResets)
{
    TemplateListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTemplates(seedAnswersWorkspace().templates);
    model.setTemplates({});
    model.setTemplates(seedAnswersWorkspace().templates);
    EXPECT_EQ(model.rowCount(), 7);
    EXPECT_EQ(model.columnCount(), TemplateListModel::NUM_COLUMNS);
}

TEST(TemplateListModel, ExposesTemplateFieldsThroughRoles)
{
    workspace::ResponseTemplate slow;
    slow.id = QStringLiteral("slow");
    slow.name = QStringLiteral("Slow answer");
    slow.description = QStringLiteral("Waits before answering.");
    slow.status = 503;
    slow.delayMs = 1500;
    TemplateListModel model;
    model.setTemplates({slow});

    const QModelIndex name = model.index(0, TemplateListModel::NameColumn);
    EXPECT_EQ(name.data().toString(), QStringLiteral("Slow answer"));
    EXPECT_EQ(name.data(Qt::ToolTipRole).toString(), QStringLiteral("Waits before answering."));
    EXPECT_EQ(name.data(TemplateListModel::IdRole).toString(), QStringLiteral("slow"));
    EXPECT_EQ(name.data(TemplateListModel::DescriptionRole).toString(), QStringLiteral("Waits before answering."));
    EXPECT_EQ(name.data(TemplateListModel::StatusRole).toInt(), 503);
    EXPECT_EQ(name.data(TemplateListModel::DelayMsRole).toInt(), 1500);
    EXPECT_EQ(model.index(0, TemplateListModel::StatusColumn).data().toInt(), 503);
    EXPECT_EQ(model.index(0, TemplateListModel::DelayColumn).data().toString(), QStringLiteral("1500 ms"));
    EXPECT_EQ(model.headerData(TemplateListModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Template"));
}

TEST(TemplateListModel, FindsTemplatesById)
{
    TemplateListModel model;
    model.setTemplates(seedAnswersWorkspace().templates);
    const QModelIndex reject = model.indexOfId(QStringLiteral("reject"));
    ASSERT_TRUE(reject.isValid());
    EXPECT_EQ(model.templateAt(reject.row()).id, QStringLiteral("reject"));
    EXPECT_FALSE(model.indexOfId(QStringLiteral("no-such-template")).isValid());
    EXPECT_TRUE(model.templateAt(99).id.isEmpty());
}
