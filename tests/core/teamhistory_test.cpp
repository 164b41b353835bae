// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"
#include "teamhistory/historysource.h"
#include "teamhistory/teamconnection.h"
#include "teamhistory/teamcopier.h"
#include "teamhistory/teamdatabase.h"
#include "teamhistory/teamexchangesource.h"
#include "teamhistory/teamlistener.h"

#include "historyappend.h"
#include "qtprinters.h"
#include "throwawaypostgres.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::ExchangeSource;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryStore;
using dockside::teamhistory::TeamCopier;
using dockside::teamhistory::TeamCopyOptions;
using dockside::teamhistory::TeamDatabase;
using dockside::teamhistory::TeamExchangeSource;
using dockside::testing::ThrowawayPostgres;

constexpr qint64 kSecondUs = 1000 * 1000;
constexpr qint64 kBaseUs = 1'700'000'000 * kSecondUs;

ExchangeRecord makeRecord(Direction direction, const QString &eventType, const QString &caller, int status,
                          qint64 atSeconds, const QByteArray &requestBody, const QString &callId = {},
                          const QString &outcomeReason = {})
{
    ExchangeRecord record;
    record.direction = direction;
    record.request.receivedAtUs = kBaseUs + atSeconds * kSecondUs;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice?tenant=a");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.request.body = requestBody;
    record.url = QStringLiteral("http://127.0.0.1:8080/hooks/voice?tenant=a");
    record.eventType = eventType;
    record.callId = callId;
    record.callerNumber = caller;
    record.responseStatus = status;
    record.responseBody = QByteArrayLiteral("{\"assistant\":{\"firstMessage\":\"Welcome to Harbour Dental\"}}");
    record.latencyUs = 2500;
    record.signatureStatus = QStringLiteral("valid");
    record.outcomeDisposition = outcomeReason.isEmpty() ? QStringLiteral("answered") : QStringLiteral("rejected");
    record.outcomeReason = outcomeReason.isEmpty() ? QStringLiteral("answered") : outcomeReason;
    return record;
}

// Eight exchanges the filter cases below pick from: two calls, both directions, statuses, words in bodies.
QList<ExchangeRecord> sampleRecords()
{
    return {
        makeRecord(Direction::Inbound, QStringLiteral("assistant-request"), QStringLiteral("+15550001111"), 200, 1,
                   R"({"message":{"type":"assistant-request","call":{"id":"call-a"}},"note":"orthodontics"})",
                   QStringLiteral("call-a")),
        makeRecord(Direction::Inbound, QStringLiteral("status-update"), QStringLiteral("+15550001111"), 200, 2,
                   R"({"message":{"type":"status-update","status":"in-progress"}})", QStringLiteral("call-a")),
        makeRecord(Direction::Inbound, QStringLiteral("end-of-call-report"), QStringLiteral("+15550001111"), 200, 3,
                   R"({"message":{"type":"end-of-call-report","summary":"booked a cleaning"}})",
                   QStringLiteral("call-a")),
        makeRecord(Direction::Outbound, QStringLiteral("assistant-request"), QStringLiteral("+4930123"), 500, 4,
                   R"({"message":{"type":"assistant-request"},"note":"berlin office"})", QStringLiteral("call-b"),
                   QStringLiteral("webhook_error")),
        makeRecord(Direction::Outbound, QStringLiteral("tool-calls"), QStringLiteral("+4930123"), 200, 5,
                   R"({"message":{"type":"tool-calls","tool":"lookupAppointment"}})", QStringLiteral("call-b")),
        makeRecord(Direction::Inbound, QString(), QString(), 404, 6, "not json at all, orthodontics"),
        makeRecord(Direction::Inbound, QStringLiteral("assistant-request"), QStringLiteral("+1_55%"), 401, 7,
                   R"({"message":{"type":"assistant-request"}})", QStringLiteral("call-c"),
                   QStringLiteral("signature_invalid")),
        makeRecord(Direction::Inbound, QStringLiteral("assistant-request"), QStringLiteral("+15559990000"), 200, 8,
                   "{\"caller\":\"J\\u00f6rg\",\"greeting\":\"Grüß Gott\"}", QStringLiteral("call-d")),
    };
}

