// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/jsonview.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <functional>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

template<typename T> T *child(const QObject &parent, const char *objectName)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(objectName));
    EXPECT_NE(found, nullptr) << "no child named " << objectName;
    return found;
}

// No settings, no keychain, no endpoint: a window that touches nothing outside the test.
ui::MainWindowOptions quietOptions()
{
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    return options;
}

QString labelText(const MainWindow &window, const char *objectName)
{
    const auto *label = child<QLabel>(window, objectName);
    return label ? label->text() : QString();
}

} // namespace

TEST(MainWindow, ShowsTheSampleWorkspace)
{
    MainWindow window(seedAnswersWorkspace(), {}, quietOptions());
    EXPECT_EQ(labelText(window, "workspaceStatusLabel"), QStringLiteral("Seed answers · 7 templates"));
    EXPECT_EQ(window.windowTitle(), QStringLiteral("Seed answers[*] — Dockside"));
    EXPECT_FALSE(window.isWindowModified());
    EXPECT_EQ(window.currentTemplateId(), QStringLiteral("default"));
    // Every part of the workspace has its page.
    auto *pages = child<QTabWidget>(window, "pages");
    ASSERT_NE(pages, nullptr);
    QStringList titles;
    for (int page = 0; page < pages->count(); ++page)
        titles.append(pages->tabText(page));
    EXPECT_EQ(titles,
              (QStringList {QStringLiteral("Workbench"), QStringLiteral("Templates"), QStringLiteral("Rules"),
                            QStringLiteral("Contacts"), QStringLiteral("Default Assistant"),
                            QStringLiteral("Scenarios"), QStringLiteral("Burst"), QStringLiteral("Routing")}));
}

TEST(MainWindow, EveryMenuActionHasAStatusTipAndTheUsualShortcutsExist)
{
    MainWindow window(seedAnswersWorkspace(), {}, quietOptions());
    QHash<QString, QKeySequence> shortcuts;
    const std::function<void(const QMenu *)> visit = [&](const QMenu *menu) {
        for (const QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            if (action->menu()) {
                visit(action->menu());
                continue;
            }
            EXPECT_FALSE(action->statusTip().isEmpty()) << action->objectName().toStdString();
            if (!action->shortcut().isEmpty())
                shortcuts.insert(action->objectName(), action->shortcut());
        }
    };
    for (const QAction *menuAction : window.menuBar()->actions()) {
        ASSERT_NE(menuAction->menu(), nullptr);
        visit(menuAction->menu());
    }
    EXPECT_EQ(shortcuts.value(QStringLiteral("findAction")), QKeySequence(QKeySequence::Find));
    EXPECT_EQ(shortcuts.value(QStringLiteral("sendAction")), QKeySequence(Qt::CTRL | Qt::Key_Return));
    EXPECT_EQ(shortcuts.value(QStringLiteral("saveAction")), QKeySequence(QKeySequence::Save));
    EXPECT_EQ(shortcuts.value(QStringLiteral("startStopAction")), QKeySequence(Qt::Key_F5));
    EXPECT_EQ(shortcuts.value(QStringLiteral("openWorkspaceAction")), QKeySequence(QKeySequence::Open));
    // One shortcut, one action: a clash would make Qt ignore both.
    QSet<QKeySequence> unique;
    for (const QKeySequence &sequence : std::as_const(shortcuts))
        unique.insert(sequence);
    EXPECT_EQ(unique.size(), shortcuts.size());
}

// Edit > Find lands in the search box of the page on show, whatever the box is called.
TEST(MainWindow, FindFocusesTheCurrentPagesSearchField)
{
    MainWindow window(seedAnswersWorkspace(), {}, quietOptions());
    window.show();
    QApplication::setActiveWindow(&window);
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    auto *find = window.findChild<QAction *>(QStringLiteral("findAction"));
    ASSERT_NE(pages, nullptr);
    ASSERT_NE(find, nullptr);
    const QHash<int, QString> searchFields {{0, QStringLiteral("timelineSearch")},
                                            {1, QStringLiteral("templateSearch")},
                                            {2, QStringLiteral("rulesFilter")},
                                            {3, QStringLiteral("contactsSearch")},
                                            {5, QStringLiteral("scenarioSearch")}};
    for (auto it = searchFields.cbegin(); it != searchFields.cend(); ++it) {
        pages->setCurrentIndex(it.key());
        find->trigger();
        const QWidget *focus = QApplication::focusWidget();
        ASSERT_NE(focus, nullptr) << it.value().toStdString();
        EXPECT_EQ(focus->objectName(), it.value());
    }
}

TEST(MainWindow, OpensAWorkspaceFile)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString fileName = directory.filePath(QStringLiteral("small.dockside.json"));
    QFile file(fileName);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "name": "Small", "templates": [
        {"id": "down", "name": "Down", "status": 503, "body": {}}]})");
    file.close();

    MainWindow window(seedAnswersWorkspace(), {}, quietOptions());
    ASSERT_TRUE(window.openWorkspaceFile(fileName));
    EXPECT_EQ(window.workspace().name, QStringLiteral("Small"));
    EXPECT_EQ(window.workspaceFileName(), fileName);
    EXPECT_EQ(window.currentTemplateId(), QStringLiteral("down"));
    EXPECT_EQ(labelText(window, "workspaceStatusLabel"), QStringLiteral("Small · 1 template"));
    EXPECT_EQ(window.windowTitle(), QStringLiteral("Small[*] — Dockside"));
}

TEST(MainWindow, KeepsTheWorkspaceWhenAFileFailsToLoad)
{
    MainWindow window(seedAnswersWorkspace(), {}, quietOptions());
    ASSERT_TRUE(window.selectTemplate(QStringLiteral("reject")));
    const QString missing = QStringLiteral("/nonexistent/missing.dockside.json");
    EXPECT_FALSE(window.openWorkspaceFile(missing));
    EXPECT_EQ(window.workspace().name, QStringLiteral("Seed answers"));
    EXPECT_EQ(window.currentTemplateId(), QStringLiteral("reject"));

    auto *box = child<QMessageBox>(window, "workspaceLoadErrorBox");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->informativeText().startsWith(missing + QStringLiteral(": $: Cannot read the file")))
        << box->informativeText().toStdString();
    box->close();
}
