// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "exchange/exchangedetailview.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutsdialog.h"
#include "outcome/calloutcomeview.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "timeline/timelineview.h"
#include "windowtesting.h"

#include "history/historyreader.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QShortcut>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

// A key pressed where the focus is, as on a real keyboard.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    if (target == nullptr)
        target = QApplication::activeWindow();
    ASSERT_NE(target, nullptr) << "nothing has the keyboard";
    QTest::keyClick(target, key, modifiers);
}

void type(const QString &text)
{
    QWidget *target = QApplication::focusWidget();
    ASSERT_NE(target, nullptr) << "nothing has the keyboard";
    QTest::keyClicks(target, text);
}

bool isInside(const QWidget *widget, const QWidget *ancestor)
{
    return widget != nullptr && ancestor != nullptr && (widget == ancestor || ancestor->isAncestorOf(widget));
}

int rowsOfCaller(const QString &historyPath, const QString &number)
{
    history::HistoryReader reader;
    QString error;
    if (!reader.open(historyPath, &error))
        return -1;
    int rows = 0;
    for (const history::ExchangeSummary &row : reader.page({}, 0, 100, Qt::AscendingOrder))
        rows += row.callerNumber == number ? 1 : 0;
    return rows;
}

} // namespace

// Compose, send, open the exchange and replay it with the keyboard alone: no click, no direct call.
TEST(Keyboard, ComposeSendOpenTheExchangeAndReplayWithKeysOnly)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_keyboard")));
    ASSERT_TRUE(windowtest::showActive(window));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));

    // Compose: Alt+U lands in the URL field, Tab walks the composer's form to the caller's number.
    press(Qt::Key_U, Qt::AltModifier);
    auto *url = window.composer()->findChild<QLineEdit *>(QStringLiteral("composerUrl"));
    ASSERT_NE(url, nullptr);
    ASSERT_EQ(QApplication::focusWidget(), url);
    auto *caller = window.composer()->findChild<QLineEdit *>(QStringLiteral("composerCaller"));
    ASSERT_NE(caller, nullptr);
    QStringList visited;
    for (int step = 0; step < 25 && QApplication::focusWidget() != caller; ++step) {
        press(Qt::Key_Tab);
        const QWidget *focus = QApplication::focusWidget();
        ASSERT_TRUE(isInside(focus, window.composer()))
            << "Tab left the composer before its form, at " << visited.join(QStringLiteral(" → ")).toStdString();
        visited.append(focus->objectName().isEmpty() ? QString::fromLatin1(focus->metaObject()->className())
                                                     : focus->objectName());
    }
    ASSERT_EQ(QApplication::focusWidget(), caller) << visited.join(QStringLiteral(" → ")).toStdString();
    const QString number = QStringLiteral("+31600011122");
    press(Qt::Key_A, Qt::ControlModifier);
    type(number);
    ASSERT_EQ(caller->text(), number);

    // Send.
    press(Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, 10000));
    ASSERT_TRUE(window.composer()->lastResult()->answered());
    const QString historyPath = window.endpoint()->historyPath();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rowsOfCaller(historyPath, number) == 2; }, 10000));

    // Open the exchange: Ctrl+G selects the newest and puts the keyboard in the timeline; the detail follows it.
    auto *table = window.timeline()->findChild<QTableView *>(QStringLiteral("timelineTable"));
    ASSERT_NE(table, nullptr);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            press(Qt::Key_G, Qt::ControlModifier);
            return window.detail()->hasExchange() && table->model()->rowCount() == 2;
        },
        10000));
    EXPECT_EQ(QApplication::focusWidget(), table);
    // Down and Up move between the exchanges, and the detail shows each.
    const qint64 newest = window.detail()->exchangeId();
    press(Qt::Key_Down);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.detail()->exchangeId() != newest; }, 5000));
    press(Qt::Key_Up);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.detail()->exchangeId() == newest; }, 5000));
    // Ctrl+Alt+2: its outcome tab, with the call's outcome.
    press(Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
    EXPECT_EQ(window.detail()->tabs()->currentIndex(), static_cast<int>(ui::ExchangeDetailView::OutcomeTab));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.detail()->outcomeView()->hasOutcome(); }, 5000));

    // Replay: Ctrl+R from the timeline loads it into the composer, Ctrl+Enter sends it again.
    table->setFocus(Qt::OtherFocusReason); // the tab shortcut kept the focus where it was; this only makes sure
    press(Qt::Key_R, Qt::ControlModifier);
    auto *json = window.composer()->findChild<QPlainTextEdit *>(QStringLiteral("composerJson"));
    ASSERT_NE(json, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return json->isReadOnly() && json->toPlainText().contains(number); }, 5000));
    press(Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rowsOfCaller(historyPath, number) == 4; }, 10000));

    // "Stop replaying" is a link: Tab reaches it and Enter follows it.
    auto *note = window.composer()->findChild<QLabel *>(QStringLiteral("composerReplayNote"));
    ASSERT_NE(note, nullptr);
    ASSERT_TRUE(note->isVisible());
    json->setFocus(Qt::OtherFocusReason);
    for (int step = 0; step < 10 && QApplication::focusWidget() != note; ++step)
        press(Qt::Key_Tab, Qt::ShiftModifier);
    ASSERT_EQ(QApplication::focusWidget(), note);
    press(Qt::Key_Tab, Qt::ShiftModifier); // within the note, the next Tab selects its link
    ASSERT_EQ(QApplication::focusWidget(), note);
    press(Qt::Key_Return);
    EXPECT_FALSE(json->isReadOnly());
    EXPECT_FALSE(note->isVisible());
}

