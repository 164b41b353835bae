// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historystore.h"
#include "historyappend.h"
#include "qtprinters.h"
#include "timeline/timelineformat.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinepositions.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryStore;
using dockside::ui::TimelineModel;
using dockside::ui::TimelinePlan;
using dockside::ui::TimelinePositions;

namespace {

// Row i: every fourth a status-update, the others assistant-requests; even rows mention "needle" in the body.
ExchangeRecord makeRecord(int i)
{
    ExchangeRecord record;
    record.direction = i % 3 == 0 ? Direction::Outbound : Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + qint64(i) * 1000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hook");
    record.request.body = QByteArrayLiteral("{\"row\":") + QByteArray::number(i) +
        (i % 2 == 0 ? QByteArrayLiteral(",\"note\":\"needle\"}") : QByteArrayLiteral("}"));
    record.eventType = i % 4 == 0 ? QStringLiteral("status-update") : QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+4930%1").arg(i, 5, 10, QChar(u'0'));
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    record.latencyUs = 1000 + i;
    if (i % 4 != 0) {
        record.outcomeDisposition = i % 5 == 0 ? QStringLiteral("rejected") : QStringLiteral("answered");
        record.outcomeReason = i % 5 == 0 ? QStringLiteral("rejected") : QStringLiteral("override");
    }
    record.signatureStatus = QStringLiteral("valid");
    return record;
}

class TimelineModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    void openStore()
    {
        QString error;
        ASSERT_TRUE(m_store.open(m_options, &error)) << error.toStdString();
    }

    // Appends rows from..to-1 and returns their ids in order once they are durable.
    QList<qint64> append(int from, int to)
    {
        QList<ExchangeRecord> records;
        for (int i = from; i < to; ++i)
            records.append(makeRecord(i));
        const QList<qint64> ids = dockside::testing::appendAndWaitForIds(m_store, records);
        EXPECT_EQ(ids.size(), records.size());
        m_ids += ids;
        return ids;
    }

    static bool waitForRows(const TimelineModel &model, int rows)
    {
        return QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() == rows; }, 10000);
    }

    // Reads every row through data(), waiting for pages as they come; ids newest first.
    static QList<qint64> allIds(const TimelineModel &model)
    {
        QList<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, TimelineModel::TimeColumn);
            index.data(); // asks for the page
            if (!QTest::qWaitFor([&] { return index.data(TimelineModel::LoadedRole).toBool(); }, 10000))
                return {};
            ids.append(index.data(TimelineModel::IdRole).toLongLong());
        }
        return ids;
    }

    QList<qint64> newestFirst(const std::function<bool(int)> &keep) const
    {
        QList<qint64> ids;
        for (qsizetype i = m_ids.size() - 1; i >= 0; --i) {
            if (keep(static_cast<int>(i)))
                ids.append(m_ids.at(i));
        }
        return ids;
    }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
    HistoryStore m_store;
    QList<qint64> m_ids;
};

} // namespace

