// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyoptions.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr int kWaitMs = 10000;

ExchangeRecord makeRecord(qint64 receivedAtUs)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = receivedAtUs;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = QByteArrayLiteral("{}");
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("status-update");
    record.callerNumber = QStringLiteral("+4930123456");
    record.responseStatus = 200;
    return record;
}

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

TEST(HistoryRetention, DefaultsAreVisibleInWords)
{
    EXPECT_EQ(
        dockside::history::retentionText(dockside::history::kDefaultKeepRows, dockside::history::kDefaultKeepDays),
        QStringLiteral("30 days, at most 500,000 exchanges"));
    EXPECT_EQ(dockside::history::retentionText(0, 0), QStringLiteral("everything, without limit"));
}

// The age limit is applied on a quiet endpoint too (not only every thousand rows), on the writer thread, while
// appends keep becoming durable.
TEST(HistoryRetention, AppliesTheAgeLimitContinuouslyWhileCaptureGoesOn)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    HistoryOptions options;
    options.databasePath = dir.filePath(QStringLiteral("history.sqlite"));
    options.maxAgeDays = 30;
    options.retentionPeriodMs = 50;
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
    QSignalSpy applied(&store, &HistoryStore::retentionApplied);
    const qint64 fortyDays = qint64(40) * 86400 * 1000 * 1000;
    QList<ExchangeRecord> old;
    for (int i = 0; i < 300; ++i)
        old.append(makeRecord(nowUs() - fortyDays + i));
    ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, old, kWaitMs).size(), 300);

    // Capture goes on while retention runs: every append becomes durable, none waits long.
    qint64 durable = 0;
    qint64 worstMs = 0;
    int appended = 0;
    const bool removed = QTest::qWaitFor(
        [&] {
            QElapsedTimer timer;
            timer.start();
            store.append(makeRecord(nowUs()), [&durable, &worstMs, timer](bool stored) {
                durable += stored ? 1 : 0;
                worstMs = std::max(worstMs, timer.elapsed());
            });
            ++appended;
            return std::any_of(applied.cbegin(), applied.cend(),
                               [](const QList<QVariant> &arguments) { return arguments.at(0).toLongLong() > 0; });
        },
        kWaitMs);
    ASSERT_TRUE(removed) << "the age limit was never applied";
    ASSERT_TRUE(QTest::qWaitFor([&] { return durable == appended; }, kWaitMs));
    EXPECT_LT(worstMs, 2000) << "an append waited for retention";
    store.close();

    HistoryReader reader;
    ASSERT_TRUE(reader.open(options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), appended) << "the old exchanges are gone and every new one is kept";
}

TEST(HistoryRetention, NewLimitsApplyAtOnce)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({dir.filePath(QStringLiteral("history.sqlite")), 0, 0}, &error)) << error.toStdString();
    QList<ExchangeRecord> records;
    for (int i = 0; i < 5; ++i)
        records.append(makeRecord(nowUs() + i));
    ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, records, kWaitMs).size(), 5);
    QSignalSpy applied(&store, &HistoryStore::retentionApplied);
    store.setRetention(2, 30);
    ASSERT_TRUE(applied.wait(kWaitMs));
    EXPECT_EQ(applied.first().at(0).toLongLong(), 3);
    EXPECT_EQ(store.options().maxRows, 2);
}

} // namespace
