// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <limits>
#include <thread>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::ExchangeSummary;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;
using dockside::history::IdRange;
using dockside::history::idRangesOf;

constexpr int kRows = 30;

// Row i: every third one is a status-update, even ones mention "needle", every fifth one is outbound.
ExchangeRecord makeRecord(int i)
{
    ExchangeRecord record;
    record.direction = i % 5 == 0 ? Direction::Outbound : Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + i * 1000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hook");
    record.request.body = QByteArrayLiteral("{\"row\":") + QByteArray::number(i) +
        (i % 2 == 0 ? QByteArrayLiteral(",\"note\":\"needle in row\"}") : QByteArrayLiteral("}"));
    record.eventType = i % 3 == 0 ? QStringLiteral("status-update") : QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+4930%1").arg(i, 4, 10, QChar(u'0'));
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    return record;
}

QList<qint64> idsOf(const QList<ExchangeSummary> &summaries)
{
    QList<qint64> ids;
    for (const ExchangeSummary &summary : summaries)
        ids.append(summary.id);
    return ids;
}

class HistoryPagingTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
        QString error;
        ASSERT_TRUE(m_store.open(m_options, &error)) << error.toStdString();
        append(0, kRows);
        ASSERT_TRUE(m_reader.open(m_options.databasePath, &error)) << error.toStdString();
    }

    void append(int from, int to)
    {
        QList<ExchangeRecord> records;
        for (int i = from; i < to; ++i)
            records.append(makeRecord(i));
        const QList<qint64> ids = dockside::testing::appendAndWaitForIds(m_store, records);
        ASSERT_EQ(ids.size(), records.size());
        for (int i = from; i < to; ++i)
            m_idOfRow.insert(i, ids.at(i - from));
    }

    // Closes the store, which indexes every row, then marks only rows up to lastIndexedRow as indexed, so a text
    // search must combine the index with a direct search of the rows after it.
    void splitSearchIndexAfterRow(int lastIndexedRow)
    {
        m_store.close();
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("split-index"));
        database.setDatabaseName(m_options.databasePath);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        query.prepare(QStringLiteral("UPDATE search_progress SET indexed_up_to = ?"));
        query.addBindValue(m_idOfRow.value(lastIndexedRow));
        ASSERT_TRUE(query.exec());
        query = QSqlQuery();
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("split-index"));
    }

    // Ids of the rows the predicate keeps, newest first.
    QList<qint64> expected(const std::function<bool(int)> &keep) const
    {
        QList<qint64> ids;
        for (int i = kRows - 1; i >= 0; --i) {
            if (keep(i))
                ids.append(m_idOfRow.value(i));
        }
        return ids;
    }

    // Walks the whole result page by page, each page starting after the last id of the one before.
    QList<qint64> walk(const HistoryFilter &filter, Qt::SortOrder order, int pageSize)
    {
        QList<qint64> ids;
        qint64 after = order == Qt::DescendingOrder ? std::numeric_limits<qint64>::max() : 0;
        for (int guard = 0; guard < 100; ++guard) {
            const auto page = m_reader.pageAfter(filter, after, 0, pageSize, order);
            EXPECT_TRUE(m_reader.lastError().isEmpty()) << m_reader.lastError().toStdString();
            ids += idsOf(page);
            if (page.size() < pageSize)
                break;
            after = page.constLast().id;
        }
        return ids;
    }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
    HistoryStore m_store;
    HistoryReader m_reader;
    QHash<int, qint64> m_idOfRow;
};

TEST_F(HistoryPagingTest, KeysetPagesWalkTheHistoryInBothOrders)
{
    const QList<qint64> newestFirst = expected([](int) { return true; });
    EXPECT_EQ(walk({}, Qt::DescendingOrder, 7), newestFirst);
    QList<qint64> oldestFirst = newestFirst;
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    EXPECT_EQ(walk({}, Qt::AscendingOrder, 4), oldestFirst);

    HistoryFilter statusUpdates;
    statusUpdates.eventTypes = {QStringLiteral("status-update")};
    EXPECT_EQ(walk(statusUpdates, Qt::DescendingOrder, 3), expected([](int i) { return i % 3 == 0; }));

    // A skip counts matching rows past the anchor, the same as an offset from it.
    const qint64 anchor = m_idOfRow.value(20);
    EXPECT_EQ(idsOf(m_reader.pageAfter({}, anchor, 2, 3)), newestFirst.mid(kRows - 20 + 2, 3));
    EXPECT_EQ(idsOf(m_reader.pageAfter({}, anchor, 2, 3, Qt::AscendingOrder)),
              (QList<qint64> {m_idOfRow.value(23), m_idOfRow.value(24), m_idOfRow.value(25)}));
    EXPECT_TRUE(m_reader.pageAfter({}, m_idOfRow.value(0), 0, 10).isEmpty());
    EXPECT_EQ(idsOf(m_reader.page({}, 5, 4)), idsOf(m_reader.pageAfter({}, m_reader.maxId() + 1, 5, 4)));
}

