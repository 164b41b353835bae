// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr int kWaitMs = 10000;

ExchangeRecord makeRecord(const QByteArray &word, qsizetype padding = 0)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = QByteArrayLiteral("{\"note\":\"") + word + ' ' + QByteArray(padding, 'x') + "\"}";
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+4930123456");
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{\"answer\":\"reply") + word + "\"}";
    record.latencyUs = 1500;
    return record;
}

class HistoryClearTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    static QList<qint64> appendAndWait(HistoryStore &store, const QList<ExchangeRecord> &records)
    {
        return dockside::testing::appendAndWaitForIds(store, records, kWaitMs);
    }

    static QList<ExchangeRecord> records(const char *word, int from, int to, qsizetype padding = 0)
    {
        QList<ExchangeRecord> result;
        for (int i = from; i < to; ++i)
            result.append(makeRecord(QByteArray(word) + QByteArray::number(i), padding));
        return result;
    }

    // Runs statements on a connection of its own, as another program would; returns the last one's first value.
    qint64 sql(const QStringList &statements) const
    {
        const QString name = QStringLiteral("clear-probe");
        qint64 value = -1;
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            database.setDatabaseName(m_options.databasePath);
            EXPECT_TRUE(database.open());
            QSqlQuery query(database);
            for (const QString &statement : statements) {
                EXPECT_TRUE(query.exec(statement))
                    << statement.toStdString() << ": " << query.lastError().text().toStdString();
                value = query.next() ? query.value(0).toLongLong() : -1;
            }
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }
    qint64 sql(const QString &statement) const { return sql(QStringList {statement}); }

    // The full-text index itself, not the reader's scan of rows it has not indexed yet.
    qint64 indexMatches(const QString &word) const
    {
        return sql(QStringLiteral("SELECT count(*) FROM exchange_search WHERE exchange_search MATCH '%1'").arg(word));
    }

    qint64 searchCount(HistoryReader &reader, const QString &word) const
    {
        HistoryFilter filter;
        filter.text = word;
        return reader.count(filter);
    }

    qint64 clearAndWait(HistoryStore &store)
    {
        QSignalSpy cleared(&store, &HistoryStore::cleared);
        QSignalSpy failed(&store, &HistoryStore::failed);
        store.clear();
        EXPECT_TRUE(cleared.wait(kWaitMs));
        EXPECT_EQ(failed.count(), 0) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
        return cleared.isEmpty() ? -1 : cleared.at(0).at(0).toLongLong();
    }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
};

} // namespace

TEST_F(HistoryClearTest, RemovesIndexedAndUnindexedRowsAndSearchFindsNothingAfterwards)
{
    QString error;
    {
        HistoryStore store;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        appendAndWait(store, records("needle", 0, 80));
    } // a clean close indexes all 80
    // Rows 51 to 80 committed but not indexed, as a killed process leaves them.
    sql({QStringLiteral("INSERT INTO exchange_search(exchange_search, rowid, request_body, response_body)"
                        " SELECT 'delete', exchange_id, CAST(request_body AS TEXT), CAST(response_body AS TEXT)"
                        " FROM exchange_details WHERE exchange_id > 50"),
         QStringLiteral("UPDATE search_progress SET indexed_up_to = 50")});
    ASSERT_EQ(indexMatches(QStringLiteral("needle10")), 1);
    ASSERT_EQ(indexMatches(QStringLiteral("needle60")), 0);
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    ASSERT_EQ(searchCount(reader, QStringLiteral("needle60")), 1) << "the reader scans rows not indexed yet";

    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    EXPECT_EQ(clearAndWait(store), 80);

    EXPECT_EQ(reader.count({}), 0);
    EXPECT_EQ(searchCount(reader, QStringLiteral("needle10")), 0);
    EXPECT_EQ(searchCount(reader, QStringLiteral("needle60")), 0);
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM exchange_details")), 0);
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM exchange_search_docsize")), 0) << "the index is empty";
    EXPECT_EQ(indexMatches(QStringLiteral("needle10")), 0);
    EXPECT_EQ(sql(QStringLiteral("SELECT indexed_up_to FROM search_progress")), 80);
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")), 1)
        << "the schema is as it was";

    // New rows get ids past every removed one and are found, by the scan at once and by the index once indexed.
    const QList<qint64> fresh = appendAndWait(store, records("fresh", 0, 5));
    EXPECT_GT(fresh.constFirst(), 80);
    EXPECT_EQ(searchCount(reader, QStringLiteral("fresh2")), 1);
    store.close();
    EXPECT_EQ(indexMatches(QStringLiteral("fresh2")), 1);
    EXPECT_EQ(searchCount(reader, QStringLiteral("fresh2")), 1);
    EXPECT_EQ(reader.count({}), 5);
    EXPECT_EQ(sql(QStringLiteral("SELECT indexed_up_to FROM search_progress")), fresh.constLast());
}