TEST_F(TimelineModelTest, OpensNewestFirstAndPagesThroughEveryRowUnderTheTester)
{
    openStore();
    append(0, 450);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy shown(&model, &TimelineModel::rowsShown);
    model.setHistoryPath(m_options.databasePath);
    EXPECT_TRUE(model.isLoading());
    ASSERT_TRUE(waitForRows(model, 450));
    EXPECT_EQ(shown.count(), 1);
    EXPECT_EQ(model.columnCount(), TimelineModel::NUM_COLUMNS);
    EXPECT_EQ(allIds(model), newestFirst([](int) { return true; }));

    const QModelIndex newest = model.index(0, TimelineModel::EventTypeColumn);
    EXPECT_EQ(newest.data().toString(), QStringLiteral("assistant-request")); // row 449
    EXPECT_EQ(newest.data(TimelineModel::DeadlineMsRole).toLongLong(), 5000);
    EXPECT_EQ(newest.data(TimelineModel::LatencyUsRole).toLongLong(), 1449);
    EXPECT_EQ(newest.data(TimelineModel::CallerRole).toString(), QStringLiteral("+493000449"));
    EXPECT_EQ(model.index(0, TimelineModel::OutcomeColumn).data().toString(), QStringLiteral("answered"));
    EXPECT_EQ(model.index(0, TimelineModel::SignatureColumn).data().toString(), QStringLiteral("valid"));
    EXPECT_EQ(model.index(0, TimelineModel::StatusColumn).data().toString(), QStringLiteral("200"));
    EXPECT_EQ(model.index(0, TimelineModel::DirectionColumn).data().toString(), QStringLiteral("in"));
    // The latency tooltip says what the figure covers, which differs by direction.
    EXPECT_TRUE(model.index(0, TimelineModel::LatencyColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("until the mock's answer was ready")));
    EXPECT_TRUE(model
                    .index(2, TimelineModel::LatencyColumn) // row 447, outbound
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("until the whole answer arrived")));
    const QModelIndex statusUpdate = model.index(1, TimelineModel::LatencyColumn); // row 448
    EXPECT_EQ(statusUpdate.data(TimelineModel::DeadlineMsRole).toLongLong(), 20000);
    EXPECT_TRUE(model.index(1, TimelineModel::OutcomeColumn).data().toString().isEmpty());
    EXPECT_EQ(model.index(4, TimelineModel::OutcomeColumn).data().toString(), QStringLiteral("rejected")); // 445
    EXPECT_EQ(model.index(4, 0).data(TimelineModel::OutcomeRole).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(model.index(4, 0).data(TimelineModel::OutcomeKindRole).toInt(),
              static_cast<int>(dockside::ui::timeline::OutcomeKind::Rejected));
    EXPECT_EQ(model.headerData(TimelineModel::LatencyColumn, Qt::Horizontal).toString(), QStringLiteral("Latency"));
}

TEST_F(TimelineModelTest, LiveInsertsArriveCoalescedAtTheTopAndRespectTheFilter)
{
    openStore();
    append(0, 250);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QObject::connect(&m_store, &HistoryStore::appended, &model, &TimelineModel::appendIds);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(waitForRows(model, 250));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    append(250, 280);
    ASSERT_TRUE(waitForRows(model, 280));
    EXPECT_LE(inserted.count(), 3) << "appends within one interval become one insertion";
    EXPECT_EQ(inserted.constFirst().at(1).toInt(), 0) << "new rows go to the top";
    EXPECT_EQ(allIds(model), newestFirst([](int) { return true; }));

    HistoryFilter statusUpdates;
    statusUpdates.eventTypes = {QStringLiteral("status-update")};
    model.setFilter(statusUpdates);
    ASSERT_TRUE(waitForRows(model, 70));
    append(280, 300); // 5 of them are status-updates
    ASSERT_TRUE(waitForRows(model, 75));
    EXPECT_EQ(allIds(model), newestFirst([](int i) { return i % 4 == 0; }));

    HistoryFilter needles;
    needles.text = QStringLiteral("needle");
    needles.direction = Direction::Inbound;
    model.setFilter(needles);
    const auto matches = [](int i) { return i % 2 == 0 && i % 3 != 0; };
    ASSERT_TRUE(waitForRows(model, static_cast<int>(newestFirst(matches).size())));
    append(300, 330);
    ASSERT_TRUE(waitForRows(model, static_cast<int>(newestFirst(matches).size())));
    EXPECT_EQ(allIds(model), newestFirst(matches));

    model.setFilter({});
    ASSERT_TRUE(waitForRows(model, 330));
}

