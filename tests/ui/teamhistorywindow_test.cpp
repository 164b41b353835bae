// SPDX-License-Identifier: GPL-3.0-or-later

#include "windowtesting.h"

#include "history/historystore.h"
#include "teamhistory/teamcopier.h"
#include "teamhistory/teamdatabase.h"
#include "timeline/timelinemodel.h"
#include "workspace/workspace.h"

#include "throwawaypostgres.h"

#include <QAction>
#include <QLabel>
#include <QStatusBar>

#include <gtest/gtest.h>

namespace {

using dockside::testing::ThrowawayPostgres;

// How long a team test waits for what goes through PostgreSQL (the copier's passes, a reconnection).
constexpr int kTeamWaitMs = 30000;

dockside::history::ExchangeRecord otherMachinesRecord(int index)
{
    dockside::history::ExchangeRecord record;
    record.request.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/");
    record.request.body = QByteArrayLiteral("{\"message\":{\"type\":\"assistant-request\"}}");
    record.eventType = QStringLiteral("assistant-request");
    record.callId = QStringLiteral("staging-%1").arg(index);
    record.callerNumber = QStringLiteral("+3161234000%1").arg(index);
    record.responseStatus = 200;
    return record;
}

// The window's status bar text for the team history.
QString teamStatus(const dockside::ui::MainWindow &window)
{
    const auto *label = window.findChild<QLabel *>(QStringLiteral("teamStatusLabel"));
    return label && label->isVisible() ? label->text() : QString();
}

class TeamHistoryWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        QString error;
        ASSERT_TRUE(m_postgres.start(&error)) << error.toStdString();
        // The window's local copy goes into a folder of this test's own.
        ASSERT_TRUE(m_data.isValid());
        qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
    }

    // A window with the superuser's password sends one event and sees both sides in the team database, which then
    // has its tables for the roles the test creates.
    void recordOneExchangeThroughAWindow()
    {
        dockside::ui::MainWindowOptions options = dockside::windowtest::liveWindowOptions(m_directory, {});
        options.historyPath = m_postgres.url();
        dockside::ui::MainWindow writer(dockside::workspace::builtinSampleWorkspace(), {}, options);
        ASSERT_TRUE(dockside::windowtest::showActive(writer));
        // The newest row comes back from PostgreSQL after the team copier's pass: as long as the other waits here.
        ASSERT_TRUE(dockside::windowtest::sendAndOpenNewest(writer, kTeamWaitMs));
        ASSERT_TRUE(QTest::qWaitFor([&] { return writer.timeline()->model()->rowCount() == 2; }, kTeamWaitMs));
    }

    ThrowawayPostgres m_postgres;
    QTemporaryDir m_data;
    QTemporaryDir m_directory;
    dockside::windowtest::ScratchSettings m_settings {QStringLiteral("team history window")};
};

} // namespace

TEST_F(TeamHistoryWindow, ShowsWhatAnotherEndpointCopiesLiveAndCopiesItsOwnExchanges)
{
    dockside::ui::MainWindowOptions options = dockside::windowtest::liveWindowOptions(m_directory, {});
    options.historyPath = m_postgres.url();
    dockside::ui::MainWindow window(dockside::workspace::builtinSampleWorkspace(), {}, options);
    ASSERT_TRUE(dockside::windowtest::showActive(window));
    ASSERT_TRUE(QTest::qWaitFor([&] { return teamStatus(window).contains(QStringLiteral("up to date")); }, kTeamWaitMs))
        << teamStatus(window).toStdString();

    // Another machine's endpoint copies three exchanges; the window shows them without being asked.
    QString error;
    dockside::history::HistoryStore otherStore;
    ASSERT_TRUE(otherStore.open({m_directory.filePath(QStringLiteral("other.sqlite")), 0, 0}, &error));
    dockside::teamhistory::TeamCopier otherCopier;
    QObject::connect(&otherStore, &dockside::history::HistoryStore::appended, &otherCopier,
                     &dockside::teamhistory::TeamCopier::wake);
    dockside::teamhistory::TeamCopyOptions copyOptions;
    copyOptions.database = *dockside::teamhistory::parseTeamHistoryUrl(m_postgres.url(), &error);
    copyOptions.localHistoryPath = m_directory.filePath(QStringLiteral("other.sqlite"));
    ASSERT_TRUE(otherCopier.start(copyOptions, &error)) << error.toStdString();
    for (int i = 0; i < 3; ++i)
        otherStore.append(otherMachinesRecord(i));
    dockside::ui::TimelineModel *model = window.timeline()->model();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() == 3; }, kTeamWaitMs)) << model->rowCount();

    // The window's own composer sends to its own endpoint: both sides go to the team database and come back.
    ASSERT_TRUE(dockside::windowtest::sendAndOpenNewest(window, kTeamWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() == 5; }, kTeamWaitMs)) << model->rowCount();
    EXPECT_TRUE(teamStatus(window).contains(QStringLiteral("up to date"))) << teamStatus(window).toStdString();
    // The endpoint panel says it too, next to the history's retention.
    const auto *panelLine = window.findChild<QLabel *>(QStringLiteral("endpointTeamHistory"));
    ASSERT_NE(panelLine, nullptr);
    EXPECT_EQ(panelLine->text(), QStringLiteral("up to date"));
    otherCopier.stop();
}

