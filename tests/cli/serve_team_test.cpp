// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "privatekeychain.h"
#include "qtprinters.h"
#include "serveprocess.h"
#include "throwawaypostgres.h"

#include "teamhistory/teamdatabase.h"
#include "teamhistory/teamexchangesource.h"
#include "teamhistory/teamlistener.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace {

using dockside::teamhistory::TeamDatabase;
using dockside::teamhistory::TeamExchangeSource;
using dockside::testing::ThrowawayPostgres;

// A serve standing in for one machine: its own data folder, so its own local history, spool and identity.
QProcessEnvironment machineEnvironment(const ThrowawayPostgres &postgres, const QString &dataFolder)
{
    QProcessEnvironment environment = postgres.environment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataFolder);
    return environment;
}

TeamDatabase databaseOf(const ThrowawayPostgres &postgres)
{
    QString error;
    const auto database = dockside::teamhistory::parseTeamHistoryUrl(postgres.url(), &error);
    EXPECT_TRUE(database) << error.toStdString();
    return database.value_or(TeamDatabase());
}

// Every call id the team history holds, with how many exchanges carry it.
QMap<QString, int> callsInTeamHistory(TeamExchangeSource &team)
{
    QMap<QString, int> calls;
    for (const dockside::history::ExchangeSummary &row : team.page({}, 0, 100000))
        ++calls[row.callId];
    return calls;
}

bool sendCalls(ServeProcess &serve, const QString &prefix, int count)
{
    for (int i = 0; i < count; ++i) {
        const HttpAnswer answer =
            postRequest(serve.url(),
                        assistantRequestBody(QStringLiteral("%1-%2").arg(prefix).arg(i),
                                             QStringLiteral("+3161234%1").arg(i, 4, 10, QLatin1Char('0'))),
                        webhookHeaders("assistant-request"));
        if (answer.status != 200)
            return false;
    }
    return true;
}

} // namespace

TEST(ServeTeam, SeveralEndpointsWriteIntoOneDatabaseAndADesktopSeesEachExchangeLive)
{
    ThrowawayPostgres postgres;
    QString error;
    ASSERT_TRUE(postgres.start(&error)) << error.toStdString();
    QTemporaryDir machines;
    constexpr int kMachines = 3;
    constexpr int kCallsEach = 10;
    std::vector<std::unique_ptr<ServeProcess>> serves;
    for (int machine = 0; machine < kMachines; ++machine) {
        serves.push_back(std::make_unique<ServeProcess>());
        ASSERT_TRUE(serves.back()->start(
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), postgres.url()},
            machineEnvironment(postgres, machines.filePath(QString::number(machine)))));
    }
    ASSERT_TRUE(sendCalls(*serves.front(), QStringLiteral("first"), 1));
    TeamExchangeSource team;
    ASSERT_TRUE(QTest::qWaitFor([&] { return team.open(databaseOf(postgres), {}, &error); }, 30000))
        << error.toStdString();

    dockside::teamhistory::TeamListener listener;
    QSignalSpy listening(&listener, &dockside::teamhistory::TeamListener::listening);
    QSignalSpy heard(&listener, &dockside::teamhistory::TeamListener::newExchanges);
    listener.start(databaseOf(postgres), {});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !listening.isEmpty(); }, 30000));
    for (int machine = 0; machine < kMachines; ++machine)
        ASSERT_TRUE(
            sendCalls(*serves.at(static_cast<std::size_t>(machine)), QStringLiteral("m%1").arg(machine), kCallsEach));

    // Each answered request is in the team history once, and the desktop heard of the newest one.
    ASSERT_TRUE(QTest::qWaitFor([&] { return team.count({}) == 1 + kMachines * kCallsEach; }, 30000))
        << team.count({}) << " " << team.lastError().toStdString();
    const QMap<QString, int> calls = callsInTeamHistory(team);
    EXPECT_EQ(calls.size(), 1 + kMachines * kCallsEach);
    for (auto call = calls.cbegin(); call != calls.cend(); ++call)
        EXPECT_EQ(call.value(), 1) << call.key().toStdString();
    const qint64 newest = team.maxId();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !heard.isEmpty() && heard.last().at(0).toLongLong() == newest; }, 5000));
    for (auto &serve : serves)
        EXPECT_EQ(serve->stop(), 0) << serve->standardError().toStdString();
}