TEST_F(HistoryPagingTest, TextSearchCombinesTheIndexWithRowsNotIndexedYet)
{
    splitSearchIndexAfterRow(14);
    HistoryFilter filter;
    filter.text = QStringLiteral("needle");
    const QList<qint64> matching = expected([](int i) { return i % 2 == 0; });
    ASSERT_EQ(matching.size(), 15);
    EXPECT_EQ(m_reader.count(filter), 15);
    EXPECT_EQ(idsOf(m_reader.page(filter, 0, 100)), matching);
    EXPECT_EQ(walk(filter, Qt::DescendingOrder, 4), matching);
    QList<qint64> oldestFirst = matching;
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    EXPECT_EQ(walk(filter, Qt::AscendingOrder, 4), oldestFirst);

    // Rows 28..16 (7 matches) are not indexed; skips that end inside, at and past that part.
    for (const int skip : {0, 3, 6, 7, 8, 12, 14, 15}) {
        EXPECT_EQ(idsOf(m_reader.page(filter, skip, 3)), matching.mid(skip, 3)) << "skip " << skip;
        EXPECT_EQ(idsOf(m_reader.pageAfter(filter, std::numeric_limits<qint64>::max(), skip, 3)), matching.mid(skip, 3))
            << "skip " << skip;
    }
    EXPECT_EQ(idsOf(m_reader.pageAfter(filter, m_idOfRow.value(20), 1, 2)), matching.mid(6, 2));
    EXPECT_EQ(idsOf(m_reader.pageAfter(filter, m_idOfRow.value(10), 1, 3, Qt::AscendingOrder)),
              (QList<qint64> {m_idOfRow.value(14), m_idOfRow.value(16), m_idOfRow.value(18)}));

    filter.eventTypes = {QStringLiteral("status-update")};
    EXPECT_EQ(m_reader.count(filter), 5);
    EXPECT_EQ(idsOf(m_reader.page(filter, 0, 100)), expected([](int i) { return i % 6 == 0; }));

    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    ASSERT_TRUE(m_reader.exportJson(filter, &buffer, &error)) << error.toStdString();
    const QJsonArray exchanges =
        QJsonDocument::fromJson(buffer.data()).object().value(QStringLiteral("exchanges")).toArray();
    QList<qint64> exported;
    for (const QJsonValue &exchange : exchanges)
        exported.append(exchange.toObject().value(QStringLiteral("id")).toInteger());
    QList<qint64> wanted = expected([](int i) { return i % 6 == 0; });
    std::reverse(wanted.begin(), wanted.end());
    EXPECT_EQ(exported, wanted) << "exports run in id order across both parts";
}

TEST_F(HistoryPagingTest, IdRangesSelectExactlyThoseExchanges)
{
    EXPECT_EQ(idRangesOf({9, 5, 3, 4, 9, 1}), (QList<IdRange> {{1, 1}, {3, 5}, {9, 9}}));
    EXPECT_TRUE(idRangesOf({}).isEmpty());

    HistoryFilter filter;
    filter.idRanges = idRangesOf({m_idOfRow.value(2), m_idOfRow.value(3), m_idOfRow.value(4), m_idOfRow.value(20)});
    EXPECT_FALSE(filter.isEmpty());
    EXPECT_EQ(m_reader.count(filter), 4);
    EXPECT_EQ(idsOf(m_reader.page(filter, 0, 10)),
              (QList<qint64> {m_idOfRow.value(20), m_idOfRow.value(4), m_idOfRow.value(3), m_idOfRow.value(2)}));
    filter.text = QStringLiteral("needle");
    EXPECT_EQ(idsOf(m_reader.page(filter, 0, 10)),
              (QList<qint64> {m_idOfRow.value(20), m_idOfRow.value(4), m_idOfRow.value(2)}));

    HistoryFilter tooMany;
    for (qint64 i = 0; i <= HistoryFilter::kMaxIdRanges; ++i)
        tooMany.idRanges.append({i * 2, i * 2});
    EXPECT_EQ(m_reader.count(tooMany), -1);
    EXPECT_TRUE(m_reader.lastError().contains(QStringLiteral("Select fewer"))) << m_reader.lastError().toStdString();
    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    EXPECT_FALSE(m_reader.exportHar(tooMany, &buffer, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("separate groups"))) << error.toStdString();
}

