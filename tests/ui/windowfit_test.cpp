// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/elidingcombobox.h"
#include "composer/composerpanel.h"
#include "exchange/exchangedetailview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/windowgeometry.h"
#include "qtprinters.h"
#include "scenarios/scenariotext.h"
#include "session/endpointhost.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"
#include "windowtesting.h"

#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <gtest/gtest.h>

// Rectangles as text in failures; local to this file.
QT_BEGIN_NAMESPACE
static void PrintTo(const QRect &rect, std::ostream *stream)
{
    *stream << rect.x() << ',' << rect.y() << ' ' << rect.width() << 'x' << rect.height();
}
QT_END_NAMESPACE

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

// A first start as the app makes it (remembered settings, a history, the endpoint running), on a given screen.
ui::MainWindowOptions firstStartOn(const QRect &screen, const QString &historyPath)
{
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    options.useSettings = true;
    options.historyPath = historyPath;
    options.startEndpoint = true;
    options.port = 0;
    options.screenArea = screen;
    return options;
}

// Widgets whose inside is their own business: a combo box's line edit, a tab bar's scroll buttons, a view's cells.
bool isInsideACompositeControl(const QWidget *widget, const QWidget *window)
{
    for (const QWidget *parent = widget->parentWidget(); parent && parent != window; parent = parent->parentWidget()) {
        if (qobject_cast<const QComboBox *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent) ||
            qobject_cast<const QLineEdit *>(parent) || qobject_cast<const QTabBar *>(parent) ||
            qobject_cast<const QAbstractItemView *>(parent) || qobject_cast<const QScrollBar *>(parent) ||
            qobject_cast<const QMenu *>(parent))
            return true;
    }
    return false;
}

QString plainText(const QLabel *label)
{
    if (label->textFormat() == Qt::PlainText || !Qt::mightBeRichText(label->text()))
        return label->text();
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

// What a user reads or operates: buttons, fields, lists, tab bars and labels with text.
bool isControl(const QWidget *widget)
{
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        return !plainText(label).trimmed().isEmpty();
    if (qobject_cast<const QScrollBar *>(widget) || qobject_cast<const QHeaderView *>(widget))
        return false;
    return qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QLineEdit *>(widget) ||
        qobject_cast<const QComboBox *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget) ||
        qobject_cast<const QTabBar *>(widget) || qobject_cast<const QAbstractScrollArea *>(widget);
}

QString describe(const QWidget *widget)
{
    QString name = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        name += QStringLiteral(" \"%1\"").arg(widget->objectName());
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        name += QStringLiteral(" «%1»").arg(plainText(label).left(60));
    else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        name += QStringLiteral(" «%1»").arg(button->text());
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (!parent->objectName().isEmpty() && !parent->objectName().startsWith(QLatin1String("qt_"))) {
            name += QStringLiteral(" in %1").arg(parent->objectName());
            break;
        }
    }
    return name;
}

bool isShown(const QWidget *widget, const QWidget *window)
{
    return widget->isVisibleTo(window) && widget->isVisible();
}

