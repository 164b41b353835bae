// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/exchangesink.h"
#include "history/exchangesource.h"
#include "history/historyclearer.h"
#include "history/historyconnection.h"
#include "history/historydatabase.h"
#include "history/historyreader.h"
#include "history/historyretention.h"
#include "history/historyspool.h"
#include "history/historystore.h"
#include "history/importpacer.h"
#include "history/searchindexer.h"
#include "history/spoolimporter.h"
#include "history/spoolprogress.h"
#include "history/spoolrecovery.h"

#include "qtprinters.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using namespace dockside::history;

constexpr int kWaitMs = 10000;

ExchangeRecord makeRecord(const QByteArray &word)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook?attempt=1");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = QByteArrayLiteral("{\"note\":\"") + word + "\"}";
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("assistant-request");
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{\"answer\":\"ok\"}");
    record.latencyUs = 1500;
    return record;
}

// Each job runs on a connection of the test's own, as the writer thread would run it.
class HistoryJobsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("history.sqlite"));
        QString errorMessage;
        ASSERT_TRUE(m_connection.open(m_path, &errorMessage)) << errorMessage.toStdString();
    }

    QList<qint64> insertRows(int count, const char *word = "word")
    {
        QList<qint64> ids;
        QString errorMessage;
        EXPECT_TRUE(m_connection.begin(&errorMessage)) << errorMessage.toStdString();
        for (int i = 0; i < count; ++i) {
            qint64 id = -1;
            EXPECT_TRUE(m_connection.insert(makeRecord(word + QByteArray::number(ids.size() + 1)), &id, &errorMessage))
                << errorMessage.toStdString();
            ids.append(id);
        }
        EXPECT_TRUE(m_connection.commit(&errorMessage)) << errorMessage.toStdString();
        return ids;
    }

    qint64 value(const QString &statement)
    {
        QSqlQuery query(m_connection.database());
        if (!query.exec(statement) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    QTemporaryDir m_dir;
    QString m_path;
    HistoryConnection m_connection;
};

TEST_F(HistoryJobsTest, ConnectionInsertsBothRowsOfAnExchange)
{
    const QList<qint64> ids = insertRows(2);
    ASSERT_EQ(ids.size(), 2);
    EXPECT_EQ(ids.at(1), ids.at(0) + 1);
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchange_details")), 2);
    QSqlQuery query(m_connection.database());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT path FROM exchanges WHERE id = %1").arg(ids.at(0))) && query.next());
    EXPECT_EQ(query.value(0).toString(), QStringLiteral("/webhook"));

    QString errorMessage;
    EXPECT_FALSE(m_connection.execDirect("SELECT nothing FROM nowhere", &errorMessage));
    EXPECT_FALSE(errorMessage.isEmpty());
    m_connection.close();
    EXPECT_FALSE(m_connection.isOpen());
}

TEST_F(HistoryJobsTest, ConnectionStoresTheColumnsAsTheyWereBeforeItBoundTheSpoolsBytes)
{
    // The importer binds a record's bytes as they lie in the spool; what lands in the columns must not change.
    ExchangeRecord record = makeRecord("bytes");
    record.request.method = QByteArrayLiteral("P\xd6ST"); // Latin-1, stored as UTF-8
    record.request.target = QByteArrayLiteral("/caf\xe9/\xc3\xa9t\xc3\xa9?q=\xff"); // not UTF-8 up to the query
    record.request.headers = {{QByteArrayLiteral("X-Empty"), QByteArray("")}, {QByteArray(), QByteArrayLiteral("v")}};
    record.request.body = QByteArrayLiteral("caf\xc3\xa9");
    record.responseBody = QByteArray("\0binary", 7);
    record.callerNumber = QStringLiteral("+4930\u00e9");
    QString errorMessage;
    qint64 id = -1;
    ASSERT_TRUE(m_connection.begin(&errorMessage));
    ASSERT_TRUE(m_connection.insert(record, &id, &errorMessage)) << errorMessage.toStdString();
    ASSERT_TRUE(m_connection.commit(&errorMessage));

    QSqlQuery query(m_connection.database());
    ASSERT_TRUE(
        query.exec(QStringLiteral("SELECT e.method, CAST(e.path AS BLOB), e.caller, e.error, typeof(e.error), d.target,"
                                  " d.request_headers, d.request_is_text, d.response_is_text, d.forwarded,"
                                  " e.relay, e.request_size FROM exchanges e JOIN exchange_details d"
                                  " ON d.exchange_id = e.id WHERE e.id = %1")
                       .arg(id)) &&
        query.next());
    EXPECT_EQ(query.value(0).toString(), QStringLiteral("P\u00d6ST"));
    EXPECT_EQ(query.value(1).toByteArray(), QString::fromUtf8("/caf\xe9/\xc3\xa9t\xc3\xa9").toUtf8());
    EXPECT_EQ(query.value(2).toString(), record.callerNumber);
    EXPECT_EQ(query.value(3).toString(), QString());
    EXPECT_EQ(query.value(4).toString(), QStringLiteral("text")); // NOT NULL columns hold an empty text
    EXPECT_EQ(query.value(5).toByteArray(), record.request.target);
    EXPECT_EQ(detail::decodeHeaders(query.value(6).toByteArray()), record.request.headers);
    EXPECT_EQ(query.value(7).toInt(), 1);
    EXPECT_EQ(query.value(8).toInt(), 0);
    EXPECT_TRUE(query.isNull(9));
    EXPECT_EQ(query.value(10).toInt(), 0);
    EXPECT_EQ(query.value(11).toLongLong(), record.request.body.size());
}

TEST(StoredBodyText, IsValidUtf8WithoutNulAsADecoderWouldJudgeIt)
{
    const QList<QByteArray> samples = {
        QByteArray(""),
        QByteArrayLiteral("{\"a\":1}"),
        QByteArrayLiteral("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e"),
        QByteArray("a\0b", 3),
        QByteArrayLiteral("\xc0\x80"), // overlong NUL
        QByteArrayLiteral("\xed\xa0\x80"), // a surrogate
        QByteArrayLiteral("\xf4\x90\x80\x80"), // past U+10FFFF
        QByteArrayLiteral("\xe2\x82"), // cut short
        QByteArrayLiteral("\xff"),
        QByteArrayLiteral("\xef\xbb\xbfwith a BOM"),
    };
    for (const QByteArray &sample : samples) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(sample);
        const bool expected = !sample.contains('\0') && !decoder.hasError();
        EXPECT_EQ(detail::isText(sample), expected) << sample.toHex().constData();
    }
}

