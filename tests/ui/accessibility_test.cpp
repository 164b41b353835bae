// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/accessibility.h"
#include "composer/composerpanel.h"
#include "endpoint/endpointpanel.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "outcome/calloutcomeview.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"
#include "windowtesting.h"

#include "workspace/workspace.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

// Roles a user operates; each needs a name a screen reader can say.
bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::Dial:
    case QAccessible::PageTab:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Table:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::Link:
        return true;
    default:
        return false;
    }
}

// Roles whose children are the widget's own parts (cells, the spin box's editor, the combo box's list).
bool isLeaf(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::ComboBox:
    case QAccessible::SpinBox:
    case QAccessible::Table:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::MenuBar:
    case QAccessible::PopupMenu:
    case QAccessible::ScrollBar:
        return true;
    default:
        return false;
    }
}

QString describe(QAccessibleInterface *iface)
{
    QStringList chain;
    for (const QObject *object = iface->object(); object != nullptr; object = object->parent()) {
        const QString name = object->objectName();
        chain.prepend(name.isEmpty() ? QString::fromLatin1(object->metaObject()->className()) : name);
        if (chain.size() == 4)
            break;
    }
    return QStringLiteral("%1 (role 0x%2)").arg(chain.join(u'/')).arg(static_cast<int>(iface->role()), 0, 16);
}

// Every visible interactive element under iface without a name, once each.
void collectUnnamed(QAccessibleInterface *iface, QSet<QString> *unnamed, int depth = 0)
{
    if (iface == nullptr || depth > 60 || iface->state().invisible)
        return;
    const QAccessible::Role role = iface->role();
    if (isInteractive(role) && iface->text(QAccessible::Name).trimmed().isEmpty())
        unnamed->insert(describe(iface));
    if (isLeaf(role))
        return;
    for (int i = 0; i < iface->childCount(); ++i)
        collectUnnamed(iface->child(i), unnamed, depth + 1);
}

// "3 without a name:" and each, sorted, for a failure message.
std::string listed(const QSet<QString> &unnamed)
{
    QStringList sorted(unnamed.cbegin(), unnamed.cend());
    sorted.sort();
    return QStringLiteral("%1 without a name:\n%2").arg(sorted.size()).arg(sorted.join(u'\n')).toStdString();
}

// Shows every page of every tab widget in turn (the detail's tabs, and those inside other pages, too) and walks the
// tree each time.
QSet<QString> unnamedOnEveryPage(QWidget &window)
{
    QSet<QString> unnamed;
    collectUnnamed(QAccessible::queryAccessibleInterface(&window), &unnamed);
    const QList<QTabWidget *> tabWidgets = window.findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        windowtest::revealPage(tabs);
        const int current = tabs->currentIndex();
        for (int page = 0; page < tabs->count(); ++page) {
            tabs->setCurrentIndex(page);
            collectUnnamed(QAccessible::queryAccessibleInterface(&window), &unnamed);
        }
        tabs->setCurrentIndex(current);
    }
    return unnamed;
}

} // namespace

// A screen reader says what each control is: a window with one exchange in the timeline, its outcome and call
// shown, has no button, field, list or tab without a name on any page.
TEST(Accessibility, EveryInteractiveElementOnEveryPageHasAName)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_accessibility")));
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    ASSERT_TRUE(windowtest::sendAndOpenNewest(window));

    QSet<QString> unnamed = unnamedOnEveryPage(window);
    // Help ▸ Keyboard Shortcuts too.
    window.findChild<QAction *>(QStringLiteral("keyboardShortcutsAction"))->trigger();
    auto *shortcuts = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    ASSERT_NE(shortcuts, nullptr);
    collectUnnamed(QAccessible::queryAccessibleInterface(shortcuts), &unnamed);
    EXPECT_TRUE(unnamed.isEmpty()) << listed(unnamed);
}

// The dialogs the window opens are read the same way: the webhook secret, your webhook's own secret, the diff of two
// exchanges and the history's retention (a modal dialog, read while it runs).
TEST(Accessibility, EveryControlInTheWindowsDialogsHasAName)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_accessibility")));
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    ASSERT_TRUE(windowtest::sendAndOpenNewest(window));

    QSet<QString> unnamed;
    QStringList seen;
    const auto readDialog = [&](const QString &name, const std::function<void()> &open) {
        open();
        QDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                dialog = window.findChild<QDialog *>(name);
                return dialog != nullptr && dialog->isVisible();
            },
            5000);
        if (!shown)
            return;
        seen.append(name);
        collectUnnamed(QAccessible::queryAccessibleInterface(dialog), &unnamed);
        dialog->setObjectName(QString()); // closing deletes it later: not found again
        dialog->reject();
    };
    readDialog(QStringLiteral("secretDialog"),
               [&] { window.findChild<QAction *>(QStringLiteral("secretAction"))->trigger(); });
    readDialog(QStringLiteral("upstreamSecretDialog"),
               [&] { window.findChild<QAction *>(QStringLiteral("upstreamSecretAction"))->trigger(); });
    const qint64 id = window.timeline()->currentExchangeId();
    readDialog(QStringLiteral("exchangeDiffDialog"), [&] { Q_EMIT window.timeline()->diffRequested(id, id); });

    auto *endpoint = window.findChild<ui::EndpointPanel *>();
    ASSERT_NE(endpoint, nullptr);
    bool retentionRead = false;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (dialog == nullptr)
            return;
        retentionRead = true;
        collectUnnamed(QAccessible::queryAccessibleInterface(dialog), &unnamed);
        dialog->reject();
    });
    Q_EMIT endpoint->retentionChangeRequested();

    EXPECT_EQ(seen.size(), 3) << seen.join(u' ').toStdString();
    EXPECT_TRUE(retentionRead);
    EXPECT_TRUE(unnamed.isEmpty()) << listed(unnamed);
}