TEST_F(TimelineModelTest, RapidFilterChangesEndOnTheLastFilterWithoutErrors)
{
    openStore();
    append(0, 2000);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(waitForRows(model, 2000));
    // Each change interrupts the query before it, at whatever point it has reached.
    HistoryFilter filter;
    for (int i = 0; i < 40; ++i) {
        filter = {};
        if (i % 3 == 0)
            filter.text = QStringLiteral("needle");
        if (i % 2 == 0)
            filter.eventTypes = {QStringLiteral("status-update")};
        model.setFilter(filter);
        QTest::qWait(i % 4);
    }
    filter = {};
    filter.text = QStringLiteral("needle");
    model.setFilter(filter);
    ASSERT_TRUE(waitForRows(model, 1000));
    EXPECT_TRUE(model.errorMessage().isEmpty()) << model.errorMessage().toStdString();
    EXPECT_EQ(model.idAt(0), m_ids.at(1998));
}

TEST_F(TimelineModelTest, ACountArrivingAfterTheFirstPageGrowsTheListAtTheBottom)
{
    openStore();
    append(0, TimelineModel::kPageSize + 5);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(waitForRows(model, TimelineModel::kPageSize + 5));
    ASSERT_EQ(inserted.count(), 1);
    EXPECT_EQ(inserted.constFirst().at(1).toInt(), TimelineModel::kPageSize);
    EXPECT_EQ(allIds(model), newestFirst([](int) { return true; }));
}

TEST_F(TimelineModelTest, AHistoryCreatedLaterIsOpenedWhenItsFirstExchangesArrive)
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !model.isLoading(); }, 5000));
    EXPECT_TRUE(model.isHistoryMissing());
    EXPECT_TRUE(model.errorMessage().isEmpty());
    EXPECT_EQ(model.rowCount(), 0);

    openStore();
    QObject::connect(&m_store, &HistoryStore::appended, &model, &TimelineModel::appendIds);
    append(0, 3);
    ASSERT_TRUE(waitForRows(model, 3));
    EXPECT_FALSE(model.isHistoryMissing());
    EXPECT_EQ(allIds(model), newestFirst([](int) { return true; }));
}

TEST_F(TimelineModelTest, AFileThatIsNoHistoryIsReportedNotShown)
{
    QFile file(m_options.databasePath);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this is not a database, just text that SQLite will refuse to read");
    file.close();
    TimelineModel model;
    QSignalSpy errors(&model, &TimelineModel::errorChanged);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !model.isLoading(); }, 5000));
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_FALSE(model.isHistoryMissing());
    EXPECT_TRUE(model.errorMessage().contains(QStringLiteral("history.sqlite"))) << model.errorMessage().toStdString();
    EXPECT_EQ(errors.count(), 1);
}

TEST_F(TimelineModelTest, PagesFarFromTheScreenAreDroppedAndFetchedAgain)
{
    openStore();
    append(0, 14000); // 70 pages: more than the cache keeps
    TimelineModel model;
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(waitForRows(model, 14000));
    const qint64 newest = model.index(0, 0).data(TimelineModel::IdRole).toLongLong();
    EXPECT_EQ(newest, m_ids.constLast());
    for (int row = 0; row < model.rowCount(); row += TimelineModel::kPageSize) {
        const QModelIndex index = model.index(row, 0);
        index.data();
        ASSERT_TRUE(QTest::qWaitFor([&] { return index.data(TimelineModel::LoadedRole).toBool(); }, 10000))
            << "row " << row;
        EXPECT_EQ(index.data(TimelineModel::IdRole).toLongLong(), m_ids.at(m_ids.size() - 1 - row));
    }
    EXPECT_EQ(model.idAt(0), 0) << "the newest page was least recently used, so it went";
    const QModelIndex top = model.index(0, 0);
    top.data();
    ASSERT_TRUE(QTest::qWaitFor([&] { return top.data(TimelineModel::LoadedRole).toBool(); }, 10000));
    EXPECT_EQ(model.idAt(0), newest);
    // A row in the middle, reached from the nearest page boundary remembered on the way.
    const QModelIndex middle = model.index(7123, 0);
    middle.data();
    ASSERT_TRUE(QTest::qWaitFor([&] { return middle.data(TimelineModel::LoadedRole).toBool(); }, 10000));
    EXPECT_EQ(model.idAt(7123), m_ids.at(m_ids.size() - 1 - 7123));
}