TEST_F(HistoryJobsTest, ConnectionRefusesAFolderThatDoesNotExist)
{
    HistoryConnection connection;
    QString errorMessage;
    EXPECT_FALSE(connection.open(m_dir.filePath(QStringLiteral("missing/history.sqlite")), &errorMessage));
    EXPECT_FALSE(errorMessage.isEmpty());
    EXPECT_FALSE(connection.isOpen());
}

TEST(ImportPacerTest, CopiesLiveUnderLightTrafficAndWaitsForAPauseUnderHeavyTraffic)
{
    ImportPacer pacer;
    pacer.start();
    pacer.arrived(1);
    EXPECT_TRUE(pacer.isDue(0));
    // A burst far above the live rate, kept up until a rate window has measured it.
    const bool deferred = QTest::qWaitFor(
        [&pacer] {
            pacer.arrived(100000);
            return !pacer.isDue(0);
        },
        kWaitMs);
    ASSERT_TRUE(deferred);
    EXPECT_GT(pacer.arrivalRate(), ImportPacing().liveRate);
    EXPECT_TRUE(pacer.isDue(ImportPacing().maxDeferredBytes));
    EXPECT_TRUE(QTest::qWaitFor([&pacer] { return pacer.isDue(0); }, kWaitMs)); // once the burst pauses
}

TEST(ImportPacerTest, EveryBranchFollowsItsOption)
{
    // A live rate of 40 a second and a 1,000-byte bound: a trickle the defaults call light is heavy here.
    ImportPacer pacer;
    pacer.setPacing({40, 1000});
    pacer.start();
    pacer.arrived(1);
    EXPECT_TRUE(pacer.isDue(0)) << "live: below the rate";
    const bool deferred = QTest::qWaitFor(
        [&pacer] {
            pacer.arrived(20); // 20 per poll is far above 40 a second, and far below the default 5,000
            return !pacer.isDue(999);
        },
        kWaitMs);
    ASSERT_TRUE(deferred) << "deferred: above the rate, the spool under its bound";
    EXPECT_GT(pacer.arrivalRate(), 40);
    EXPECT_LT(pacer.arrivalRate(), ImportPacing().liveRate);
    pacer.arrived(20);
    EXPECT_TRUE(pacer.isDue(1000)) << "due: the spool reached its bound";
    EXPECT_FALSE(pacer.isDue(999));
    EXPECT_TRUE(QTest::qWaitFor([&pacer] { return pacer.isDue(0); }, kWaitMs)) << "due: the traffic paused";
}

