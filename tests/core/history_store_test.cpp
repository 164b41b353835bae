// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historydatabase.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include "qtprinters.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

#include <functional>
#include <optional>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr int kWaitMs = 10000;

ExchangeRecord makeRecord(int sequence, qint64 receivedAtUs = 1'700'000'000'000'000)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = receivedAtUs + sequence;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook?seq=") + QByteArray::number(sequence);
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1:8080")},
                              {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.request.body = QByteArrayLiteral("{\"sequence\":") + QByteArray::number(sequence) + QByteArrayLiteral("}");
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.request.peerPort = 50000;
    record.request.headerBytes = 120;
    record.url = QStringLiteral("http://127.0.0.1:8080/");
    record.eventType = QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+4930123456");
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{\"ok\":true}");
    record.latencyUs = 1500;
    return record;
}

class HistoryStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    // Appends every record, waits until each is durable and then in SQLite; returns the ids in append order, or -1
    // for each record when the spool could not take them.
    static QList<qint64> appendAndWait(HistoryStore &store, const QList<ExchangeRecord> &records)
    {
        QSignalSpy appended(&store, &HistoryStore::appended);
        qsizetype done = 0;
        qsizetype stored = 0;
        for (const ExchangeRecord &record : records) {
            store.append(record, [&done, &stored](bool durable) {
                ++done;
                stored += durable ? 1 : 0;
            });
        }
        EXPECT_TRUE(QTest::qWaitFor([&] { return done == records.size(); }, kWaitMs));
        if (stored < records.size())
            return QList<qint64>(records.size(), -1);
        QList<qint64> ids;
        EXPECT_TRUE(QTest::qWaitFor(
            [&] {
                ids.clear();
                for (const QList<QVariant> &arguments : std::as_const(appended))
                    ids += arguments.at(0).value<QList<qint64>>();
                return ids.size() >= records.size();
            },
            kWaitMs));
        return ids;
    }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
};

TEST_F(HistoryStoreTest, CallbackRunsOnCallerThreadOnceSpooledAndTheRowFollowsInSqlite)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    QSignalSpy appended(&store, &HistoryStore::appended);

    const ExchangeRecord record = makeRecord(7);
    std::optional<bool> durable;
    QThread *callbackThread = nullptr;
    qint64 spoolBytesAtCallback = 0;
    store.append(record, [&](bool stored) {
        durable = stored;
        callbackThread = QThread::currentThread();
        const QDir folder(m_dir.path());
        for (const QFileInfo &file : folder.entryInfoList({QStringLiteral("history.sqlite-spool-*")}, QDir::Files))
            spoolBytesAtCallback += file.size();
    });
    EXPECT_FALSE(durable.has_value()) << "the callback must be queued, never run inside append()";
    ASSERT_TRUE(QTest::qWaitFor([&] { return durable.has_value(); }, kWaitMs));
    EXPECT_TRUE(*durable);
    EXPECT_EQ(callbackThread, QCoreApplication::instance()->thread());
    EXPECT_GT(spoolBytesAtCallback, record.request.body.size()) << "durable means written to the spool file";

    ASSERT_TRUE(appended.count() > 0 || appended.wait(kWaitMs));
    const QList<qint64> ids = appended.at(0).at(0).value<QList<qint64>>();
    ASSERT_EQ(ids.size(), 1);
    const auto loaded = reader.load(ids.at(0));
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->request.body, record.request.body);
    EXPECT_EQ(store.committedBatches(), 1u);
    EXPECT_EQ(store.backlog(), 0);
}

TEST_F(HistoryStoreTest, AppendedSignalCarriesTheCommittedIds)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QSignalSpy appended(&store, &HistoryStore::appended);
    const QList<qint64> ids = appendAndWait(store, {makeRecord(1), makeRecord(2), makeRecord(3)});
    ASSERT_TRUE(appended.count() > 0 || appended.wait(kWaitMs));
    QList<qint64> signalled;
    for (const QList<QVariant> &arguments : std::as_const(appended))
        signalled += arguments.at(0).value<QList<qint64>>();
    EXPECT_EQ(signalled, ids);
    EXPECT_TRUE(ids.at(0) < ids.at(1) && ids.at(1) < ids.at(2));
}

TEST_F(HistoryStoreTest, BurstOfAppendsIsGroupCommitted)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QList<ExchangeRecord> records;
    for (int i = 0; i < 1000; ++i)
        records.append(makeRecord(i));
    const QList<qint64> ids = appendAndWait(store, records);
    for (qsizetype i = 1; i < ids.size(); ++i)
        ASSERT_EQ(ids.at(i), ids.at(i - 1) + 1) << "ids follow append order";
    EXPECT_GE(store.committedBatches(), 1u);
    // Appends in one pass of the event loop share one spool write and one copy into SQLite.
    EXPECT_LE(store.committedBatches(), 5u) << "1000 appends should share transactions";

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 1000);
}