// A new exchange and a new call outcome are told to a screen reader: the event goes to Qt (which passes it to an
// active bridge such as AT-SPI) and the accessible text it points at says what happened in words.
TEST(Accessibility, ANewExchangeAndANewOutcomeAreAnnounced)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_accessibility")));
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    QSignalSpy announced(ui::Announcements::instance(), &ui::Announcements::announced);
    window.composer()->send();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, 10000));

    auto *table = window.timeline()->findChild<QTableView *>(QStringLiteral("timelineTable"));
    ASSERT_NE(table, nullptr);
    const auto announcedBy = [&](const QObject *source) {
        QString text;
        for (const QList<QVariant> &signal : std::as_const(announced)) {
            if (signal.at(0).value<QObject *>() == source)
                text = signal.at(2).toString();
        }
        return text;
    };
    // The composer's outcome: its headline and the strip's stages, in words.
    const ui::CallOutcomeView *outcome = window.composer()->outcomeView();
    const QString outcomeText = announcedBy(outcome);
    EXPECT_TRUE(outcomeText.startsWith(QStringLiteral("Answered with overrides")) ||
                outcomeText.startsWith(QStringLiteral("Default assistant")) ||
                outcomeText.startsWith(QStringLiteral("Rejected")))
        << outcomeText.toStdString();
    EXPECT_TRUE(outcomeText.contains(QStringLiteral("deadline"))) << outcomeText.toStdString();
    QAccessibleInterface *outcomeInterface =
        QAccessible::queryAccessibleInterface(const_cast<ui::CallOutcomeView *>(outcome));
    ASSERT_NE(outcomeInterface, nullptr);
    EXPECT_EQ(outcomeInterface->text(QAccessible::Name), QStringLiteral("Call outcome"));
    EXPECT_EQ(outcomeInterface->text(QAccessible::Description), outcomeText);

    // The timeline: each new exchange, with its direction, event and outcome as words.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return announcedBy(table).startsWith(QStringLiteral("New exchange")) ||
                announcedBy(table).contains(QStringLiteral("new exchanges"));
        },
        10000));
    const QString arrival = announcedBy(table);
    EXPECT_TRUE(arrival.contains(QStringLiteral("Event assistant-request"))) << arrival.toStdString();
    EXPECT_TRUE(arrival.contains(QStringLiteral("bound"))) << arrival.toStdString();
    EXPECT_TRUE(arrival.contains(QStringLiteral("of the 5 s deadline"))) << arrival.toStdString();
    EXPECT_EQ(QAccessible::queryAccessibleInterface(table)->text(QAccessible::Description), arrival);
    // Each event really went to Qt's accessibility: the kind the source's accessible text changed by.
    for (const QList<QVariant> &signal : std::as_const(announced))
        EXPECT_EQ(signal.at(1).value<QAccessible::Event>(), QAccessible::DescriptionChanged);
}

// The latency bar and the badges say in words what their colour shows.
TEST(Accessibility, TimelineCellsSayWhatTheirColourShows)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, QByteArray("whsec_accessibility")));
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    window.composer()->send();
    auto *table = window.timeline()->findChild<QTableView *>(QStringLiteral("timelineTable"));
    ASSERT_NE(table, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return table->model()->rowCount() == 2; }, 10000));
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < 2; ++row) {
        const QString latency =
            model->index(row, ui::TimelineModel::LatencyColumn).data(Qt::AccessibleTextRole).toString();
        EXPECT_TRUE(latency.contains(QStringLiteral("% of the 5 s deadline"))) << latency.toStdString();
        EXPECT_FALSE(model->index(row, ui::TimelineModel::OutcomeColumn)
                         .data(Qt::AccessibleDescriptionRole)
                         .toString()
                         .isEmpty());
        const QString direction =
            model->index(row, ui::TimelineModel::DirectionColumn).data(Qt::AccessibleTextRole).toString();
        EXPECT_TRUE(direction == QStringLiteral("inbound") || direction == QStringLiteral("outbound"))
            << direction.toStdString();
    }
}
