// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/exchangerecordcodec.h"
#include "history/historyreader.h"
#include "history/historystore.h"
#include "historyappend.h"
#include "qtprinters.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace dockside;
using history::ExchangeRecord;
using history::ForwardedLeg;

namespace {

ExchangeRecord relayedRecord()
{
    ExchangeRecord record;
    record.request.receivedAtUs = 1'700'000'000'000'000;
    record.request.method = "POST";
    record.request.target = "/voice";
    record.request.httpVersion = "HTTP/1.1";
    record.request.headers = {{"Content-Type", "application/json"}, {"X-Webhook-Signature", "sha256=ab"}};
    record.request.body = "{ \"b\":1, \"a\":2 }";
    record.eventType = QStringLiteral("assistant-request");
    record.responseStatus = 200;
    record.responseBody = "{}";
    record.templateId = QStringLiteral("safe");
    record.outcomeDisposition = QStringLiteral("answered");
    record.outcomeReason = QStringLiteral("timeout");
    ForwardedLeg leg;
    leg.upstreamUrl = QStringLiteral("http://127.0.0.1:3000/hook/voice");
    leg.requestHeaders = {{"Host", "127.0.0.1:3000"}, {"X-Webhook-Signature", "sha256=cd"}};
    leg.resigned = true;
    leg.responseStatus = 201;
    leg.reasonPhrase = "Made It";
    leg.responseHeaders = {{"X-Z", "1"}, {"Transfer-Encoding", "chunked"}};
    leg.responseBody = "{ \"assistant\": {} }";
    leg.connectUs = 0;
    leg.firstByteUs = 5'100'000;
    leg.sentAfterUs = 120;
    leg.finishedAfterUs = 5'200'000;
    leg.deadlineMs = 5000;
    leg.verdict = QStringLiteral("late");
    leg.lateAnswer = QStringLiteral("fallback");
    leg.fallbackAnswered = true;
    record.forwarded = leg;
    return record;
}

void execStatements(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("relay-history-test");
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.setDatabaseName(path);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        for (const QString &statement : statements)
            ASSERT_TRUE(query.exec(statement)) << query.lastError().text().toStdString();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

TEST(ExchangeRecordCodec, KeepsARelayedExchangesSecondLegAndStillReadsRecordsWithoutOne)
{
    const ExchangeRecord relayed = relayedRecord();
    const QByteArray encoded = history::encodeRecord(relayed);
    EXPECT_EQ(encoded.at(0), 3);
    const auto decoded = history::decodeRecord(encoded);
    ASSERT_TRUE(decoded.has_value());
    ASSERT_TRUE(decoded->forwarded.has_value());
    EXPECT_TRUE(*decoded->forwarded == *relayed.forwarded);
    EXPECT_FALSE(history::decodeRecord(encoded.left(encoded.size() - 1)).has_value());

    ExchangeRecord plain = relayed;
    plain.forwarded.reset();
    const QByteArray plainBytes = history::encodeRecord(plain);
    // Without a second leg the record is written as version 2 (the signature diagnosis), which older readers know.
    EXPECT_EQ(plainBytes.at(0), 2);
    const auto plainDecoded = history::decodeRecord(plainBytes);
    ASSERT_TRUE(plainDecoded.has_value());
    EXPECT_FALSE(plainDecoded->forwarded.has_value());
}

TEST(HistoryRelay, BothLegsSurviveTheStoreAndASchema2HistoryIsUpgraded)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const history::HistoryOptions options {dir.filePath(QStringLiteral("history.sqlite")), 0, 0};
    ExchangeRecord older = relayedRecord();
    older.forwarded.reset();
    {
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, {older}).size(), 1);
    }
    // Schema 3, as the previous version wrote it.
    execStatements(options.databasePath,
                   {QStringLiteral("ALTER TABLE exchange_details DROP COLUMN forwarded"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN relay"),
                    QStringLiteral("DROP INDEX exchanges_call_id"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN call_id"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN clock_note"),
                    QStringLiteral("PRAGMA user_version=3")});

    history::HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
    const QList<qint64> ids = dockside::testing::appendAndWaitForIds(store, {relayedRecord()});
    ASSERT_EQ(ids.size(), 1);
    store.close();

    history::HistoryReader reader;
    ASSERT_TRUE(reader.open(options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 2);
    const auto loaded = reader.load(ids.constFirst());
    ASSERT_TRUE(loaded.has_value());
    ASSERT_TRUE(loaded->forwarded.has_value());
    EXPECT_TRUE(*loaded->forwarded == *relayedRecord().forwarded);
    EXPECT_EQ(loaded->templateId, QStringLiteral("safe"));
    const auto old = reader.load(ids.constFirst() - 1);
    ASSERT_TRUE(old.has_value());
    EXPECT_FALSE(old->forwarded.has_value());
}

TEST(HistoryRelay, TheTimelinesSummaryMarksRelayedRowsAndWhetherTheFallbackAnswered)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const history::HistoryOptions options {dir.filePath(QStringLiteral("history.sqlite")), 0, 0};
    ExchangeRecord plain = relayedRecord();
    plain.forwarded.reset();
    ExchangeRecord passedOn = relayedRecord();
    passedOn.forwarded->fallbackAnswered = false;
    const ExchangeRecord fallback = relayedRecord();
    {
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, {plain, passedOn, fallback}).size(), 3);
    }
    const auto marks = [&options] {
        history::HistoryReader reader;
        QString error;
        EXPECT_TRUE(reader.open(options.databasePath, &error)) << error.toStdString();
        QList<history::RelayMark> found;
        for (const history::ExchangeSummary &summary : reader.page({}, 0, 10, Qt::AscendingOrder))
            found.append(summary.relay);
        return found;
    };
    EXPECT_EQ(marks(),
              (QList<history::RelayMark> {history::RelayMark::NotRelayed, history::RelayMark::Relayed,
                                          history::RelayMark::FallbackAnswered}));

    // Schema 4 had no mark: the upgrade marks every row with a second leg as relayed.
    execStatements(options.databasePath,
                   {QStringLiteral("ALTER TABLE exchanges DROP COLUMN relay"),
                    QStringLiteral("DROP INDEX exchanges_call_id"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN call_id"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN clock_note"),
                    QStringLiteral("PRAGMA user_version=4")});
    {
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
    }
    EXPECT_EQ(marks(),
              (QList<history::RelayMark> {history::RelayMark::NotRelayed, history::RelayMark::Relayed,
                                          history::RelayMark::Relayed}));
}