TEST_F(HistoryJobsTest, ImporterCopiesASpoolAndDeletesItOnceFinished)
{
    HistorySpool spool;
    QString errorMessage;
    ASSERT_TRUE(spool.open(m_path, &errorMessage)) << errorMessage.toStdString();
    for (int i = 0; i < 3; ++i)
        spool.add(makeRecord("spooled" + QByteArray::number(i)));
    const std::optional<SpooledBatch> batch = spool.write(&errorMessage);
    ASSERT_TRUE(batch) << errorMessage.toStdString();
    const QString spoolPath = batch->file->path();

    SpoolImporter importer(m_connection);
    importer.start();
    QSignalSpy finished(&importer, &SpoolImporter::batchFinished);
    QSignalSpy rows(&importer, &SpoolImporter::rowsImported);
    importer.enqueue(*batch);
    EXPECT_EQ(importer.backlog(), 3);
    ASSERT_TRUE(importer.importAll());
    EXPECT_EQ(importer.backlog(), 0);
    EXPECT_EQ(importer.committedBatches(), 1U);
    ASSERT_EQ(finished.size(), 1);
    EXPECT_EQ(finished.at(0).at(0).value<CommittedBatch>().ids.size(), 3);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.at(0).at(0).toLongLong(), 3);
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 3);
    EXPECT_EQ(value(QStringLiteral("SELECT imported_bytes FROM spool_progress")), batch->endOffset);

    importer.enqueue(spool.finish());
    ASSERT_TRUE(importer.importAll());
    EXPECT_FALSE(QFileInfo::exists(spoolPath));
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM spool_progress")), 0);
    importer.stop();
}

TEST_F(HistoryJobsTest, ImporterCopiesOnItsOwnTimerAndImportsUpToMarks)
{
    HistorySpool spool;
    QString errorMessage;
    ASSERT_TRUE(spool.open(m_path, &errorMessage)) << errorMessage.toStdString();
    SpoolImporter importer(m_connection);
    importer.start();
    QSignalSpy live(&importer, &SpoolImporter::liveImportFinished);
    spool.add(makeRecord("first"));
    importer.enqueue(*spool.write(&errorMessage));
    ASSERT_TRUE(QTest::qWaitFor([&live] { return !live.isEmpty(); }, kWaitMs));
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 1);

    spool.add(makeRecord("second"));
    importer.enqueue(*spool.write(&errorMessage));
    const QHash<const SpoolFile *, qint64> marks = importer.spooledMarks();
    ASSERT_TRUE(importer.importUpTo(marks));
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 2);
    EXPECT_EQ(importer.backlog(), 0);
    importer.enqueue(spool.finish());
    importer.stop();
}

TEST_F(HistoryJobsTest, RecoveryAdoptsUnlockedSpoolsFromTheirProgressAndSkipsLockedOnes)
{
    HistorySpool live;
    QString errorMessage;
    ASSERT_TRUE(live.open(m_path, &errorMessage)) << errorMessage.toStdString();
    live.add(makeRecord("copied-before"));
    const std::optional<SpooledBatch> first = live.write(&errorMessage);
    ASSERT_TRUE(first) << errorMessage.toStdString();
    live.add(makeRecord("left-behind"));
    const std::optional<SpooledBatch> second = live.write(&errorMessage);
    ASSERT_TRUE(second) << errorMessage.toStdString();
    // A copy nobody locks stands for the spool of a killed process, which had copied its first record.
    const QString orphanName = HistorySpool::filePrefix(m_path) + QStringLiteral("orphan");
    ASSERT_TRUE(QFile::copy(second->file->path(), m_dir.filePath(orphanName)));
    SpoolProgress progress(m_connection);
    ASSERT_TRUE(progress.record(orphanName, first->endOffset, &errorMessage)) << errorMessage.toStdString();
    ASSERT_TRUE(progress.record(HistorySpool::filePrefix(m_path) + QStringLiteral("gone"), 10, &errorMessage));

    const QList<RecoveredSpool> recovered = SpoolRecovery(m_path, progress).adoptOrphans();
    ASSERT_EQ(recovered.size(), 1);
    EXPECT_EQ(recovered.at(0).file->name(), orphanName);
    EXPECT_EQ(recovered.at(0).importedOffset, first->endOffset);
    EXPECT_EQ(recovered.at(0).size, second->endOffset);
    EXPECT_EQ(progress.load().keys(), QList<QString> {orphanName});

    SpoolImporter importer(m_connection);
    importer.start();
    importer.adopt(recovered.at(0));
    ASSERT_TRUE(importer.importAll());
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 1);
    EXPECT_FALSE(QFileInfo::exists(m_dir.filePath(orphanName)));
    EXPECT_TRUE(progress.load().isEmpty());
    importer.stop();
}