TEST(ServeTeam, AnEndpointKilledWhileTheDatabaseIsDownLosesNothingAndDuplicatesNothing)
{
    ThrowawayPostgres postgres;
    QString error;
    ASSERT_TRUE(postgres.start(&error)) << error.toStdString();
    QTemporaryDir machine;
    const QProcessEnvironment environment = machineEnvironment(postgres, machine.path());
    const QStringList arguments = {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"),
                                   postgres.url()};
    constexpr int kBefore = 5;
    constexpr int kWhileDown = 40;

    auto serve = std::make_unique<ServeProcess>();
    ASSERT_TRUE(serve->start(arguments, environment));
    ASSERT_TRUE(sendCalls(*serve, QStringLiteral("before"), kBefore));
    TeamExchangeSource team;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return (team.isOpen() || team.open(databaseOf(postgres), {}, &error)) && team.count({}) == kBefore; },
        30000))
        << error.toStdString();
    team.close();

    // The database goes away; answers do not wait for it, the log says where the exchanges wait.
    ASSERT_TRUE(postgres.stopServer());
    ASSERT_TRUE(sendCalls(*serve, QStringLiteral("down"), kWhileDown));
    ASSERT_TRUE(serve->waitForError("team history:", 30000)) << serve->standardError().toStdString();
    EXPECT_TRUE(serve->standardError().contains("are copied when it is back")) << serve->standardError().toStdString();
    serve->kill();

    // Both come back; the next start copies what the killed process left, exactly once.
    ASSERT_TRUE(postgres.startServer());
    serve = std::make_unique<ServeProcess>();
    ASSERT_TRUE(serve->start(arguments, environment));
    ASSERT_TRUE(team.open(databaseOf(postgres), {}, &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return team.count({}) == kBefore + kWhileDown; }, 30000)) << team.count({});
    const QMap<QString, int> calls = callsInTeamHistory(team);
    EXPECT_EQ(calls.size(), kBefore + kWhileDown);
    for (auto call = calls.cbegin(); call != calls.cend(); ++call)
        EXPECT_EQ(call.value(), 1) << call.key().toStdString();
    EXPECT_EQ(serve->stop(), 0) << serve->standardError().toStdString();
    EXPECT_TRUE(serve->standardOutput().contains("Team history: ")) << serve->standardOutput().toStdString();
}

TEST(ServeTeam, APasswordKeptInTheKeychainOpensTheTeamHistoryWithoutPGPASSWORD)
{
    using dockside::testing::isPrivateKeychainMode;
    if (!isPrivateKeychainMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(dockside::testing::runInPrivateKeychainSession(
                      "keyring",
                      QStringLiteral("ServeTeam.APasswordKeptInTheKeychainOpensTheTeamHistoryWithoutPGPASSWORD"),
                      &output),
                  0)
            << output.toStdString();
        return;
    }
    ThrowawayPostgres postgres;
    QString error;
    ASSERT_TRUE(postgres.start(&error)) << error.toStdString();
    QTemporaryDir data;
    QProcessEnvironment environment = machineEnvironment(postgres, data.path());
    environment.remove(QStringLiteral("PGPASSWORD"));
    const auto runWith = [&](const QStringList &arguments, const QByteArray &input) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DOCKSIDE_CLI_PATH), arguments);
        process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(30000));
        return CliResult {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    };
    const QStringList list = {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history"),
                              postgres.url()};

    const CliResult refused = runWith(list, {});
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.err.contains("refused the password")) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("dockside-cli history password")) << refused.err.toStdString();

    const CliResult kept =
        runWith({QStringLiteral("history"), QStringLiteral("password"), QStringLiteral("--history"), postgres.url()},
                postgres.password().toUtf8() + '\n');
    EXPECT_EQ(kept.exitCode, 0) << kept.err.toStdString();
    EXPECT_TRUE(kept.out.contains("The keychain keeps the password for postgres@localhost")) << kept.out.toStdString();

    // Logged in with the keychain's password: the server answers about its (still empty) tables, not the login.
    const CliResult opened = runWith(list, {});
    EXPECT_TRUE(opened.err.contains("holds no Dockside exchanges yet")) << opened.err.toStdString();
    EXPECT_FALSE(opened.err.contains("password")) << opened.err.toStdString();
}