TEST_F(HistoryStoreTest, EveryFieldRoundTripsAndBinaryBodiesAreByteExact)
{
    QByteArray binary;
    for (int repeat = 0; repeat < 3; ++repeat) {
        for (int byte = 0; byte < 256; ++byte)
            binary.append(char(byte));
    }
    binary.append(QByteArrayLiteral("\xff\xfe\x00\x00tail\xc3"));

    ExchangeRecord record = makeRecord(1);
    record.direction = Direction::Outbound;
    record.request.body = binary;
    record.request.target = QByteArrayLiteral("/hook/%E2%9C%93?a=1&b=%20x");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.0");
    record.request.peerAddress = QStringLiteral("::1");
    record.request.peerPort = 65535;
    record.request.headerBytes = 321;
    record.request.headers = {{QByteArrayLiteral("X-B"), QByteArrayLiteral("2")},
                              {QByteArrayLiteral("x-a"), QByteArrayLiteral("1")},
                              {QByteArrayLiteral("X-B"), QByteArrayLiteral("3")},
                              {QByteArrayLiteral("X-Latin"), QByteArrayLiteral("caf\xe9")},
                              {QByteArrayLiteral("X-Empty"), QByteArray()}};
    record.url = QStringLiteral("https://example.test/hook");
    record.callId = QStringLiteral("call-1");
    record.calledNumber = QStringLiteral("+4930999");
    record.signatureStatus = QStringLiteral("valid");
    record.signedString = QByteArrayLiteral("1700000000.") + binary;
    record.responseStatus = 503;
    record.responseHeaders = {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")},
                              {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream")},
                              {QByteArrayLiteral("retry-after"), QByteArrayLiteral("2")}};
    record.responseBody = binary.right(300);
    record.templateId = QStringLiteral("tpl");
    record.ruleId = QStringLiteral("rule");
    record.error = QStringLiteral("upstream failed");
    record.latencyUs = 123456789;
    record.connectUs = 0; // a reused connection: known, and zero
    record.firstByteUs = 120000;
    record.outcomeDisposition = QStringLiteral("rejected");
    record.outcomeReason = QStringLiteral("assistant_request_failed");
    record.spokenFirst = QStringLiteral("Grüß Gott");

    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    const qint64 id = appendAndWait(store, {record}).constFirst();
    store.close();

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    const auto loaded = reader.load(id);
    ASSERT_TRUE(loaded.has_value()) << reader.lastError().toStdString();
    EXPECT_EQ(loaded->id, id);
    EXPECT_EQ(loaded->direction, Direction::Outbound);
    EXPECT_EQ(loaded->request.receivedAtUs, record.request.receivedAtUs);
    EXPECT_EQ(loaded->request.method, record.request.method);
    EXPECT_EQ(loaded->request.target, record.request.target);
    EXPECT_EQ(loaded->request.httpVersion, record.request.httpVersion);
    EXPECT_EQ(loaded->request.headers, record.request.headers);
    EXPECT_EQ(loaded->request.body, binary);
    EXPECT_EQ(loaded->request.peerAddress, record.request.peerAddress);
    EXPECT_EQ(loaded->request.peerPort, record.request.peerPort);
    EXPECT_EQ(loaded->request.headerBytes, record.request.headerBytes);
    EXPECT_EQ(loaded->url, record.url);
    EXPECT_EQ(loaded->eventType, record.eventType);
    EXPECT_EQ(loaded->callId, record.callId);
    EXPECT_EQ(loaded->callerNumber, record.callerNumber);
    EXPECT_EQ(loaded->calledNumber, record.calledNumber);
    EXPECT_EQ(loaded->signatureStatus, record.signatureStatus);
    EXPECT_EQ(loaded->signedString, record.signedString);
    EXPECT_EQ(loaded->connectUs, std::optional<qint64>(0));
    EXPECT_EQ(loaded->firstByteUs, std::optional<qint64>(120000));
    EXPECT_EQ(loaded->responseStatus, record.responseStatus);
    EXPECT_EQ(loaded->responseHeaders, record.responseHeaders);
    EXPECT_EQ(loaded->responseBody, record.responseBody);
    EXPECT_EQ(loaded->templateId, record.templateId);
    EXPECT_EQ(loaded->ruleId, record.ruleId);
    EXPECT_EQ(loaded->error, record.error);
    EXPECT_EQ(loaded->latencyUs, record.latencyUs);
    EXPECT_EQ(loaded->outcomeDisposition, record.outcomeDisposition);
    EXPECT_EQ(loaded->outcomeReason, record.outcomeReason);
    EXPECT_EQ(loaded->spokenFirst, record.spokenFirst);

    const auto summaries = reader.page({}, 0, 10);
    ASSERT_EQ(summaries.size(), 1);
    EXPECT_EQ(summaries.at(0).path, QStringLiteral("/hook/%E2%9C%93"));
    EXPECT_EQ(summaries.at(0).method, QStringLiteral("POST"));
    EXPECT_EQ(summaries.at(0).requestBodySize, binary.size());
    EXPECT_EQ(summaries.at(0).responseBodySize, 300);
    EXPECT_EQ(summaries.at(0).responseStatus, 503);
    EXPECT_EQ(summaries.at(0).error, record.error);
    EXPECT_FALSE(reader.load(id + 1).has_value());
}

TEST_F(HistoryStoreTest, RowsSurviveCloseAndReopenAndIdsKeepGrowing)
{
    QList<qint64> first;
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        first = appendAndWait(store, {makeRecord(1), makeRecord(2)});
    } // the destructor closes
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    const QList<qint64> second = appendAndWait(store, {makeRecord(3)});
    EXPECT_GT(second.at(0), first.at(1));

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 3);
    ASSERT_TRUE(reader.load(first.at(0)).has_value());
    EXPECT_EQ(reader.load(first.at(0))->request.body, makeRecord(1).request.body);
}