// One cluster for the test process; each test takes a database of its own.
class TeamHistoryTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_postgres = new ThrowawayPostgres;
        QString error;
        if (!s_postgres->start(&error))
            s_startError = error;
    }
    static void TearDownTestSuite()
    {
        delete s_postgres;
        s_postgres = nullptr;
    }

    void SetUp() override
    {
        ASSERT_TRUE(s_startError.isEmpty()) << s_startError.toStdString();
        ASSERT_TRUE(m_dir.isValid());
        static int databases = 0;
        m_databaseName = QStringLiteral("team_%1").arg(++databases);
        ASSERT_TRUE(s_postgres->createDatabase(m_databaseName));
        QString error;
        const std::optional<TeamDatabase> parsed =
            dockside::teamhistory::parseTeamHistoryUrl(s_postgres->url(m_databaseName), &error);
        ASSERT_TRUE(parsed) << error.toStdString();
        m_database = *parsed;
        m_localPath = m_dir.filePath(QStringLiteral("local.sqlite"));
    }

    // Records into the local history, copies into the team database, and waits until every row is there.
    QList<qint64> recordAndCopy(const QList<ExchangeRecord> &records)
    {
        HistoryStore store;
        QString error;
        EXPECT_TRUE(store.open(localOptions(), &error)) << error.toStdString();
        const QList<qint64> localIds = dockside::testing::appendAndWaitForIds(store, records);
        EXPECT_EQ(localIds.size(), records.size());
        store.close();
        TeamCopier copier;
        EXPECT_TRUE(copier.start(copyOptions(), &error)) << error.toStdString();
        EXPECT_TRUE(QTest::qWaitFor([&] { return copier.copiedRows() >= records.size(); }, 30000))
            << copier.copiedRows();
        copier.stop();
        return localIds;
    }

    HistoryOptions localOptions() const
    {
        HistoryOptions options;
        options.databasePath = m_localPath;
        return options;
    }

    TeamCopyOptions copyOptions() const
    {
        TeamCopyOptions options;
        options.database = m_database;
        options.localHistoryPath = m_localPath;
        options.retryMs = 200;
        options.pollMs = 50;
        return options;
    }

    std::unique_ptr<TeamExchangeSource> openTeam()
    {
        auto source = std::make_unique<TeamExchangeSource>();
        QString error;
        EXPECT_TRUE(source->open(m_database, {}, &error)) << error.toStdString();
        return source;
    }

    static ThrowawayPostgres *s_postgres;
    static QString s_startError;
    QTemporaryDir m_dir;
    QString m_databaseName;
    TeamDatabase m_database;
    QString m_localPath;
};

ThrowawayPostgres *TeamHistoryTest::s_postgres = nullptr;
QString TeamHistoryTest::s_startError;

