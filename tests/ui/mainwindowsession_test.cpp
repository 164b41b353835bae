// SPDX-License-Identifier: GPL-3.0-or-later

#include "calls/callview.h"
#include "composer/composerpanel.h"
#include "exchange/exchangedetailview.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "theme/theme.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"
#include "windowtesting.h"
#include "workspace/workspacedocument.h"

#include "contract/defaultassistant.h"
#include "history/historyreader.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPalette>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

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

ui::MainWindowOptions rememberingOptions()
{
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    options.useSettings = true;
    return options;
}

QMenu *themeMenu(const MainWindow &window)
{
    return window.menuBar()->findChild<QMenu *>(QStringLiteral("themeMenu"));
}

// Clicks the item in View ▸ Theme as a user would, with the submenu open.
void chooseTheme(const MainWindow &window, const char *actionName)
{
    QMenu *menu = themeMenu(window);
    ASSERT_NE(menu, nullptr);
    QAction *action = child<QAction>(window, actionName);
    ASSERT_NE(action, nullptr);
    ASSERT_TRUE(menu->actions().contains(action));
    menu->popup(window.mapToGlobal(QPoint(40, 40)));
    ASSERT_TRUE(QTest::qWaitForWindowExposed(menu));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    ASSERT_TRUE(QTest::qWaitFor([menu] { return !menu->isVisible(); }, 2000));
    EXPECT_TRUE(action->isChecked());
}

bool windowColourIsDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

// Answers every assistant-request with a greeting over the built-in default assistant, which lists all four
// webhook events: a whole call then sends every step.
workspace::Workspace wholeCallWorkspace()
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(R"({
      "version": 1,
      "name": "Whole call",
      "templates": [{"id": "greet", "body": {"assistant": {"first_message": "Hello, you reached the whole-call test."},
                                             "max_duration_seconds": 300}}],
      "fallback_template": "greet"
    })");
    EXPECT_TRUE(load.workspace.has_value());
    workspace::Workspace workspace = load.workspace.value_or(workspace::Workspace {});
    workspace.defaultAssistant = contract::builtinDefaultAssistant();
    return workspace;
}

} // namespace

TEST(MainWindowSession, SplittersAndTimelineColumnsComeBackInTheNextWindow)
{
    windowtest::ScratchSettings settings(QStringLiteral("window-session"));
    QList<int> workbench;
    QList<int> top;
    QList<int> bottom;
    int callerWidth = 0;
    int latencyWidth = 0;
    {
        MainWindow window(seedAnswersWorkspace(), {}, rememberingOptions());
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        auto *workbenchSplitter = child<QSplitter>(window, "workbenchSplitter");
        auto *topSplitter = child<QSplitter>(window, "topSplitter");
        auto *bottomSplitter = child<QSplitter>(window, "bottomSplitter");
        ASSERT_TRUE(workbenchSplitter && topSplitter && bottomSplitter);
        // Sizes unlike the first-start ones, as a user dragging the handles would leave them.
        const auto drag = [](QSplitter *splitter, double firstShare) {
            const QList<int> sizes = splitter->sizes();
            const int total = sizes.value(0) + sizes.value(1);
            const int first = static_cast<int>(total * firstShare);
            splitter->setSizes({first, total - first});
            return splitter->sizes();
        };
        workbench = drag(workbenchSplitter, 0.62);
        top = drag(topSplitter, 0.55);
        bottom = drag(bottomSplitter, 0.7);
        QTableView *table = window.timeline()->tableView();
        table->setColumnWidth(ui::TimelineModel::CallerColumn, 211);
        table->setColumnWidth(ui::TimelineModel::LatencyColumn, 187);
        callerWidth = table->columnWidth(ui::TimelineModel::CallerColumn);
        latencyWidth = table->columnWidth(ui::TimelineModel::LatencyColumn);
        auto *callerFilter = child<QLineEdit>(window, "timelineCallerFilter");
        ASSERT_NE(callerFilter, nullptr);
        callerFilter->setText(QStringLiteral("+3161"));
        ASSERT_TRUE(window.close());
    }
    // Written where the test put it, not in the user's configuration.
    EXPECT_TRUE(QSettings().fileName().startsWith(settings.directory())) << QSettings().fileName().toStdString();
    EXPECT_TRUE(QSettings().contains(QStringLiteral("window/topSplitter")));

    MainWindow next(seedAnswersWorkspace(), {}, rememberingOptions());
    next.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&next));
    EXPECT_EQ(child<QSplitter>(next, "workbenchSplitter")->sizes(), workbench);
    EXPECT_EQ(child<QSplitter>(next, "topSplitter")->sizes(), top);
    EXPECT_EQ(child<QSplitter>(next, "bottomSplitter")->sizes(), bottom);
    const QTableView *table = next.timeline()->tableView();
    EXPECT_EQ(table->columnWidth(ui::TimelineModel::CallerColumn), callerWidth);
    EXPECT_EQ(table->columnWidth(ui::TimelineModel::LatencyColumn), latencyWidth);
    EXPECT_EQ(child<QLineEdit>(next, "timelineCallerFilter")->text(), QStringLiteral("+3161"));
    EXPECT_EQ(next.timeline()->filter().caller, QStringLiteral("+3161"));
}