TEST_F(HistoryJobsTest, IndexerIndexesInChunksAndCatchesUp)
{
    const QList<qint64> ids = insertRows(3, "needle");
    SearchIndexer indexer(m_connection);
    indexer.countPending();
    EXPECT_EQ(indexer.unindexedRows(), 3);
    ASSERT_TRUE(indexer.indexPending(2));
    EXPECT_EQ(value(QStringLiteral("SELECT indexed_up_to FROM search_progress")), ids.at(1));
    EXPECT_GT(indexer.unindexedRows(), 0);
    indexer.catchUp();
    EXPECT_EQ(indexer.unindexedRows(), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT indexed_up_to FROM search_progress")), ids.at(2));
    EXPECT_EQ(value(QStringLiteral("SELECT rowid FROM exchange_search WHERE exchange_search MATCH 'needle3'")),
              ids.at(2));
}

TEST_F(HistoryJobsTest, IndexerRunsOnItsTimerOnceAppendsPause)
{
    SearchIndexer indexer(m_connection);
    const QList<qint64> ids = insertRows(2);
    indexer.addRows(2);
    indexer.schedule();
    ASSERT_TRUE(QTest::qWaitFor([&indexer] { return indexer.unindexedRows() == 0; }, kWaitMs));
    EXPECT_EQ(value(QStringLiteral("SELECT indexed_up_to FROM search_progress")), ids.at(1));
}

TEST_F(HistoryJobsTest, RetentionKeepsTheNewestRowsAndCountsTowardsItsNextRun)
{
    const QList<qint64> ids = insertRows(5);
    HistoryRetention retention(m_connection);
    QString errorMessage;
    EXPECT_FALSE(retention.hasLimits());
    EXPECT_EQ(retention.apply(&errorMessage), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 5);

    retention.setOptions({m_path, 2, 0});
    EXPECT_EQ(retention.apply(&errorMessage), 3) << errorMessage.toStdString();
    EXPECT_EQ(value(QStringLiteral("SELECT min(id) FROM exchanges")), ids.at(3));
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchange_details")), 2);

    retention.addRows(HistoryRetention::kInterval);
    EXPECT_TRUE(retention.isDue());
    retention.setOptions({m_path, 0, 1}); // every record is from 2023
    EXPECT_EQ(retention.apply(&errorMessage), 2) << errorMessage.toStdString();
    EXPECT_FALSE(retention.isDue());
}

TEST_F(HistoryJobsTest, ClearerEmptiesTablesAndIndexAndMovesTheIndexMarkPastEveryId)
{
    const QList<qint64> ids = insertRows(3, "cleared");
    SearchIndexer indexer(m_connection);
    indexer.addRows(2);
    ASSERT_TRUE(indexer.indexPending(2)); // the third row stays unindexed
    const qint64 secureDelete = value(QStringLiteral("PRAGMA secure_delete"));
    HistoryClearer clearer(m_connection);
    QString errorMessage;
    EXPECT_EQ(clearer.removeAll(&errorMessage), 3) << errorMessage.toStdString();
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchanges")), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchange_details")), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM exchange_search WHERE exchange_search MATCH 'cleared1'")), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT indexed_up_to FROM search_progress")), ids.at(2));
    EXPECT_EQ(value(QStringLiteral("PRAGMA secure_delete")), secureDelete); // restored after the clear
    EXPECT_TRUE(clearer.compact(&errorMessage)) << errorMessage.toStdString();
}