TEST(TeamDatabaseUrl, NamesHostPortDatabaseUserAndPassesTlsOptionsOn)
{
    QString error;
    const auto database = dockside::teamhistory::parseTeamHistoryUrl(
        QStringLiteral("postgresql://support@db.example.test:6543/voice?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
        &error);
    ASSERT_TRUE(database) << error.toStdString();
    EXPECT_EQ(database->host, QStringLiteral("db.example.test"));
    EXPECT_EQ(database->port, 6543);
    EXPECT_EQ(database->database, QStringLiteral("voice"));
    EXPECT_EQ(database->user, QStringLiteral("support"));
    EXPECT_EQ(database->connectOptions,
              QStringLiteral("sslmode=verify-full;sslrootcert=/etc/ca.pem;connect_timeout=5"));
}

TEST(TeamDatabaseUrl, TakesAUnixSocketFolderAsHost)
{
    QString error;
    const auto database = dockside::teamhistory::parseTeamHistoryUrl(
        QStringLiteral("postgresql:///voice?host=/var/run/postgresql&connect_timeout=2"), &error);
    ASSERT_TRUE(database) << error.toStdString();
    EXPECT_EQ(database->host, QStringLiteral("/var/run/postgresql"));
    EXPECT_EQ(database->connectOptions, QStringLiteral("connect_timeout=2"));
}

TEST(TeamDatabaseUrl, RefusesAPasswordInTheUrlAndSaysWhereItGoes)
{
    for (const QString &url : {QStringLiteral("postgresql://dev:secret@localhost/voice"),
                               QStringLiteral("postgresql://dev@localhost/voice?password=secret")}) {
        QString error;
        EXPECT_FALSE(dockside::teamhistory::parseTeamHistoryUrl(url, &error));
        EXPECT_TRUE(error.contains(QStringLiteral("PGPASSWORD"))) << error.toStdString();
        EXPECT_FALSE(error.contains(QStringLiteral("secret")) && !error.contains(url)) << error.toStdString();
    }
}

TEST(TeamDatabaseUrl, RefusesUnknownOptionsAndAMissingDatabase)
{
    QString error;
    EXPECT_FALSE(
        dockside::teamhistory::parseTeamHistoryUrl(QStringLiteral("postgresql://localhost/voice?colour=red"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("colour"))) << error.toStdString();
    EXPECT_FALSE(dockside::teamhistory::parseTeamHistoryUrl(QStringLiteral("postgresql://localhost"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("no database"))) << error.toStdString();
}

TEST(TeamDatabaseUrl, GivesEachDatabaseItsOwnLocalHistory)
{
    QString error;
    const auto a = dockside::teamhistory::parseTeamHistoryUrl(QStringLiteral("postgresql://h/voice"), &error);
    const auto b = dockside::teamhistory::parseTeamHistoryUrl(QStringLiteral("postgresql://h:5433/voice"), &error);
    const auto c =
        dockside::teamhistory::parseTeamHistoryUrl(QStringLiteral("postgresql://h/voice?sslmode=require"), &error);
    ASSERT_TRUE(a && b && c);
    EXPECT_NE(dockside::teamhistory::localCachePath(*a), dockside::teamhistory::localCachePath(*b));
    EXPECT_EQ(dockside::teamhistory::localCachePath(*a), dockside::teamhistory::localCachePath(*c));
}

TEST_F(TeamHistoryTest, CopiesEveryExchangeWholeAndReadsItBack)
{
    const QList<ExchangeRecord> records = sampleRecords();
    recordAndCopy(records);
    const auto team = openTeam();
    ASSERT_EQ(team->count({}), records.size()) << team->lastError().toStdString();
    const QList<dockside::history::ExchangeSummary> rows = team->page({}, 0, 100, Qt::AscendingOrder);
    ASSERT_EQ(rows.size(), records.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const std::optional<ExchangeRecord> loaded = team->load(rows.at(i).id);
        ASSERT_TRUE(loaded) << team->lastError().toStdString();
        ExchangeRecord expected = records.at(i);
        expected.id = rows.at(i).id;
        EXPECT_EQ(loaded->request.body, expected.request.body);
        EXPECT_EQ(loaded->request.headers, expected.request.headers);
        EXPECT_EQ(loaded->callerNumber, expected.callerNumber);
        EXPECT_EQ(loaded->responseBody, expected.responseBody);
        EXPECT_EQ(rows.at(i).path, QStringLiteral("/hooks/voice"));
        EXPECT_EQ(rows.at(i).callerNumber, expected.callerNumber);
        EXPECT_EQ(rows.at(i).eventType, expected.eventType);
    }
}

TEST_F(TeamHistoryTest, AnExchangeWithEmptyFieldsOrANulInItsTextIsCopiedAndTheNextOnesFollow)
{
    // Null strings bind as NULL and PostgreSQL's text refuses NUL: neither may stop the copy of every later row.
    ExchangeRecord bare;
    bare.request.receivedAtUs = kBaseUs;
    ExchangeRecord nul = sampleRecords().at(0);
    nul.callerNumber = QStringLiteral("+31") + QChar(0) + QStringLiteral("612");
    nul.request.body = QByteArrayLiteral("{\"caller\":\"+31\\u0000612\"}");
    recordAndCopy({bare, nul, sampleRecords().at(1)});
    const auto team = openTeam();
    ASSERT_EQ(team->count({}), 3) << team->lastError().toStdString();
    const QList<dockside::history::ExchangeSummary> rows = team->page({}, 0, 10, Qt::AscendingOrder);
    EXPECT_EQ(rows.at(1).callerNumber, QStringLiteral("+31612"));
    EXPECT_EQ(team->load(rows.at(1).id)->callerNumber, nul.callerNumber) << "the record itself keeps every byte";
}

TEST_F(TeamHistoryTest, ABatchCopiedAgainAddsNothing)
{
    const QList<ExchangeRecord> records = sampleRecords();
    recordAndCopy(records);
    // A process killed after the team database committed but before it knew: its progress is behind its rows.
    ASSERT_TRUE(
        s_postgres->psql(QStringLiteral("UPDATE dockside_origins SET copied_up_to = 0"), nullptr, m_databaseName));
    TeamCopier copier;
    QString error;
    ASSERT_TRUE(copier.start(copyOptions(), &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return copier.copiedRows() >= records.size(); }, 30000));
    copier.stop();
    EXPECT_EQ(openTeam()->count({}), records.size());
}

TEST_F(TeamHistoryTest, ADatabaseThatIsDownOnlyGrowsTheBacklogWhichDrainsWhenItIsBack)
{
    ASSERT_TRUE(s_postgres->stopServer());
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(localOptions(), &error));
    TeamCopier copier;
    QObject::connect(&store, &HistoryStore::appended, &copier, &TeamCopier::wake);
    QSignalSpy failed(&copier, &TeamCopier::failed);
    QSignalSpy recovered(&copier, &TeamCopier::recovered);
    ASSERT_TRUE(copier.start(copyOptions(), &error));
    const QList<ExchangeRecord> records = sampleRecords();
    ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, records).size(), records.size());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !failed.isEmpty() && copier.backlog() == records.size(); }, 30000))
        << copier.backlog();
    EXPECT_TRUE(failed.first().at(0).toString().contains(QStringLiteral("cannot be reached")))
        << failed.first().at(0).toString().toStdString();
    EXPECT_EQ(failed.size(), 1); // once per streak, not once per retry

    ASSERT_TRUE(s_postgres->startServer());
    ASSERT_TRUE(QTest::qWaitFor([&] { return copier.backlog() == 0 && copier.copiedRows() == records.size(); }, 30000));
    EXPECT_EQ(recovered.size(), 1);
    copier.stop();
    store.close();
    EXPECT_EQ(openTeam()->count({}), records.size());
}