// Tab goes through the workbench in reading order: composer, endpoint, timeline, detail, and never back.
TEST(Keyboard, TabOrderFollowsTheWorkbenchsReadingOrder)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_keyboard")));
    ASSERT_TRUE(windowtest::showActive(window));
    // One exchange, so the timeline and the detail have rows and tabs to visit.
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    press(Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            window.timeline()->selectNewest();
            return window.detail()->hasExchange();
        },
        10000));
    const QList<const QWidget *> regions {window.composer(),
                                          window.findChild<QWidget *>(QStringLiteral("endpointPanel")),
                                          window.timeline(), window.detail()};
    for (const QWidget *region : regions)
        ASSERT_NE(region, nullptr);
    const auto regionOf = [&](const QWidget *widget) {
        for (int i = 0; i < regions.size(); ++i) {
            if (isInside(widget, regions.at(i)))
                return i;
        }
        return -1;
    };
    press(Qt::Key_U, Qt::AltModifier);
    ASSERT_EQ(regionOf(QApplication::focusWidget()), 0);
    int region = 0;
    QList<int> seen {0};
    QStringList path;
    for (int step = 0; step < 200 && region != 3; ++step) {
        press(Qt::Key_Tab);
        const QWidget *focus = QApplication::focusWidget();
        ASSERT_NE(focus, nullptr);
        path.append(focus->objectName().isEmpty() ? QString::fromLatin1(focus->metaObject()->className())
                                                  : focus->objectName());
        const int now = regionOf(focus);
        if (now < 0)
            continue; // the page tabs and the status bar lie outside the four panels
        ASSERT_GE(now, region) << "Tab went back from panel " << region << " to " << now << ": "
                               << path.join(QStringLiteral(" → ")).toStdString();
        region = now;
        if (!seen.contains(now))
            seen.append(now);
    }
    EXPECT_EQ(seen, (QList<int> {0, 1, 2, 3})) << path.join(QStringLiteral(" → ")).toStdString();
}