TEST_F(HistoryStoreTest, CloseRunsTheCallbacksOfEverythingQueued)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QList<bool> stored;
    for (int i = 0; i < 200; ++i)
        store.append(makeRecord(i), [&stored](bool durable) { stored.append(durable); });
    store.close();
    ASSERT_EQ(stored.size(), 200);
    EXPECT_TRUE(std::all_of(stored.cbegin(), stored.cend(), [](bool durable) { return durable; }));
    EXPECT_TRUE(QDir(m_dir.path()).entryList({QStringLiteral("history.sqlite-spool-*")}).isEmpty())
        << "a clean close copies the spool and deletes it";

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 200);
}

TEST_F(HistoryStoreTest, AppendToAClosedStoreFailsThroughTheCallback)
{
    HistoryStore store;
    QSignalSpy failed(&store, &HistoryStore::failed);
    std::optional<bool> result;
    store.append(makeRecord(1), [&result](bool stored) { result = stored; });
    EXPECT_FALSE(result.has_value());
    ASSERT_TRUE(QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs));
    EXPECT_FALSE(*result);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("not open")));
}

TEST_F(HistoryStoreTest, RetentionByCountKeepsTheNewestRows)
{
    m_options.maxRows = 10;
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QList<ExchangeRecord> records;
    for (int i = 0; i < 25; ++i) {
        records.append(makeRecord(i));
        records.last().request.body = QByteArrayLiteral("marker") + QByteArray::number(i);
    }
    const QList<qint64> ids = appendAndWait(store, records);

    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    store.applyRetention();
    ASSERT_TRUE(retention.wait(kWaitMs));
    EXPECT_EQ(retention.at(0).at(0).toLongLong(), 15);

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 10);
    const auto page = reader.page({}, 0, 100, Qt::AscendingOrder);
    ASSERT_EQ(page.size(), 10);
    EXPECT_EQ(page.constFirst().id, ids.at(15));
    EXPECT_EQ(page.constLast().id, ids.at(24));
    dockside::history::HistoryFilter search;
    search.text = QStringLiteral("marker3");
    EXPECT_EQ(reader.count(search), 0) << "a removed row must leave the search index";
    search.text = QStringLiteral("marker24");
    EXPECT_EQ(reader.count(search), 1);
}

TEST_F(HistoryStoreTest, RetentionByAgeRemovesOldRowsAlsoWhenOpening)
{
    const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    const qint64 dayUs = qint64(86400) * 1000 * 1000;
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        appendAndWait(store,
                      {makeRecord(1, nowUs - 10 * dayUs), makeRecord(2, nowUs - 3 * dayUs),
                       makeRecord(3, nowUs - dayUs / 2), makeRecord(4, nowUs)});
    }
    m_options.maxAgeDays = 5;
    HistoryStore store;
    QString error;
    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    ASSERT_TRUE(retention.wait(kWaitMs)) << "opening applies retention";
    EXPECT_EQ(retention.at(0).at(0).toLongLong(), 1);

    store.close();
    m_options.maxAgeDays = 1;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    retention.clear();
    store.applyRetention();
    ASSERT_TRUE(retention.count() > 0 || retention.wait(kWaitMs));

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    const auto page = reader.page({}, 0, 10, Qt::AscendingOrder);
    ASSERT_EQ(page.size(), 2);
    EXPECT_EQ(page.at(0).receivedAtUs, nowUs - dayUs / 2 + 3);
    EXPECT_EQ(page.at(1).receivedAtUs, nowUs + 4);
}

