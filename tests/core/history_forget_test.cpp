// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyforgetter.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryFilter;
using dockside::history::HistoryForgetter;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr int kWaitMs = 10000;
const QByteArray kNumber = "+31612345678";
const QByteArray kTranscript = "zebrafinch";

ExchangeRecord makeRecord(const QString &caller, const QString &callId, const QByteArray &words, int i)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + i;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = "{\"message\":{\"call\":{\"id\":\"" + callId.toUtf8() + "\"},\"customer\":{\"number\":\"" +
        caller.toUtf8() + "\"},\"transcript\":\"" + words + "\"}}";
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("end-of-call-report");
    record.callerNumber = caller;
    record.callId = callId;
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    return record;
}

// Every byte the history keeps on disk: the database, its log and any spool file.
QByteArray diskBytes(const QString &folder)
{
    QByteArray bytes;
    for (const QString &name : QDir(folder).entryList(QDir::Files)) {
        QFile file(QDir(folder).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

TEST(HistoryForget, NormalizesTheNumberAsTyped)
{
    EXPECT_EQ(HistoryForgetter::normalizedNumber(QStringLiteral(" +31 (6) 1234-56.78 ")), QString::fromUtf8(kNumber));
    EXPECT_TRUE(HistoryForgetter::normalizedNumber(QStringLiteral(" - ")).isEmpty());
}

TEST(HistoryForget, RemovesTheCallersExchangesAndTheirBytesFromTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("history.sqlite"));
    const QString other = QStringLiteral("+4930123456");
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
        // Two calls of the number; a call's later event without it belongs to it too. One call of another caller.
        const QList<qint64> ids = dockside::testing::appendAndWaitForIds(
            store,
            {makeRecord(QString::fromUtf8(kNumber), QStringLiteral("call-a"), kTranscript + " one", 1),
             makeRecord(QString(), QStringLiteral("call-a"), kTranscript + " two", 2),
             makeRecord(QString::fromUtf8(kNumber), QStringLiteral("call-b"), kTranscript + " three", 3),
             makeRecord(other, QStringLiteral("call-c"), "keepme", 4)},
            kWaitMs);
        ASSERT_EQ(ids.size(), 4);
    } // closing indexes everything, so the search index holds the words too
    ASSERT_TRUE(diskBytes(dir.path()).contains(kNumber)); // the check below can fail
    ASSERT_TRUE(diskBytes(dir.path()).contains(kTranscript));

    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
    // One more still on its way through the spool when the request comes.
    store.append(makeRecord(QString::fromUtf8(kNumber), QStringLiteral("call-d"), kTranscript + " four", 5));
    QSignalSpy forgotten(&store, &HistoryStore::forgotten);
    QSignalSpy failed(&store, &HistoryStore::failed);
    store.forgetCaller(QStringLiteral("+31 6 1234 5678"));
    ASSERT_TRUE(forgotten.wait(kWaitMs));
    EXPECT_EQ(failed.count(), 0) << (failed.isEmpty() ? "" : failed.first().first().toString().toStdString());
    EXPECT_EQ(forgotten.first().at(0).toString(), QString::fromUtf8(kNumber));
    EXPECT_EQ(forgotten.first().at(1).toLongLong(), 4);
    EXPECT_EQ(forgotten.first().at(2).toLongLong(), 3);

    // While the store is open (its fresh spool and log included) and after it closed.
    const QByteArray open = diskBytes(dir.path());
    EXPECT_FALSE(open.contains(kNumber));
    EXPECT_FALSE(open.contains(kNumber.mid(1))); // as the search index keeps it, without the plus
    EXPECT_FALSE(open.contains(kTranscript));
    EXPECT_TRUE(open.contains("keepme"));
    store.close();
    const QByteArray closed = diskBytes(dir.path());
    EXPECT_FALSE(closed.contains(kNumber));
    EXPECT_FALSE(closed.contains(kTranscript));

    HistoryReader reader;
    ASSERT_TRUE(reader.open(database, &error)) << error.toStdString();
    const QList<dockside::history::ExchangeSummary> left = reader.page({}, 0, 10);
    ASSERT_EQ(left.size(), 1) << left.constLast().callerNumber.toStdString() << ' ' << left.constLast().id;
    HistoryFilter search;
    search.text = QStringLiteral("keepme");
    EXPECT_EQ(reader.count(search), 1);
    search.text = QString::fromUtf8(kTranscript);
    EXPECT_EQ(reader.count(search), 0);
}

TEST(HistoryForget, AnUnknownNumberRemovesNothing)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({dir.filePath(QStringLiteral("history.sqlite")), 0, 0}, &error)) << error.toStdString();
    ASSERT_EQ(dockside::testing::appendAndWaitForIds(
                  store, {makeRecord(QStringLiteral("+4930123456"), QStringLiteral("c"), "words", 1)}, kWaitMs)
                  .size(),
              1);
    QSignalSpy forgotten(&store, &HistoryStore::forgotten);
    store.forgetCaller(QStringLiteral("+19995550100"));
    ASSERT_TRUE(forgotten.wait(kWaitMs));
    EXPECT_EQ(forgotten.first().at(1).toLongLong(), 0);
}

} // namespace