TEST_F(TeamHistoryWindow, AReadOnlyRoleViewsAndTheWindowSaysClearAndRetentionAreUnavailable)
{
    // The tables exist once an endpoint has written; then a support-staff role may only read them.
    ASSERT_NO_FATAL_FAILURE(recordOneExchangeThroughAWindow());
    ASSERT_TRUE(m_postgres.psql(QStringLiteral("CREATE ROLE support LOGIN PASSWORD '%1'; GRANT SELECT ON ALL TABLES "
                                               "IN SCHEMA public TO support")
                                    .arg(m_postgres.password())));
    QString url = m_postgres.url();
    url.replace(QStringLiteral("postgres@"), QStringLiteral("support@"));
    dockside::ui::MainWindowOptions options = dockside::windowtest::liveWindowOptions(m_directory, {});
    options.historyPath = url;
    dockside::ui::MainWindow viewer(dockside::workspace::builtinSampleWorkspace(), {}, options);
    ASSERT_TRUE(dockside::windowtest::showActive(viewer));
    ASSERT_TRUE(QTest::qWaitFor([&] { return viewer.timeline()->model()->rowCount() == 2; }, kTeamWaitMs));
    auto *clear = viewer.findChild<QAction *>(QStringLiteral("clearHistoryAction"));
    ASSERT_NE(clear, nullptr);
    EXPECT_FALSE(clear->isEnabled());
    EXPECT_TRUE(clear->toolTip().contains(QStringLiteral("may only read"))) << clear->toolTip().toStdString();
    bool retentionSaysSo = false;
    for (const QLabel *label : viewer.findChildren<QLabel *>())
        retentionSaysSo = retentionSaysSo || label->text().contains(QStringLiteral("Unavailable: the team history"));
    EXPECT_TRUE(retentionSaysSo);
    EXPECT_TRUE(teamStatus(viewer).contains(QStringLiteral("may only read"))) << teamStatus(viewer).toStdString();
}

TEST_F(TeamHistoryWindow, APasswordGivenInTheWindowConnectsEveryPartOfIt)
{
    // Recorded with the password, then opened by someone whose environment has none.
    ASSERT_NO_FATAL_FAILURE(recordOneExchangeThroughAWindow());
    qunsetenv("PGPASSWORD");
    dockside::ui::MainWindowOptions options = dockside::windowtest::liveWindowOptions(m_directory, {});
    options.historyPath = m_postgres.url();
    dockside::ui::MainWindow window(dockside::workspace::builtinSampleWorkspace(), {}, options);
    ASSERT_TRUE(dockside::windowtest::showActive(window));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return teamStatus(window).contains(QStringLiteral("unreachable")); }, kTeamWaitMs))
        << teamStatus(window).toStdString();
    EXPECT_EQ(window.timeline()->model()->rowCount(), 0);

    QString askedFor;
    window.setTeamPasswordPrompt([&](const QString &role, bool *ok) {
        askedFor = role;
        *ok = true;
        return m_postgres.password();
    });
    auto *action = window.findChild<QAction *>(QStringLiteral("teamPasswordAction"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    EXPECT_TRUE(askedFor.startsWith(QStringLiteral("postgres@localhost:"))) << askedFor.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.timeline()->model()->rowCount() == 2; }, kTeamWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([&] { return teamStatus(window).contains(QStringLiteral("up to date")); }, kTeamWaitMs))
        << teamStatus(window).toStdString();
}