TEST_F(HistoryStoreTest, OpeningInAMissingFolderFailsWithAClearMessage)
{
    HistoryStore store;
    QString error;
    m_options.databasePath = m_dir.filePath(QStringLiteral("missing/folder/history.sqlite"));
    EXPECT_FALSE(store.open(m_options, &error));
    EXPECT_FALSE(store.isOpen());
    EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
    EXPECT_TRUE(error.contains(m_dir.filePath(QStringLiteral("missing/folder")))) << error.toStdString();
}

TEST_F(HistoryStoreTest, OpeningWhereSqliteCannotCreateTheFileFails)
{
    // /proc refuses new files even for root, so the failure comes from SQLite itself.
    HistoryStore store;
    QString error;
    m_options.databasePath = QStringLiteral("/proc/dockside-history.sqlite");
    EXPECT_FALSE(store.open(m_options, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("/proc/dockside-history.sqlite"))) << error.toStdString();
}

TEST_F(HistoryStoreTest, OpeningInAnUnwritableFolderFails)
{
    if (geteuid() == 0) {
        // Root writes into any folder, so CI (root) runs this test again as nobody, from a copy nobody can reach.
        QTemporaryDir bin(QDir::tempPath() + QStringLiteral("/dockside-nobody-XXXXXX"));
        const QString copy = bin.filePath(QStringLiteral("core_tests"));
        ASSERT_TRUE(QFile::copy(QCoreApplication::applicationFilePath(), copy));
        ASSERT_TRUE(QFile::setPermissions(
            bin.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
        ASSERT_TRUE(
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
        QProcess child;
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QStringLiteral("setpriv"),
                    {QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                     QStringLiteral("--clear-groups"), copy,
                     QStringLiteral("--gtest_filter=HistoryStoreTest.") +
                         QString::fromLatin1(::testing::UnitTest::GetInstance()->current_test_info()->name())});
        ASSERT_TRUE(child.waitForFinished(60000));
        const QString output = QString::fromLocal8Bit(child.readAll());
        EXPECT_EQ(child.exitCode(), 0) << output.toStdString();
        EXPECT_TRUE(output.contains(QStringLiteral("[  PASSED  ] 1 test"))) << output.toStdString();
        return;
    }
    const QString folder = m_dir.filePath(QStringLiteral("locked"));
    ASSERT_TRUE(QDir().mkdir(folder));
    ASSERT_TRUE(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    HistoryStore store;
    QString error;
    m_options.databasePath = folder + QStringLiteral("/history.sqlite");
    EXPECT_FALSE(store.open(m_options, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not writable"))) << error.toStdString();
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

TEST_F(HistoryStoreTest, InMemoryAndForeignFilesAreRefused)
{
    HistoryStore store;
    QString error;
    m_options.databasePath = QStringLiteral(":memory:");
    EXPECT_FALSE(store.open(m_options, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("file on disk"))) << error.toStdString();

    const QString foreign = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(foreign);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    m_options.databasePath = foreign;
    error.clear();
    EXPECT_FALSE(store.open(m_options, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not a Dockside history database"))) << error.toStdString();
}

// Runs a statement on a connection of the test's own, as another program would.
void execOnOwnConnection(const QString &path, const QStringList &statements, const std::function<void()> &whileOpen)
{
    const QString name = QStringLiteral("history-test-intruder");
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.setDatabaseName(path);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        for (const QString &statement : statements)
            ASSERT_TRUE(query.exec(statement)) << query.lastError().text().toStdString();
        whileOpen();
        query.exec(QStringLiteral("ROLLBACK"));
    }
    QSqlDatabase::removeDatabase(name);
}

TEST_F(HistoryStoreTest, ASpoolWriteFailureReachesCallbacksAndTheFailedSignal)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QSignalSpy failed(&store, &HistoryStore::failed);
    // A file size limit makes the spool's write fail as a full disk would (EFBIG instead of ENOSPC).
    rlimit previous {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &previous), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = previous;
    tiny.rlim_cur = 64;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
    QList<bool> stored;
    store.append(makeRecord(1), [&stored](bool durable) { stored.append(durable); });
    store.append(makeRecord(2), [&stored](bool durable) { stored.append(durable); });
    const bool answered = QTest::qWaitFor([&] { return stored.size() == 2; }, kWaitMs);
    ::setrlimit(RLIMIT_FSIZE, &previous);
    std::signal(SIGXFSZ, previousHandler);
    ASSERT_TRUE(answered);
    EXPECT_EQ(stored, QList<bool>({false, false}));
    ASSERT_EQ(failed.count(), 1);
    const QString message = failed.at(0).at(0).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("could not write its history spool"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("2 exchange(s) were not recorded"))) << message.toStdString();

    const QList<qint64> ids = appendAndWait(store, {makeRecord(3)});
    ASSERT_EQ(ids.size(), 1);
    EXPECT_GT(ids.at(0), 0) << "no partial frame is left behind: the next record is read back whole";
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 1);
}

TEST_F(HistoryStoreTest, ALockHeldByAnotherProgramDelaysTheCopyButLosesNothing)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QSignalSpy failed(&store, &HistoryStore::failed);
    QSignalSpy appended(&store, &HistoryStore::appended);
    execOnOwnConnection(m_options.databasePath, {QStringLiteral("BEGIN IMMEDIATE")}, [&] {
        std::optional<bool> result;
        store.append(makeRecord(1), [&result](bool stored) { result = stored; });
        ASSERT_TRUE(QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs));
        EXPECT_TRUE(*result) << "the spool makes it durable whatever SQLite is doing";
        // The writer waits out SQLite's busy timeout (5 s) before it reports the lock.
        ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() > 0; }, 15000));
        EXPECT_EQ(appended.count(), 0);
        EXPECT_EQ(store.backlog(), 1);
    });
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("locked by another program")))
        << failed.at(0).at(0).toString().toStdString();
    ASSERT_TRUE(appended.count() > 0 || appended.wait(15000)) << "the copy is retried once the lock is gone";
    EXPECT_EQ(store.backlog(), 0);
    EXPECT_GT(appendAndWait(store, {makeRecord(2)}).constFirst(), 0);
}