TEST_F(HistoryJobsTest, ClearerRunsTriggersItDoesNotKnowRowByRow)
{
    insertRows(2);
    QString errorMessage;
    ASSERT_TRUE(m_connection.execDirect("CREATE TABLE removed_log (id INTEGER)", &errorMessage))
        << errorMessage.toStdString();
    ASSERT_TRUE(m_connection.execDirect("CREATE TRIGGER log_removal AFTER DELETE ON exchanges BEGIN INSERT INTO"
                                        " removed_log VALUES (old.id); END",
                                        &errorMessage))
        << errorMessage.toStdString();
    HistoryClearer clearer(m_connection);
    EXPECT_EQ(clearer.removeAll(&errorMessage), 2) << errorMessage.toStdString();
    EXPECT_EQ(value(QStringLiteral("SELECT count(*) FROM removed_log")), 2);
}

TEST(ExchangeInterfacesTest, TheSqliteHistoryAppendsAndReadsThroughTheBackendInterfaces)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    HistoryStore store;
    QString errorMessage;
    ASSERT_TRUE(store.open({path, 0, 0}, &errorMessage)) << errorMessage.toStdString();
    ExchangeSink &sink = store;
    QSignalSpy appended(&store, &HistoryStore::appended);
    bool durable = false;
    sink.append(makeRecord("through-the-sink"), [&durable](bool stored) { durable = stored; });
    ASSERT_TRUE(QTest::qWaitFor([&appended] { return !appended.isEmpty(); }, kWaitMs));
    EXPECT_TRUE(durable);
    EXPECT_EQ(sink.backlog(), 0);
    const qint64 id = appended.at(0).at(0).value<QList<qint64>>().value(0);

    HistoryReader reader;
    ASSERT_TRUE(reader.open(path, &errorMessage)) << errorMessage.toStdString();
    ExchangeSource &source = reader;
    EXPECT_EQ(source.count({}), 1);
    EXPECT_EQ(source.maxId(), id);
    const QList<ExchangeSummary> page = source.page({}, 0, 10);
    ASSERT_EQ(page.size(), 1);
    const std::optional<ExchangeRecord> loaded = source.load(id);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->request.body, makeRecord("through-the-sink").request.body);
    source.close();
    EXPECT_FALSE(source.isOpen());
    sink.close();
    EXPECT_FALSE(sink.isOpen());
}

} // namespace

// The store hands its pacing to the importer. Steady traffic at 200 a second is far above a live rate of 1 a second:
// once a rate window has measured it, a 1-byte bound keeps copying while the traffic goes on, and without the bound
// the spool's backlog grows until the traffic pauses.
TEST(ImportPacerTest, TheStoresPacingDecidesWhetherHeavyTrafficIsCopiedAtOnce)
{
    const auto sendUntil = [](const ImportPacing &pacing, const std::function<bool(HistoryStore &, int)> &done) {
        QTemporaryDir dir;
        HistoryStore store;
        store.setImportPacing(pacing);
        QString errorMessage;
        EXPECT_TRUE(store.open({dir.filePath(QStringLiteral("history.sqlite")), 0, 0}, &errorMessage))
            << errorMessage.toStdString();
        QElapsedTimer clock;
        clock.start();
        int copiesAfterMeasuring = 0;
        QObject::connect(&store, &HistoryStore::appended, &store, [&] {
            if (clock.elapsed() > 2 * ImportPacer::kRateWindowMs)
                ++copiesAfterMeasuring;
        });
        int sent = 0;
        bool reached = false;
        while (!reached && clock.elapsed() < 3000) {
            store.append(makeRecord("steady" + QByteArray::number(sent++)));
            QTest::qWait(5);
            reached = done(store, copiesAfterMeasuring);
        }
        // Whichever branch: once the traffic pauses, everything is copied.
        EXPECT_TRUE(QTest::qWaitFor([&store] { return store.backlog() == 0; }, kWaitMs)) << store.backlog();
        store.close();
        return reached;
    };
    EXPECT_TRUE(sendUntil({1, 1}, [](HistoryStore &, int copies) { return copies >= 5; }))
        << "the bound copies during the traffic";
    EXPECT_TRUE(sendUntil({1, qint64(1) << 30}, [](HistoryStore &store, int) { return store.backlog() >= 100; }))
        << "the copy is deferred while the traffic goes on";
}