TEST_F(TeamHistoryTest, ASchemaFromANewerDocksideIsLeftAlone)
{
    recordAndCopy(sampleRecords().mid(0, 1));
    ASSERT_TRUE(s_postgres->psql(QStringLiteral("INSERT INTO dockside_schema VALUES (99)"), nullptr, m_databaseName));
    TeamExchangeSource team;
    QString error;
    EXPECT_FALSE(team.open(m_database, {}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("newer Dockside"))) << error.toStdString();
}

TEST_F(TeamHistoryTest, AWrongPasswordIsSaidAsSuch)
{
    recordAndCopy(sampleRecords().mid(0, 1));
    TeamExchangeSource team;
    QString error;
    EXPECT_FALSE(team.open(m_database, QStringLiteral("not-the-password"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("refused the password"))) << error.toStdString();
}

TEST_F(TeamHistoryTest, AnUnreachableServerIsSaidAsSuch)
{
    TeamDatabase nowhere = m_database;
    nowhere.port = 1; // nothing listens there
    TeamExchangeSource team;
    QString error;
    EXPECT_FALSE(team.open(nowhere, {}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("cannot be reached"))) << error.toStdString();
}

TEST_F(TeamHistoryTest, AReadOnlyRoleViewsButCannotRecord)
{
    const QList<ExchangeRecord> records = sampleRecords();
    recordAndCopy(records);
    const QString role = QStringLiteral("viewer_%1").arg(m_databaseName);
    ASSERT_TRUE(s_postgres->psql(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'view'; GRANT SELECT ON ALL TABLES IN "
                                                "SCHEMA public TO %1")
                                     .arg(role),
                                 nullptr, m_databaseName));
    TeamDatabase viewer = m_database;
    viewer.user = role;
    TeamExchangeSource team;
    QString error;
    ASSERT_TRUE(team.open(viewer, QStringLiteral("view"), &error)) << error.toStdString();
    EXPECT_TRUE(team.isReadOnly());
    EXPECT_EQ(team.count({}), records.size());

    TeamCopyOptions options = copyOptions();
    options.database = viewer;
    options.password = QStringLiteral("view");
    TeamCopier copier;
    QSignalSpy failed(&copier, &TeamCopier::failed);
    ASSERT_TRUE(copier.start(options, &error));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 30000));
    EXPECT_TRUE(failed.first().at(0).toString().contains(QStringLiteral("read but not add")))
        << failed.first().at(0).toString().toStdString();
}