TEST(HistoryErrors, SqliteCodesBecomeAdvice)
{
    using dockside::history::detail::describeSqlError;
    const QString path = QStringLiteral("/data/history.sqlite");
    const auto message = [&](const char *code) {
        return describeSqlError(QSqlError(QStringLiteral("driver"), QStringLiteral("database or disk is full"),
                                          QSqlError::StatementError, QString::fromLatin1(code)),
                                path);
    };
    EXPECT_TRUE(message("13").contains(QStringLiteral("disk is full"))) << message("13").toStdString();
    EXPECT_TRUE(message("13").contains(path));
    EXPECT_TRUE(message("5").contains(QStringLiteral("locked by another program")));
    EXPECT_TRUE(message("6").contains(QStringLiteral("locked by another program")));
    EXPECT_TRUE(message("264").contains(QStringLiteral("read-only"))) << "SQLITE_READONLY_ROLLBACK is read-only";
    EXPECT_TRUE(message("26").contains(QStringLiteral("not a Dockside history database")));
}

} // namespace

TEST_F(HistoryStoreTest, SearchIndexingCatchesUpInTheBackgroundAndOnClose)
{
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    QList<ExchangeRecord> records;
    for (int i = 0; i < 50; ++i) {
        records.append(makeRecord(i));
        records.last().responseBody = "needle" + QByteArray::number(i);
    }
    appendAndWait(store, records);

    const auto indexedUpTo = [this] {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("index-probe"));
        database.setDatabaseName(m_options.databasePath);
        qint64 value = -1;
        if (database.open()) {
            QSqlQuery query(database);
            if (query.exec(QStringLiteral("SELECT indexed_up_to FROM search_progress")) && query.next())
                value = query.value(0).toLongLong();
        }
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("index-probe"));
        return value;
    };
    // Fewer rows than a chunk: indexed by the timer, not at once.
    EXPECT_TRUE(QTest::qWaitFor([&] { return indexedUpTo() == 50; }, 3000));

    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error));
    dockside::history::HistoryFilter filter;
    filter.text = QStringLiteral("needle7");
    EXPECT_EQ(reader.count(filter), 1);

    records.clear();
    for (int i = 50; i < 60; ++i)
        records.append(makeRecord(i));
    appendAndWait(store, records);
    store.close();
    EXPECT_EQ(indexedUpTo(), 60) << "a clean close leaves nothing unindexed";
}