// Help ▸ Keyboard Shortcuts lists what the window's actions are, not a list written by hand.
TEST(Keyboard, TheShortcutsWindowListsEveryShortcutOfTheWindowAndSearches)
{
    MainWindow window(workspace::builtinSampleWorkspace(), {}, [] {
        ui::MainWindowOptions options;
        options.environmentSecret = QByteArray("");
        return options;
    }());
    ASSERT_TRUE(windowtest::showActive(window));
    auto *help = window.findChild<QAction *>(QStringLiteral("keyboardShortcutsAction"));
    ASSERT_NE(help, nullptr);
    EXPECT_EQ(help->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Slash));
    press(Qt::Key_Slash, Qt::ControlModifier);
    auto *dialog = window.findChild<ui::ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return QApplication::activeWindow() == dialog; }, 5000))
        << (QApplication::activeWindow() ? QApplication::activeWindow()->objectName().toStdString() : "none");
    ASSERT_NE(QApplication::focusWidget(), nullptr);
    EXPECT_EQ(QApplication::focusWidget(), dialog->searchField())
        << QApplication::focusWidget()->metaObject()->className() << " "
        << QApplication::focusWidget()->objectName().toStdString() << " active "
        << (QApplication::activeWindow() ? QApplication::activeWindow()->objectName().toStdString() : "none");

    QAbstractItemModelTester tester(dialog->table()->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    const QList<ui::ShortcutEntry> entries = ui::collectShortcuts(window);
    const auto listed = [&](const QString &keys, const QString &whereContains) {
        for (const ui::ShortcutEntry &entry : entries) {
            if (entry.keys.split(QStringLiteral(", ")).contains(keys) && entry.where.contains(whereContains))
                return true;
        }
        return false;
    };
    // Every action of the window with a shortcut, wherever it sits (menus, the timeline, the detail), is listed
    // with its keys, and nothing without one.
    int withShortcut = 0;
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->associatedObjects().isEmpty())
            continue;
        ++withShortcut;
        EXPECT_TRUE(listed(action->shortcut().toString(QKeySequence::NativeText), QString()))
            << action->objectName().toStdString();
    }
    EXPECT_GE(entries.size(), withShortcut);
    EXPECT_TRUE(listed(QStringLiteral("Ctrl+Return"), QStringLiteral("Composer menu")));
    EXPECT_TRUE(listed(QStringLiteral("Ctrl+R"), QStringLiteral("Workbench ▸ Timeline")));
    EXPECT_TRUE(listed(QStringLiteral("Ctrl+Shift+L"), QStringLiteral("Workbench ▸ Timeline")));
    EXPECT_TRUE(listed(QStringLiteral("Shift+F10"), QStringLiteral("Workbench ▸ Timeline")));
    EXPECT_TRUE(listed(QStringLiteral("Ctrl+Space"), QStringLiteral("Templates")));
    EXPECT_TRUE(listed(QStringLiteral("Ctrl+/"), QStringLiteral("Help menu")));

    // A new action shows up the next time the window opens: the list is read, not written.
    auto *extra = new QAction(QStringLiteral("Extra &Thing"), &window);
    extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_X));
    window.timeline()->addAction(extra);
    dialog->refresh();
    const int all = dialog->table()->model()->rowCount();
    EXPECT_EQ(all, static_cast<int>(ui::collectShortcuts(window).size()));

    // Typing searches the list.
    type(QStringLiteral("extra thing"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog->table()->model()->rowCount() == 1; }, 2000))
        << dialog->table()->model()->rowCount();
    const QAbstractItemModel *model = dialog->table()->model();
    EXPECT_EQ(model->index(0, ui::ShortcutTableModel::ActionColumn).data().toString(), QStringLiteral("Extra Thing"));
    EXPECT_EQ(model->index(0, ui::ShortcutTableModel::KeysColumn).data().toString(), QStringLiteral("Ctrl+Alt+X"));
    EXPECT_EQ(model->index(0, ui::ShortcutTableModel::WhereColumn).data().toString(),
              QStringLiteral("Workbench ▸ Timeline"));
    press(Qt::Key_A, Qt::ControlModifier);
    type(QStringLiteral("replay"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() >= 1 && model->rowCount() < all; }, 2000));
}

// No page has a control Tab cannot reach or cannot leave: Tab from the page tabs goes round every visible control of
// each page and back (a JSON editor, where Tab indents, is left with Ctrl+Tab).
TEST(Keyboard, TabReachesAndLeavesEveryControlOnEveryPage)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_keyboard")));
    window.resize(1400, 900);
    ASSERT_TRUE(windowtest::showActive(window));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    press(Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            window.timeline()->selectNewest();
            return window.detail()->hasExchange();
        },
        10000));
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    ASSERT_NE(pages, nullptr);
    const auto nameOf = [](const QWidget *widget) {
        return widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                              : widget->objectName();
    };
    for (int index = 0; index < pages->count(); ++index) {
        pages->setCurrentIndex(index);
        QWidget *page = pages->widget(index);
        pages->tabBar()->setFocus(Qt::TabFocusReason);
        QSet<const QWidget *> visited;
        QStringList path;
        for (int step = 0; step < 400; ++step) {
            const QWidget *before = QApplication::focusWidget();
            press(Qt::Key_Tab);
            // A date edit's Tab goes through its sections first (day, month, year, hour, minute), then on.
            for (int section = 0; section < 8 && QApplication::focusWidget() == before; ++section)
                press(Qt::Key_Tab);
            if (QApplication::focusWidget() == before)
                press(Qt::Key_Tab, Qt::ControlModifier);
            const QWidget *focus = QApplication::focusWidget();
            ASSERT_NE(focus, nullptr);
            ASSERT_NE(focus, before) << "Tab and Ctrl+Tab cannot leave " << nameOf(focus).toStdString() << " on page "
                                     << pages->tabText(index).toStdString();
            if (focus == pages->tabBar())
                break; // round the page and back
            visited.insert(focus);
            path.append(nameOf(focus));
        }
        QStringList missed;
        for (const QWidget *widget : page->findChildren<QWidget *>()) {
            if (!widget->isVisible() || !widget->isEnabled() || !(widget->focusPolicy() & Qt::TabFocus) ||
                widget->focusProxy() != nullptr || visited.contains(widget))
                continue;
            missed.append(nameOf(widget) + QStringLiteral(" in ") + nameOf(widget->parentWidget()));
        }
        EXPECT_TRUE(missed.isEmpty()) << "page " << pages->tabText(index).toStdString() << ": Tab never reached "
                                      << missed.join(QStringLiteral(", ")).toStdString() << "\n after "
                                      << path.join(QStringLiteral(" → ")).toStdString();
    }
}