TEST_F(TeamHistoryTest, ADesktopHearsNewExchangesWithinASecond)
{
    recordAndCopy(sampleRecords().mid(0, 1)); // the tables exist before anyone listens
    dockside::teamhistory::TeamListener listener;
    QSignalSpy listening(&listener, &dockside::teamhistory::TeamListener::listening);
    QSignalSpy heard(&listener, &dockside::teamhistory::TeamListener::newExchanges);
    listener.start(m_database, {});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !listening.isEmpty(); }, 30000));
    heard.clear();

    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(localOptions(), &error));
    TeamCopier copier;
    QObject::connect(&store, &HistoryStore::appended, &copier, &TeamCopier::wake);
    ASSERT_TRUE(copier.start(copyOptions(), &error));
    ASSERT_TRUE(QTest::qWaitFor([&] { return copier.copiedRows() == 0 && copier.backlog() == 0; }, 30000));
    QElapsedTimer sinceAppend;
    sinceAppend.start();
    store.append(sampleRecords().at(1));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !heard.isEmpty(); }, 5000));
    EXPECT_LT(sinceAppend.elapsed(), 1000);
    EXPECT_EQ(heard.last().at(0).toLongLong(), openTeam()->maxId());
}

TEST_F(TeamHistoryTest, ADesktopListensAgainAfterTheServerEndsItsSession)
{
    recordAndCopy(sampleRecords().mid(0, 1));
    dockside::teamhistory::TeamListener listener;
    QSignalSpy listening(&listener, &dockside::teamhistory::TeamListener::listening);
    QSignalSpy heard(&listener, &dockside::teamhistory::TeamListener::newExchanges);
    listener.start(m_database, {});
    ASSERT_TRUE(QTest::qWaitFor([&] { return listening.size() == 1; }, 30000));
    // The listener's session is the only one in this database; the 5 s wait returns once it is gone.
    QString ended;
    ASSERT_TRUE(s_postgres->psql(QStringLiteral("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                                "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
                                 &ended, m_databaseName));
    ASSERT_EQ(ended.toInt(), 1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return listening.size() == 2; }, 30000));
    heard.clear();
    recordAndCopy(sampleRecords().mid(1, 1));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !heard.isEmpty() && heard.last().at(0).toLongLong() > 0; }, 30000));
    EXPECT_EQ(heard.last().at(0).toLongLong(), openTeam()->maxId());
}