TEST_F(HistoryClearTest, AppendsQueuedAroundAClearAreKeptOrRemovedWholeWithHigherIds)
{
    QString error;
    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    // What the store reports, in the order a receiver sees it.
    QList<qint64> removedThenAppended;
    qint64 removed = -1;
    qsizetype appendedBeforeClear = 0;
    QObject::connect(&store, &HistoryStore::appended, &store, [&](const QList<qint64> &ids) {
        if (removed < 0)
            appendedBeforeClear += ids.size();
        else
            removedThenAppended += ids;
    });
    QObject::connect(&store, &HistoryStore::cleared, &store, [&](qint64 rows) { removed = rows; });

    // Appends spooled before the clear request and after it.
    QSignalSpy appended(&store, &HistoryStore::appended);
    qsizetype done = 0;
    for (const ExchangeRecord &record : records("early", 0, 2500))
        store.append(record, [&done](bool) { ++done; });
    store.clear();
    for (const ExchangeRecord &record : records("late", 0, 500))
        store.append(record, [&done](bool) { ++done; });
    QList<qint64> ids;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            ids.clear();
            for (const QList<QVariant> &arguments : std::as_const(appended))
                ids += arguments.at(0).value<QList<qint64>>();
            return done == 3000 && removed >= 0 && ids.size() == 3000;
        },
        kWaitMs));
    EXPECT_EQ(removed, 2500) << "the clear removes exactly what was appended before it";

    // Every exchange was committed, in order; the clear took the oldest.
    for (qsizetype i = 1; i < ids.size(); ++i)
        ASSERT_GT(ids.at(i), ids.at(i - 1));
    EXPECT_GT(ids.constFirst(), 0);
    EXPECT_EQ(appendedBeforeClear, removed) << "every row announced before cleared() was removed";
    EXPECT_EQ(removedThenAppended, ids.mid(removed)) << "every row announced after it was kept";
    store.close();
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 3000 - removed);
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM exchange_details")), 3000 - removed) << "no half exchange";
    if (removed < 3000) {
        const auto kept = reader.page({}, 0, 1, Qt::AscendingOrder);
        ASSERT_EQ(kept.size(), 1);
        EXPECT_EQ(kept.constFirst().id, ids.at(removed));
    }
}

TEST_F(HistoryClearTest, TriggersItDoesNotKnowStillRunForEveryRow)
{
    QString error;
    {
        HistoryStore store;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        appendAndWait(store, records("word", 0, 10));
    }
    // A later schema, or another tool, may keep something of its own in step with the exchanges.
    sql({QStringLiteral("CREATE TABLE removed_log (id INTEGER)"),
         QStringLiteral("CREATE TRIGGER exchanges_removed_log AFTER DELETE ON exchanges BEGIN"
                        " INSERT INTO removed_log VALUES (old.id); END")});
    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    EXPECT_EQ(clearAndWait(store), 10);
    store.close();
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM removed_log")), 10);
    EXPECT_EQ(sql(QStringLiteral("SELECT count(*) FROM exchanges")), 0);
    EXPECT_EQ(indexMatches(QStringLiteral("word3")), 0);
}

TEST_F(HistoryClearTest, RetentionAfterAClearStillRemovesRowsFromTheSearchIndex)
{
    m_options.maxRows = 5;
    QString error;
    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    appendAndWait(store, records("old", 0, 3));
    EXPECT_EQ(clearAndWait(store), 3);
    const QList<qint64> fresh = appendAndWait(store, records("fresh", 0, 8));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return sql(QStringLiteral("SELECT indexed_up_to FROM search_progress")) == fresh.constLast(); },
        kWaitMs));
    ASSERT_EQ(indexMatches(QStringLiteral("fresh0")), 1);
    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    store.applyRetention();
    ASSERT_TRUE(retention.wait(kWaitMs));
    EXPECT_EQ(retention.at(0).at(0).toLongLong(), 3);
    // Only the search trigger takes a removed row out of the index: the clear turned triggers back on.
    EXPECT_EQ(indexMatches(QStringLiteral("fresh0")), 0);
    EXPECT_EQ(indexMatches(QStringLiteral("fresh7")), 1);
}

TEST_F(HistoryClearTest, GivesTheSpaceBackToTheDisk)
{
    QString error;
    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    appendAndWait(store, records("bulk", 0, 300, 16 * 1024));
    store.close();
    const qint64 full = QFileInfo(m_options.databasePath).size();
    ASSERT_GT(full, 4 * 1024 * 1024);
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    // A reader in the middle of a snapshot, as the timeline often is, neither blocks the clear nor the compaction.
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    ASSERT_TRUE(reader.beginSnapshot());
    EXPECT_EQ(reader.count({}), 300);
    QSignalSpy failed(&store, &HistoryStore::failed);
    EXPECT_EQ(clearAndWait(store), 300);
    EXPECT_EQ(reader.count({}), 300) << "the snapshot still sees the file as it was";
    reader.endSnapshot();
    EXPECT_EQ(reader.count({}), 0);
    reader.close();
    store.close(); // delivers a compaction failure, which would follow cleared()
    EXPECT_EQ(failed.count(), 0) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
    EXPECT_LT(QFileInfo(m_options.databasePath).size(), full / 20);
    EXPECT_EQ(sql(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'exchanges'")), 300)
        << "compacting keeps the id counter";
}

TEST_F(HistoryClearTest, AStoreThatIsNotOpenSaysSo)
{
    HistoryStore store;
    QSignalSpy failed(&store, &HistoryStore::failed);
    QSignalSpy cleared(&store, &HistoryStore::cleared);
    store.clear();
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("not open")));
    EXPECT_EQ(cleared.count(), 0);
}