// Every problem with the window as laid out now: a control cut off by the container it sits in (a scroll area's
// content may scroll, nothing else), squeezed below the size its text needs, a word-wrapped text left a column a
// word or two wide, or two controls or panels side by side that overlap.
QStringList layoutProblems(const QWidget &window)
{
    QStringList problems;
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (!isShown(widget, &window) || widget->isWindow() || isInsideACompositeControl(widget, &window))
            continue;
        // Cut off: outside the rectangle of a parent, up to the window or the scroll area that scrolls it.
        const QWidget *inner = widget;
        QRect rect = widget->rect();
        for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
            if (parent->objectName() == QLatin1String("qt_scrollarea_viewport"))
                break; // what a scroll area holds may be larger than it: it scrolls
            rect.translate(inner->pos());
            if (!parent->rect().contains(rect)) {
                problems.append(QStringLiteral("%1 at %2,%3 %4x%5 is cut off by %6 (%7x%8)")
                                    .arg(describe(widget))
                                    .arg(rect.x())
                                    .arg(rect.y())
                                    .arg(rect.width())
                                    .arg(rect.height())
                                    .arg(describe(parent))
                                    .arg(parent->width())
                                    .arg(parent->height()));
                break;
            }
            if (parent == &window)
                break;
            inner = parent;
        }
        if (!isControl(widget))
            continue;
        const QSize minimum = widget->minimumSizeHint();
        if (widget->width() <= 0 || widget->height() <= 0)
            problems.append(QStringLiteral("%1 has no room (%2x%3)")
                                .arg(describe(widget))
                                .arg(widget->width())
                                .arg(widget->height()));
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            if (label->wordWrap()) {
                const int needed = label->heightForWidth(label->contentsRect().width()) +
                    (label->height() - label->contentsRect().height());
                if (label->height() < needed)
                    problems.append(QStringLiteral("%1 needs %2 px of height for its text, has %3")
                                        .arg(describe(widget))
                                        .arg(needed)
                                        .arg(label->height()));
                // A wrapped sentence needs a line of a word or two: twelve characters, or all of a shorter one.
                const QFontMetrics metrics = label->fontMetrics();
                const int readable =
                    std::min(metrics.horizontalAdvance(plainText(label)), metrics.averageCharWidth() * 12);
                if (label->contentsRect().width() < readable)
                    problems.append(QStringLiteral("%1 wraps into a column %2 px wide")
                                        .arg(describe(widget))
                                        .arg(label->contentsRect().width()));
                continue;
            }
        }
        if (const auto *tabBar = qobject_cast<const QTabBar *>(widget)) {
            // Every tab whole, with no scroll arrows needed to reach one.
            if (tabBar->count() > 0 &&
                (tabBar->tabRect(0).left() < 0 || tabBar->tabRect(tabBar->count() - 1).right() >= tabBar->width()))
                problems.append(QStringLiteral("%1 cannot show all of its %2 tabs in %3 px")
                                    .arg(describe(widget))
                                    .arg(tabBar->count())
                                    .arg(tabBar->width()));
            continue;
        }
        if (const auto *edit = qobject_cast<const QLineEdit *>(widget)) {
            // Room to read what is typed or asked for: eight characters, or all of a shorter hint.
            const QString hint = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
            const QFontMetrics metrics = edit->fontMetrics();
            const int readable =
                std::min(metrics.horizontalAdvance(hint), metrics.averageCharWidth() * 8) + metrics.averageCharWidth();
            if (edit->width() < readable)
                problems.append(QStringLiteral("%1 is %2 px wide, too narrow to read «%3»")
                                    .arg(describe(widget))
                                    .arg(edit->width())
                                    .arg(hint));
        }
        if (const auto *combo = qobject_cast<const QComboBox *>(widget);
            combo && !combo->isEditable() && !qobject_cast<const ui::ElidingComboBox *>(combo)) {
            // The closed list shows its choice whole (or ends it with "…"): the style's size for that text.
            QStyleOptionComboBox option;
            option.initFrom(combo);
            option.currentText = combo->currentText();
            const QSize needed = combo->style()->sizeFromContents(
                QStyle::CT_ComboBox, &option,
                QSize(combo->fontMetrics().horizontalAdvance(combo->currentText()), combo->fontMetrics().height()),
                combo);
            if (combo->width() < needed.width())
                problems.append(QStringLiteral("%1 is %2 px wide, its choice «%3» needs %4")
                                    .arg(describe(widget))
                                    .arg(combo->width())
                                    .arg(combo->currentText())
                                    .arg(needed.width()));
        }
        // A list or an editor scrolls its own content.
        if (qobject_cast<const QAbstractScrollArea *>(widget))
            continue;
        if (minimum.isValid() && (widget->width() < minimum.width() || widget->height() < minimum.height()))
            problems.append(QStringLiteral("%1 is squeezed to %2x%3, its text needs %4x%5")
                                .arg(describe(widget))
                                .arg(widget->width())
                                .arg(widget->height())
                                .arg(minimum.width())
                                .arg(minimum.height()));
    }
    // Overlaps among the children of one parent: panels and controls laid out side by side.
    for (const QWidget *parent : widgets + QList<QWidget *> {const_cast<QWidget *>(&window)}) {
        if (!isShown(parent, &window) || isInsideACompositeControl(parent, &window) || isControl(parent) ||
            parent->objectName() == QLatin1String("qt_scrollarea_viewport"))
            continue;
        QList<const QWidget *> children;
        for (const QObject *object : parent->children()) {
            const auto *child = qobject_cast<const QWidget *>(object);
            if (child && !child->isWindow() && isShown(child, &window) && !child->size().isEmpty())
                children.append(child);
        }
        for (qsizetype first = 0; first < children.size(); ++first) {
            for (qsizetype second = first + 1; second < children.size(); ++second) {
                if (children[first]->geometry().intersects(children[second]->geometry()))
                    problems.append(
                        QStringLiteral("%1 overlaps %2").arg(describe(children[first]), describe(children[second])));
            }
        }
    }
    return problems;
}