TEST(MainWindowSession, WithoutRememberedSettingsTheWindowWritesNothing)
{
    windowtest::ScratchSettings settings(QStringLiteral("window-session"));
    {
        ui::MainWindowOptions options = rememberingOptions();
        options.useSettings = false;
        MainWindow window(seedAnswersWorkspace(), {}, options);
        window.show();
        ASSERT_TRUE(window.close());
    }
    EXPECT_TRUE(QSettings().allKeys().isEmpty()) << QSettings().allKeys().join(QLatin1Char(' ')).toStdString();
}

TEST(MainWindowSession, TheThemeMenuSwitchesThePaletteAndIsRemembered)
{
    windowtest::ScratchSettings settings(QStringLiteral("window-session"));
    const QPalette before = QApplication::palette();
    // A light desktop, whatever machine runs the test: the offscreen platform's palette, no dark GTK theme, and
    // GNOME's settings from memory (their default is no preference).
    if (before.color(QPalette::Window).lightness() < 128)
        GTEST_SKIP() << "the platform's own palette is dark here";
    const QByteArray gtkTheme = qgetenv("GTK_THEME");
    const QByteArray gsettingsBackend = qgetenv("GSETTINGS_BACKEND");
    qunsetenv("GTK_THEME");
    qputenv("GSETTINGS_BACKEND", "memory");
    {
        MainWindow window(seedAnswersWorkspace(), {}, rememberingOptions());
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        // A fresh settings scope follows the system.
        EXPECT_TRUE(child<QAction>(window, "systemThemeAction")->isChecked());
        const QTableView *table = window.timeline()->tableView();

        chooseTheme(window, "darkThemeAction");
        EXPECT_TRUE(windowColourIsDark());
        EXPECT_TRUE(ui::isDarkPalette());
        // Widgets take the application's palette as its change event reaches them.
        EXPECT_TRUE(QTest::qWaitFor([table] { return table->palette().color(QPalette::Base).lightness() < 128; }, 2000))
            << "the timeline follows the application's palette";
        EXPECT_GT(table->palette().color(QPalette::Text).lightness(), 128);
        EXPECT_EQ(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));

        // From dark to the system: the desktop is light, whatever Dockside's own palette was a moment ago.
        chooseTheme(window, "systemThemeAction");
        EXPECT_FALSE(windowColourIsDark());
        EXPECT_FALSE(ui::systemPrefersDark());
        EXPECT_EQ(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("system"));

        chooseTheme(window, "darkThemeAction");
        chooseTheme(window, "lightThemeAction");
        EXPECT_FALSE(windowColourIsDark());
        EXPECT_EQ(QApplication::palette().color(QPalette::Base),
                  QApplication::style()->standardPalette().color(QPalette::Base));
        EXPECT_TRUE(
            QTest::qWaitFor([table] { return table->palette().color(QPalette::Base).lightness() > 128; }, 2000));
        EXPECT_LT(table->palette().color(QPalette::Text).lightness(), 128);

        chooseTheme(window, "darkThemeAction");
        ASSERT_TRUE(window.close());
    }
    // The next window shows the remembered choice ticked.
    MainWindow next(seedAnswersWorkspace(), {}, rememberingOptions());
    EXPECT_TRUE(child<QAction>(next, "darkThemeAction")->isChecked());
    EXPECT_FALSE(child<QAction>(next, "systemThemeAction")->isChecked());
    QApplication::setPalette(before);
    if (gtkTheme.isNull())
        qunsetenv("GTK_THEME");
    else
        qputenv("GTK_THEME", gtkTheme);
    if (gsettingsBackend.isNull())
        qunsetenv("GSETTINGS_BACKEND");
    else
        qputenv("GSETTINGS_BACKEND", gsettingsBackend);
}