TEST_F(TeamHistoryTest, ARunningQueryCanBeInterrupted)
{
    recordAndCopy(sampleRecords().mid(0, 1));
    const auto team = openTeam();
    // Another session holds the table, so the count below waits as a slow filter over millions of rows would.
    QProcess holder;
    holder.setProcessEnvironment(s_postgres->environment());
    holder.start(QStringLiteral("psql"),
                 {QStringLiteral("-X"), QStringLiteral("-d"), m_databaseName, QStringLiteral("-c"),
                  QStringLiteral("BEGIN; LOCK TABLE dockside_exchanges IN ACCESS EXCLUSIVE MODE; SELECT "
                                 "pg_sleep(60); COMMIT")});
    const auto waitingSessions = [&](const QString &condition) {
        QString output;
        s_postgres->psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE ") + condition, &output,
                         m_databaseName);
        return output.toInt();
    };
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return waitingSessions(QStringLiteral("query LIKE 'BEGIN; LOCK%'")) == 1; }, 30000));
    std::atomic<bool> cancelled = false;
    std::thread canceller([&] {
        // Cancels once the count is seen waiting for the lock, however long that takes to show.
        for (int attempt = 0; attempt < 300 && !cancelled; ++attempt) {
            if (waitingSessions(QStringLiteral("wait_event_type = 'Lock'")) == 1) {
                team->interrupt();
                cancelled = true;
            }
        }
    });
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(team->count({}), -1);
    canceller.join();
    EXPECT_TRUE(cancelled);
    EXPECT_TRUE(team->wasInterrupted()) << team->lastError().toStdString();
    EXPECT_LT(timer.elapsed(), 30000);
    // The server ends the holder's session (killing psql would leave it asleep with the lock until pg_sleep ends).
    ASSERT_TRUE(s_postgres->psql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query "
                                                "LIKE 'BEGIN; LOCK%'"),
                                 nullptr, m_databaseName));
    holder.waitForFinished();
    // The connection is still usable once the lock is gone.
    ASSERT_TRUE(QTest::qWaitFor([&] { return team->count({}) == 1; }, 30000)) << team->lastError().toStdString();
}

