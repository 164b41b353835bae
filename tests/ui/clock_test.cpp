// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "exchange/exchangedetailview.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "widgettesting.h"
#include "workspace/workspacedocument.h"

#include "contract/defaultassistant.h"
#include "workspace/workspace.h"
#include "workspace/workspacewriter.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::testing::child;
using dockside::testing::replaceText;
using dockside::ui::MainWindow;

namespace {

// Thursday 24 December 2026 in Amsterdam: the sample's office is open at 10:00 and closed at 20:00.
const QString kThursdayMorning = QStringLiteral("2026-12-24T10:00:00+01:00");
const QString kThursdayEvening = QStringLiteral("2026-12-24T20:00:00+01:00");

ui::MainWindowOptions startedWindow(const QTemporaryDir &directory)
{
    ui::MainWindowOptions options;
    options.historyPath = directory.filePath(QStringLiteral("history.sqlite"));
    options.startEndpoint = true;
    options.port = 0;
    return options;
}

// Sends the composer's event (the sample's VIP caller, John) to the window's mock endpoint; its disposition.
std::optional<contract::Disposition> sendFromComposer(MainWindow &window)
{
    std::optional<contract::Disposition> disposition;
    const auto previous = window.composer()->lastResult();
    window.composer()->send();
    const bool done = QTest::qWaitFor(
        [&] {
            const auto result = window.composer()->lastResult();
            return result.has_value() &&
                (!previous || result->record.request.receivedAtUs != previous->record.request.receivedAtUs);
        },
        10000);
    EXPECT_TRUE(done);
    if (done && window.composer()->lastResult()->outcome)
        disposition = window.composer()->lastResult()->outcome->disposition;
    return disposition;
}

} // namespace

TEST(Clock, TheEndpointPanelPinsTheWorkspacesClockAndShowsABadge)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {}, startedWindow(directory));
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    auto *badge = child<QLabel>(window, "clockBadge");
    auto *clock = child<QLineEdit>(window, "clockEdit");
    auto *error = child<QLabel>(window, "clockError");
    ASSERT_TRUE(badge && clock && error);
    EXPECT_FALSE(badge->isVisible()) << "the real time needs no badge";

    replaceText(clock, kThursdayEvening);
    QTest::keyClick(clock, Qt::Key_Return);
    EXPECT_EQ(window.document()->workspace().clock.mode, base::MockClock::Mode::Pinned);
    EXPECT_TRUE(window.document()->isModified()) << "kept in the workspace";
    EXPECT_TRUE(workspace::serializeWorkspace(window.document()->workspace())
                    .contains(R"("pinned": "2026-12-24T20:00:00+01:00")"));
    EXPECT_TRUE(badge->isVisible());
    EXPECT_EQ(badge->text(), QStringLiteral("Clock: pinned at 2026-12-24T20:00:00+01:00"));
    EXPECT_TRUE(badge->toolTip().contains(QStringLiteral("does not tick on"))) << badge->toolTip().toStdString();
    EXPECT_EQ(sendFromComposer(window), contract::Disposition::Rejected) << "closed at 20:00";

    replaceText(clock, QStringLiteral("+2h"));
    QTest::keyClick(clock, Qt::Key_Return);
    EXPECT_EQ(badge->text(), QStringLiteral("Clock: 2 h ahead"));

    // A value that does not parse is refused in words, and the clock stays as it was.
    replaceText(clock, QStringLiteral("half past six"));
    QTest::keyClick(clock, Qt::Key_Return);
    EXPECT_TRUE(error->isVisible());
    EXPECT_TRUE(error->text().contains(QStringLiteral("2026-12-24T18:00:00+01:00"))) << error->text().toStdString();
    EXPECT_TRUE(error->text().contains(QStringLiteral("stays 2 h ahead"))) << error->text().toStdString();
    EXPECT_EQ(window.document()->workspace().clock, base::MockClock::offsetBy(7200));

    replaceText(clock, QString());
    QTest::keyClick(clock, Qt::Key_Return);
    EXPECT_FALSE(error->isVisible());
    EXPECT_TRUE(window.document()->workspace().clock.isReal());
    EXPECT_FALSE(badge->isVisible());
}

TEST(Clock, TheComposersCallAtReachesTheWindowsEndpointOnlyWhileTheHeaderIsAllowed)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {}, startedWindow(directory));
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    auto *callAt = child<QLineEdit>(window, "callAtEdit");
    auto *allow = child<QCheckBox>(window, "clockHeaderCheck");
    ASSERT_TRUE(callAt && allow);
    EXPECT_TRUE(allow->isChecked()) << "the sample allows the header";

    replaceText(callAt, kThursdayEvening);
    EXPECT_EQ(sendFromComposer(window), contract::Disposition::Rejected);
    EXPECT_TRUE(window.composer()->lastResult()->record.request.header("X-Dockside-Clock").has_value());
    replaceText(callAt, kThursdayMorning);
    EXPECT_EQ(sendFromComposer(window), contract::Disposition::Answered);

    // Not allowed: the endpoint evaluates at its own clock, pinned here to the evening, whatever the header says.
    allow->click();
    EXPECT_FALSE(window.document()->workspace().allowClockHeader);
    replaceText(child<QLineEdit>(window, "clockEdit"), kThursdayEvening);
    QTest::keyClick(child<QLineEdit>(window, "clockEdit"), Qt::Key_Return);
    EXPECT_EQ(sendFromComposer(window), contract::Disposition::Rejected);

    // A moment without its UTC offset is refused before anything is sent.
    replaceText(callAt, QStringLiteral("2026-12-24T10:00:00"));
    const auto before = window.composer()->lastResult();
    window.composer()->send();
    EXPECT_EQ(window.composer()->lastResult()->record.request.receivedAtUs, before->record.request.receivedAtUs);
}

TEST(Clock, TheDetailSaysWhenAnExchangeWasEvaluatedAtAnotherMoment)
{
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.request.target = "/";
    record.eventType = QStringLiteral("assistant-request");
    record.responseStatus = 200;
    record.responseBody = "{}";
    ui::ExchangeDetailView view;
    view.showExchange(record, contract::builtinDefaultAssistant());
    auto *clock = child<QLabel>(view, "summaryClock");
    ASSERT_NE(clock, nullptr);
    EXPECT_TRUE(clock->isHidden()) << "the real time says nothing";

    record.clockNote = QStringLiteral("evaluated at 2026-12-24T20:00:00+01:00 (X-Dockside-Clock)");
    view.showExchange(record, contract::builtinDefaultAssistant());
    EXPECT_FALSE(clock->isHidden());
    EXPECT_EQ(clock->text(), QStringLiteral("Clock: evaluated at 2026-12-24T20:00:00+01:00 (X-Dockside-Clock)"));
}