TEST(MainWindowSession, CtrlShiftEnterPlaysTheWholeCallIntoTheTimeline)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(wholeCallWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_whole_call")));
    ASSERT_TRUE(windowtest::showActive(window));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    ASSERT_EQ(window.composer()->targetUrl(), window.endpoint()->url());

    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_TRUE(window.composer()->isBusy()) << "the shortcut started the call";
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.composer()->isBusy(); }, 20000));
    ASSERT_TRUE(window.composer()->lastResult().has_value());
    EXPECT_EQ(window.composer()->lastResult()->outcome->spokenFirst,
              QStringLiteral("Hello, you reached the whole-call test."));

    // The call's five events (the form's tool call included), each once from the composer and once at the endpoint.
    const QStringList expectedEvents {QStringLiteral("assistant-request"), QStringLiteral("status-update"),
                                      QStringLiteral("tool-calls"), QStringLiteral("status-update"),
                                      QStringLiteral("end-of-call-report")};
    const ui::TimelineModel *model = window.timeline()->model();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return model->rowCount() == 2 * expectedEvents.size() && !model->isLoading() && model->idAt(0) > 0; },
        10000))
        << model->rowCount();
    QStringList inbound;
    QStringList outbound;
    // The timeline is newest first; read it oldest first.
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const std::optional<history::ExchangeSummary> summary = model->summaryAt(row);
        ASSERT_TRUE(summary.has_value()) << row;
        EXPECT_EQ(summary->responseStatus, 200) << summary->eventType.toStdString();
        EXPECT_EQ(summary->callerNumber, QStringLiteral("+31612345678"));
        if (summary->direction == history::Direction::Inbound) {
            inbound.append(summary->eventType);
            EXPECT_EQ(summary->signatureStatus, QStringLiteral("valid")) << summary->eventType.toStdString();
        } else {
            outbound.append(summary->eventType);
        }
    }
    EXPECT_EQ(inbound, expectedEvents);
    EXPECT_EQ(outbound, expectedEvents);

    // The played call is shown whole: the composer's side of it, in order, on the Call tab.
    ui::ExchangeDetailView *detail = window.detail();
    ASSERT_TRUE(QTest::qWaitFor([&] { return detail->tabs()->currentWidget() == detail->callView(); }, 10000));
    const calls::CallTrack &track = detail->callView()->track();
    QStringList played;
    for (const calls::CallMark &mark : track.marks)
        played.append(mark.eventType);
    EXPECT_EQ(played, expectedEvents);
    EXPECT_EQ(track.direction, history::Direction::Outbound);
    EXPECT_FALSE(track.brokeOrder());

    // Save as Scenario: the call joins the workspace's scenarios, a step per event, each expecting its answer.
    detail->callView()->setNameAsker([](const QString &) { return QStringLiteral("Played call"); });
    detail->callView()->findChild<QToolButton *>(QStringLiteral("callSaveScenario"))->click();
    const QList<composer::Scenario> &scenarios = window.document()->workspace().scenarios;
    ASSERT_FALSE(scenarios.isEmpty());
    EXPECT_EQ(scenarios.constLast().id, QStringLiteral("played-call"));
    ASSERT_EQ(scenarios.constLast().steps.size(), expectedEvents.size());
    EXPECT_EQ(scenarios.constLast().steps.constFirst().expect.status, std::optional<int>(200));
    EXPECT_TRUE(window.document()->isModified());

    // One call: every event the endpoint captured carries the same call id.
    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(window.endpoint()->historyPath(), &error)) << error.toStdString();
    QSet<QString> callIds;
    for (const history::ExchangeSummary &row : reader.page({}, 0, 20, Qt::AscendingOrder)) {
        const std::optional<history::ExchangeRecord> record = reader.load(row.id);
        ASSERT_TRUE(record.has_value());
        callIds.insert(record->callId);
    }
    EXPECT_EQ(callIds.size(), 1) << QStringList(callIds.values()).join(QLatin1Char(' ')).toStdString();
}