// The window as laid out now, each page of it and each tab of the tab widgets on that page.
QStringList problemsOnEveryPage(MainWindow &window)
{
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    EXPECT_NE(pages, nullptr);
    if (!pages)
        return {QStringLiteral("no pages")};
    QStringList problems;
    const auto check = [&](const QString &where) {
        QCoreApplication::processEvents();
        for (const QString &problem : layoutProblems(window)) {
            const QString line = QStringLiteral("%1: %2").arg(where, problem);
            if (!problems.contains(line))
                problems.append(line);
        }
    };
    for (int page = 0; page < pages->count(); ++page) {
        pages->setCurrentIndex(page);
        const QString pageName = pages->tabText(page);
        check(pageName);
        const QList<QTabWidget *> tabs = pages->widget(page)->findChildren<QTabWidget *>();
        for (QTabWidget *tabWidget : tabs) {
            if (!tabWidget->isVisible())
                continue;
            const int shown = tabWidget->currentIndex();
            for (int tab = 0; tab < tabWidget->count(); ++tab) {
                if (!tabWidget->isTabVisible(tab) || !tabWidget->isTabEnabled(tab))
                    continue;
                tabWidget->setCurrentIndex(tab);
                check(QStringLiteral("%1 ▸ %2").arg(pageName, tabWidget->tabText(tab).remove(QLatin1Char('&'))));
            }
            tabWidget->setCurrentIndex(shown);
        }
    }
    pages->setCurrentIndex(0);
    return problems;
}

void expectFitsOnFirstStart(const QRect &screen)
{
    windowtest::ScratchSettings settings(QStringLiteral("window-fit"));
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      firstStartOn(screen, directory.filePath(QStringLiteral("history.sqlite"))));
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ASSERT_TRUE(QTest::qWaitFor([&window] { return window.endpoint()->isRunning(); }, 5000));
    // An exchange in the timeline, its detail shown and the composer's outcome drawn: the widest the workbench gets.
    auto *send = window.findChild<QAction *>(QStringLiteral("sendAction"));
    auto *newest = window.findChild<QAction *>(QStringLiteral("newestExchangeAction"));
    ASSERT_TRUE(send && newest);
    send->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&window] { return window.composer()->lastResult().has_value(); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&window, newest] {
            newest->trigger();
            return window.timeline()->model()->rowCount() >= 2 && window.detail()->hasExchange();
        },
        10000));
    QCoreApplication::processEvents();

    EXPECT_EQ(window.geometry(), ui::firstStartGeometry(screen));
    EXPECT_TRUE(screen.contains(window.frameGeometry()))
        << "the window " << ::testing::PrintToString(window.frameGeometry()) << " is larger than or off the screen "
        << ::testing::PrintToString(screen);
    EXPECT_TRUE(window.statusBar()->isVisible());
    const QStringList problems = problemsOnEveryPage(window);
    EXPECT_TRUE(problems.isEmpty()) << problems.size() << " problems:\n"
                                    << problems.join(QLatin1Char('\n')).toStdString();
}

} // namespace

TEST(WindowFit, FirstStartTakesThePreferredSizeOrNinetyPercentOfTheScreen)
{
    // A 1920x1080 monitor gets the size the window is designed for, centred; with a 32 px panel a little less height.
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 1920, 1080)), QRect(210, 60, 1500, 960));
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 32, 1920, 1048)), QRect(210, 84, 1500, 943));
    // A 1366x768 laptop and a 1280x720 screen: 90% of it, never larger.
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 1366, 768)), QRect(68, 38, 1229, 691));
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 1280, 720)), QRect(64, 36, 1152, 648));
    // 2560x1440 at 200% is 1280x720 in device-independent pixels: the same window, twice as sharp.
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 1280, 720)).size(), QSize(1152, 648));
    // The second monitor of two, right of the first: centred on it.
    EXPECT_EQ(ui::firstStartGeometry(QRect(1920, 0, 2560, 1440)), QRect(2450, 240, 1500, 960));
    // Below the smallest supported screen the window takes what there is rather than 90% of too little.
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 1024, 640)), QRect(32, 20, 960, 600));
    EXPECT_EQ(ui::firstStartGeometry(QRect(0, 0, 800, 600)), QRect(0, 0, 800, 600));
    // No screen known (none attached yet): the designed size.
    EXPECT_EQ(ui::firstStartGeometry(QRect()).size(), ui::kPreferredWindowSize);
}

