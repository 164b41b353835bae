// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "timeline/timelineview.h"
#include "windowtesting.h"

#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QGroupBox>
#include <QKeySequence>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

// The Alt+letter a text underlines ("&Send" → S), or 0.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        return text.at(i + 1).toUpper();
    }
    return {};
}

void add(QMap<QChar, QStringList> *owners, const QString &text, const QString &what)
{
    const QChar letter = mnemonicOf(text);
    if (!letter.isNull())
        (*owners)[letter].append(what + QStringLiteral(" \"") + QString(text).remove(u'&') + u'"');
}

// Who answers each Alt+letter in the window as it is now: the menu bar's menus and every visible button, labelled
// field, group box and tab. Two owners of one letter make Alt+letter cycle between them instead of acting.
QMap<QChar, QStringList> mnemonicOwners(QWidget &window)
{
    QMap<QChar, QStringList> owners;
    if (auto *bar = window.findChild<QMenuBar *>()) {
        for (QAction *menu : bar->actions())
            add(&owners, menu->text(), QStringLiteral("menu"));
    }
    for (QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        if (button->isVisible()) // a disabled one claims its letter as soon as it is enabled
            add(&owners, button->text(), QStringLiteral("button"));
    }
    for (QLabel *label : window.findChildren<QLabel *>()) {
        if (label->isVisible() && label->buddy() != nullptr)
            add(&owners, label->text(), QStringLiteral("label"));
    }
    for (QGroupBox *group : window.findChildren<QGroupBox *>()) {
        if (group->isVisible())
            add(&owners, group->title(), QStringLiteral("group"));
    }
    for (QTabBar *tabs : window.findChildren<QTabBar *>()) {
        if (!tabs->isVisible())
            continue;
        for (int i = 0; i < tabs->count(); ++i)
            add(&owners, tabs->tabText(i), QStringLiteral("tab"));
    }
    return owners;
}

// Every page of every tab widget in turn, and the letters that more than one control claims on it.
QStringList clashesOnEveryPage(QWidget &window)
{
    QSet<QString> clashes;
    const auto collect = [&] {
        const QMap<QChar, QStringList> owners = mnemonicOwners(window);
        for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
            if (it.value().size() > 1)
                clashes.insert(QStringLiteral("Alt+%1: %2").arg(it.key(), it.value().join(QStringLiteral(", "))));
        }
    };
    collect();
    for (QTabWidget *tabs : window.findChildren<QTabWidget *>()) {
        windowtest::revealPage(tabs);
        const int current = tabs->currentIndex();
        for (int page = 0; page < tabs->count(); ++page) {
            tabs->setCurrentIndex(page);
            collect();
        }
        tabs->setCurrentIndex(current);
    }
    QStringList sorted(clashes.cbegin(), clashes.cend());
    sorted.sort();
    return sorted;
}

} // namespace

TEST(Mnemonics, AnUnderlinedLetterCountsOnceInAText)
{
    EXPECT_EQ(mnemonicOf(QStringLiteral("&Send")), QChar(u'S'));
    EXPECT_EQ(mnemonicOf(QStringLiteral("Play whole &call")), QChar(u'C'));
    EXPECT_EQ(mnemonicOf(QStringLiteral("Tom && Jerry")), QChar());
    EXPECT_EQ(mnemonicOf(QStringLiteral("Tom && &Jerry")), QChar(u'J'));
    EXPECT_EQ(mnemonicOf(QStringLiteral("trailing &")), QChar());
}

// A keyboard user reaches a control with Alt and its underlined letter: on no page may two visible controls (or a
// control and a menu) share one, or the keys only cycle between them.
TEST(Mnemonics, NoTwoControlsShareAnAltLetterOnAnyPage)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_mnemonics")));
    window.resize(1500, 960);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    // With an exchange open, so the detail's tabs and buttons are there too.
    ASSERT_TRUE(windowtest::sendAndOpenNewest(window));

    const QStringList clashes = clashesOnEveryPage(window);
    EXPECT_TRUE(clashes.isEmpty()) << clashes.size() << " shared letters:\n" << clashes.join(u'\n').toStdString();
}