TEST_F(TimelineModelTest, RelayedRowsSayRelayAndWhetherTheFallbackAnswered)
{
    openStore();
    ExchangeRecord relayed = makeRecord(1);
    dockside::history::ForwardedLeg leg;
    leg.upstreamUrl = QStringLiteral("http://127.0.0.1:3000/hook");
    leg.verdict = QStringLiteral("in_time");
    relayed.forwarded = leg;
    ExchangeRecord fallback = relayed;
    fallback.forwarded->verdict = QStringLiteral("late");
    fallback.forwarded->fallbackAnswered = true;
    ASSERT_EQ(dockside::testing::appendAndWaitForIds(m_store, {makeRecord(2), relayed, fallback}).size(), 3);

    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHistoryPath(m_options.databasePath);
    ASSERT_TRUE(waitForRows(model, 3));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.index(2, 0).data(TimelineModel::LoadedRole).toBool(); }, 10000));
    const auto direction = [&model](int row, int role) {
        return model.index(row, TimelineModel::DirectionColumn).data(role);
    };
    EXPECT_EQ(direction(0, Qt::DisplayRole).toString(), QStringLiteral("relay"));
    EXPECT_EQ(direction(0, TimelineModel::RelayRole).toInt(),
              static_cast<int>(dockside::history::RelayMark::FallbackAnswered));
    EXPECT_TRUE(direction(0, Qt::ToolTipRole).toString().contains(QStringLiteral("fallback template answered")));
    EXPECT_EQ(direction(1, Qt::DisplayRole).toString(), QStringLiteral("relay"));
    EXPECT_EQ(direction(1, TimelineModel::RelayRole).toInt(), static_cast<int>(dockside::history::RelayMark::Relayed));
    EXPECT_EQ(direction(2, Qt::DisplayRole).toString(), QStringLiteral("in"));
    EXPECT_EQ(direction(2, TimelineModel::RelayRole).toInt(),
              static_cast<int>(dockside::history::RelayMark::NotRelayed));
}

TEST(TimelinePositions, PlansFromTheNearestKnownId)
{
    TimelinePositions positions;
    positions.reset(1000, 5000);
    // Nothing known: the top and the bottom are the anchors.
    TimelinePlan plan = positions.plan(990, 10);
    EXPECT_EQ(plan.order, Qt::DescendingOrder);
    EXPECT_EQ(plan.afterId, 5001);
    EXPECT_EQ(plan.skip, 0);
    plan = positions.plan(0, 10);
    EXPECT_EQ(plan.order, Qt::AscendingOrder);
    EXPECT_EQ(plan.afterId, 0);
    EXPECT_EQ(plan.skip, 0);
    plan = positions.plan(600, 10);
    EXPECT_EQ(plan.order, Qt::DescendingOrder);
    EXPECT_EQ(plan.skip, 390);

    positions.remember(610, 3100);
    plan = positions.plan(600, 10);
    EXPECT_EQ(plan.order, Qt::DescendingOrder);
    EXPECT_EQ(plan.afterId, 3100);
    EXPECT_EQ(plan.skip, 0);
    positions.remember(595, 3050);
    plan = positions.plan(600, 5);
    EXPECT_EQ(plan.order, Qt::AscendingOrder);
    EXPECT_EQ(plan.afterId, 3050);
    EXPECT_EQ(plan.skip, 4);

    positions.grow(20, 5100);
    EXPECT_EQ(positions.count(), 1020);
    EXPECT_EQ(positions.plan(1010, 10).afterId, 5101);
    EXPECT_EQ(positions.bounded({}).idRanges, (QList<dockside::history::IdRange> {{1, 5100}}));
    EXPECT_EQ(positions.idAt(610), 3100);
    EXPECT_FALSE(positions.idAt(611).has_value());
}