TEST_F(TeamHistoryTest, AConnectionTheServerDropsCostsOneRequestAndTheNextConnectsAgain)
{
    recordAndCopy(sampleRecords().mid(0, 2));
    const auto team = openTeam();
    ASSERT_EQ(team->count({}), 2) << team->lastError().toStdString();
    // An administrator (or a restart) ends the window's session; the 5 s wait returns once the session is gone.
    QString ended;
    ASSERT_TRUE(s_postgres->psql(QStringLiteral("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                                "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
                                 &ended, m_databaseName));
    ASSERT_EQ(ended.toInt(), 1);
    EXPECT_EQ(team->count({}), -1);
    EXPECT_TRUE(team->lastError().contains(QLatin1String("connection to the team history was lost")))
        << team->lastError().toStdString();
    EXPECT_TRUE(team->isOpen());
    EXPECT_EQ(team->count({}), 2) << team->lastError().toStdString();
    EXPECT_EQ(team->page({}, 0, 10).size(), 2);
}

// The same filters give the same rows on both backends: one suite, run on the SQLite history and the team database.
class ExchangeSourceParity : public TeamHistoryTest, public ::testing::WithParamInterface<bool> { };

TEST_P(ExchangeSourceParity, EveryFilterSelectsTheSameExchanges)
{
    const QList<ExchangeRecord> records = sampleRecords();
    const QList<qint64> localIds = recordAndCopy(records);
    const bool team = GetParam();
    QString error;
    std::unique_ptr<ExchangeSource> source =
        dockside::teamhistory::openExchangeSource(team ? s_postgres->url(m_databaseName) : m_localPath, &error);
    ASSERT_TRUE(source) << error.toStdString();
    // The positions (1-based, in record order) each filter must select.
    const auto positions = [&](const HistoryFilter &filter) {
        const QList<dockside::history::ExchangeSummary> rows = source->page(filter, 0, 100, Qt::AscendingOrder);
        QList<int> found;
        const QList<dockside::history::ExchangeSummary> all = source->page({}, 0, 100, Qt::AscendingOrder);
        for (const auto &row : rows) {
            for (qsizetype i = 0; i < all.size(); ++i) {
                if (all.at(i).id == row.id)
                    found << int(i + 1);
            }
        }
        EXPECT_EQ(source->count(filter), rows.size());
        return found;
    };
    HistoryFilter filter;
    EXPECT_EQ(positions(filter), QList<int>({1, 2, 3, 4, 5, 6, 7, 8}));
    filter = {};
    filter.text = QStringLiteral("orthodon");
    EXPECT_EQ(positions(filter), QList<int>({1, 6}));
    filter.text = QStringLiteral("booked cleaning");
    EXPECT_EQ(positions(filter), QList<int>({3}));
    filter.text = QStringLiteral("grüß");
    EXPECT_EQ(positions(filter), QList<int>({8}));
    filter.text = QStringLiteral("\"-:*"); // no letter or digit: no condition, as the search box treats it
    EXPECT_EQ(positions(filter), QList<int>({1, 2, 3, 4, 5, 6, 7, 8}));
    filter = {};
    filter.caller = QStringLiteral("+1555");
    EXPECT_EQ(positions(filter), QList<int>({1, 2, 3, 8}));
    filter.caller = QStringLiteral("+1_5");
    EXPECT_EQ(positions(filter), QList<int>({7})) << "wildcards are literal";
    filter = {};
    filter.eventTypes = {QStringLiteral("assistant-request"), QString()};
    EXPECT_EQ(positions(filter), QList<int>({1, 4, 6, 7, 8}));
    filter = {};
    filter.direction = Direction::Outbound;
    EXPECT_EQ(positions(filter), QList<int>({4, 5}));
    filter = {};
    filter.status = 200;
    filter.direction = Direction::Inbound;
    EXPECT_EQ(positions(filter), QList<int>({1, 2, 3, 8}));
    filter = {};
    filter.callId = QStringLiteral("call-b");
    EXPECT_EQ(positions(filter), QList<int>({4, 5}));
    filter = {};
    filter.inCallsOnly = true;
    EXPECT_EQ(positions(filter), QList<int>({1, 2, 3, 4, 5, 7, 8}));
    filter = {};
    filter.outcomeReason = QStringLiteral("signature_invalid");
    EXPECT_EQ(positions(filter), QList<int>({7}));
    filter = {};
    filter.fromUs = kBaseUs + 3 * kSecondUs;
    filter.toUs = kBaseUs + 6 * kSecondUs;
    EXPECT_EQ(positions(filter), QList<int>({3, 4, 5}));

    const QList<dockside::history::ExchangeSummary> all = source->page({}, 0, 100, Qt::AscendingOrder);
    ASSERT_EQ(all.size(), 8);
    filter = {};
    filter.idRanges = {{all.at(1).id, all.at(2).id}, {all.at(6).id, all.at(6).id}};
    EXPECT_EQ(positions(filter), QList<int>({2, 3, 7}));
    // Keyset paging both ways, with a skip.
    const auto newer = source->pageAfter({}, all.at(2).id, 1, 2, Qt::AscendingOrder);
    ASSERT_EQ(newer.size(), 2);
    EXPECT_EQ(newer.at(0).id, all.at(4).id);
    const auto older = source->pageAfter({}, all.at(2).id, 0, 5, Qt::DescendingOrder);
    ASSERT_EQ(older.size(), 2);
    EXPECT_EQ(older.at(0).id, all.at(1).id);
    EXPECT_EQ(source->maxId(), all.last().id);
    Q_UNUSED(localIds)

    // Export streams the same exchanges whole.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    filter = {};
    filter.callId = QStringLiteral("call-a");
    ASSERT_TRUE(source->exportJson(filter, &buffer, &error)) << error.toStdString();
    const QJsonArray exported =
        QJsonDocument::fromJson(buffer.data()).object().value(QStringLiteral("exchanges")).toArray();
    ASSERT_EQ(exported.size(), 3) << buffer.data().toStdString();
    EXPECT_TRUE(exported.at(2)
                    .toObject()
                    .value(QStringLiteral("request"))
                    .toObject()
                    .value(QStringLiteral("body"))
                    .toString()
                    .contains(QStringLiteral("booked a cleaning")))
        << buffer.data().toStdString();
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeSourceParity, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &backend) {
                             return backend.param ? std::string("PostgreSQL") : std::string("SQLite");
                         });

} // namespace