TEST(WindowFit, ARememberedGeometryIsBroughtOntoTheScreen)
{
    const QRect laptop(0, 0, 1366, 768);
    // One that fits stays where the user left it.
    EXPECT_EQ(ui::clampedGeometry(QRect(100, 50, 1000, 700), laptop), QRect(100, 50, 1000, 700));
    // From a large monitor: the first-start size there (room left for the frame), centred.
    EXPECT_EQ(ui::clampedGeometry(QRect(300, 100, 1500, 960), laptop), ui::firstStartGeometry(laptop));
    // Too tall only: its width and place across kept, its height the first start's.
    EXPECT_EQ(ui::clampedGeometry(QRect(100, 0, 1000, 1000), laptop), QRect(100, 38, 1000, 691));
    // Off the right edge (a monitor since unplugged): moved back, its size kept.
    EXPECT_EQ(ui::clampedGeometry(QRect(2200, 100, 1000, 600), laptop), QRect(366, 100, 1000, 600));
    EXPECT_EQ(ui::clampedGeometry(QRect(-500, -40, 1000, 600), laptop), QRect(0, 0, 1000, 600));
}

TEST(WindowFit, TheWindowRememberedOnALargeMonitorOpensInsideASmallScreen)
{
    windowtest::ScratchSettings settings(QStringLiteral("window-fit"));
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString history = directory.filePath(QStringLiteral("history.sqlite"));
    {
        MainWindow window(workspace::builtinSampleWorkspace(), {}, firstStartOn(QRect(0, 0, 1920, 1080), history));
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        EXPECT_EQ(window.size(), ui::kPreferredWindowSize);
        ASSERT_TRUE(window.close());
    }
    ASSERT_TRUE(QSettings().contains(QStringLiteral("window/geometry")));
    const QRect laptop(0, 0, 1280, 720);
    MainWindow next(workspace::builtinSampleWorkspace(), {}, firstStartOn(laptop, history));
    next.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&next));
    EXPECT_TRUE(laptop.contains(next.frameGeometry())) << ::testing::PrintToString(next.frameGeometry());
    ASSERT_TRUE(next.close());
}

// The smallest supported screen: every page laid out without a control cut off, squeezed or overlapping.
TEST(WindowFit, EveryPageFitsOnA1280x720Screen)
{
    expectFitsOnFirstStart(QRect(0, 0, 1280, 720));
}

TEST(WindowFit, EveryPageFitsOnA1920x1080Screen)
{
    expectFitsOnFirstStart(QRect(0, 0, 1920, 1080));
}

// At 200% a 16 px icon is drawn from 32 device pixels: the scenario dots and the window icon are drawn at the
// resolution asked for, not scaled up from a small bitmap.
TEST(WindowFit, IconsAreDrawnAtTheScreensResolution)
{
    for (const qreal ratio : {1.0, 2.0}) {
        const QPixmap dot = ui::stateIcon(ui::ScenarioState::Passed).pixmap(QSize(32, 32), ratio);
        EXPECT_EQ(dot.size(), QSize(32, 32) * ratio) << ratio;
        EXPECT_EQ(dot.devicePixelRatio(), ratio);
        // The dot's middle is its fill, whole, at any ratio.
        EXPECT_EQ(dot.toImage().pixelColor(dot.width() / 2, dot.height() / 2), QColor(0x2e, 0xa0, 0x4f)) << ratio;
    }
    const QIcon windowIcon(QStringLiteral(":/icons/io.github.dockside.Dockside.svg"));
    ASSERT_FALSE(windowIcon.isNull());
    const QPixmap large = windowIcon.pixmap(QSize(128, 128), 2.0);
    EXPECT_EQ(large.size(), QSize(256, 256)) << "the SVG icon engine is missing: the icon cannot scale";
}