TEST_F(HistoryPagingTest, ASnapshotKeepsCountsAndPagesInStepWhileTheWriterCommits)
{
    const qint64 newest = m_reader.maxId();
    EXPECT_EQ(newest, m_idOfRow.value(kRows - 1));
    ASSERT_TRUE(m_reader.beginSnapshot()) << m_reader.lastError().toStdString();
    append(kRows, kRows + 5);
    EXPECT_EQ(m_reader.maxId(), newest);
    EXPECT_EQ(m_reader.count({}), kRows);
    EXPECT_EQ(m_reader.page({}, 0, 1).constFirst().id, newest);
    m_reader.endSnapshot();
    EXPECT_EQ(m_reader.maxId(), m_idOfRow.value(kRows + 4));
    EXPECT_EQ(m_reader.count({}), kRows + 5);
}

TEST_F(HistoryPagingTest, AnInterruptStopsTheRunningStatementOnly)
{
    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    // The progress callback runs between rows, while the export's statement is running.
    EXPECT_FALSE(m_reader.exportJson({}, &buffer, &error, [this](qint64 exported) {
        if (exported == 3)
            m_reader.interrupt();
        return true;
    }));
    EXPECT_TRUE(m_reader.wasInterrupted());
    EXPECT_TRUE(error.contains(QStringLiteral("interrupted"))) << error.toStdString();

    EXPECT_EQ(m_reader.count({}), kRows) << "the next statement runs normally";
    EXPECT_FALSE(m_reader.wasInterrupted());
    m_reader.interrupt(); // nothing is running: no effect on what follows
    EXPECT_EQ(m_reader.page({}, 0, 5).size(), 5);
}

TEST_F(HistoryPagingTest, InterruptsFromAnotherThreadNeverLeaveASnapshotOpen)
{
    // An interrupt aimed at a statement that has just finished may catch the next one, the ROLLBACK included.
    std::atomic<bool> stop = false;
    std::thread interrupter([this, &stop] {
        while (!stop.load()) {
            m_reader.interrupt();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    QStringList unexpected;
    const auto check = [this, &unexpected] {
        if (!m_reader.lastError().isEmpty() && !m_reader.wasInterrupted())
            unexpected.append(m_reader.lastError());
    };
    QElapsedTimer clock;
    clock.start();
    int rounds = 0;
    while (clock.elapsed() < 1500) {
        ++rounds;
        const bool began = m_reader.beginSnapshot();
        check();
        if (!began)
            continue;
        m_reader.count({});
        check();
        m_reader.page({}, 0, 10);
        check();
        m_reader.endSnapshot();
    }
    stop.store(true);
    interrupter.join();
    EXPECT_TRUE(unexpected.isEmpty()) << unexpected.size() << " of " << rounds
                                      << " rounds: " << unexpected.value(0).toStdString();
    EXPECT_EQ(m_reader.count({}), kRows);
    ASSERT_TRUE(m_reader.beginSnapshot()) << m_reader.lastError().toStdString();
    m_reader.endSnapshot();
}

TEST_F(HistoryPagingTest, ExportsReportProgressAndStopWhenAsked)
{
    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    QList<qint64> reported;
    ASSERT_TRUE(m_reader.exportHar({}, &buffer, &error, [&reported](qint64 exported) {
        reported.append(exported);
        return true;
    })) << error.toStdString();
    ASSERT_EQ(reported.size(), kRows);
    EXPECT_EQ(reported.constFirst(), 1);
    EXPECT_EQ(reported.constLast(), kRows);

    QBuffer cancelled;
    ASSERT_TRUE(cancelled.open(QIODevice::WriteOnly));
    EXPECT_FALSE(m_reader.exportJson({}, &cancelled, &error, [](qint64 exported) { return exported < 2; }));
    EXPECT_TRUE(error.contains(QStringLiteral("cancelled after 2"))) << error.toStdString();
    EXPECT_FALSE(m_reader.wasInterrupted());
}

TEST(HistoryPagingEmpty, AnEmptyHistoryHasNoNewestId)
{
    QTemporaryDir dir;
    HistoryOptions options;
    options.databasePath = dir.filePath(QStringLiteral("empty.sqlite"));
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
    HistoryReader reader;
    ASSERT_TRUE(reader.open(options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.maxId(), 0);
    EXPECT_TRUE(reader.pageAfter({}, 1, 0, 10).isEmpty());
    EXPECT_TRUE(reader.lastError().isEmpty());
    HistoryFilter filter;
    filter.text = QStringLiteral("anything");
    EXPECT_EQ(reader.count(filter), 0);
}

} // namespace
