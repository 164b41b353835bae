// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/exchangejson.h"
#include "history/exchangerecordcodec.h"
#include "history/historydatabase.h"
#include "history/historyreader.h"
#include "history/historyspool.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>

#include <zlib.h>

namespace {

using dockside::history::ExchangeRecord;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistorySpool;
using dockside::history::HistoryStore;

ExchangeRecord makeRecord(int sequence)
{
    ExchangeRecord record;
    record.request.receivedAtUs = 1'700'000'000'000'000 + sequence;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.request.body = QByteArrayLiteral("{\"sequence\":") + QByteArray::number(sequence) + '}';
    record.eventType = QStringLiteral("assistant-request");
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    return record;
}

QStringList spoolFiles(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral("history.sqlite-spool-*")}, QDir::Files);
}

QList<QByteArray> storedBodies(const QString &databasePath)
{
    HistoryReader reader;
    QString error;
    EXPECT_TRUE(reader.open(databasePath, &error)) << error.toStdString();
    QList<QByteArray> bodies;
    for (const auto &summary : reader.page({}, 0, 1000, Qt::AscendingOrder)) {
        if (const auto record = reader.load(summary.id))
            bodies.append(record->request.body);
    }
    return bodies;
}

// Runs statements on a connection of the test's own, as another program (or an older Dockside) would.
void execStatements(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("spool-test-intruder");
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.setDatabaseName(path);
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        for (const QString &statement : statements)
            ASSERT_TRUE(query.exec(statement))
                << statement.toStdString() << ": " << query.lastError().text().toStdString();
    }
    QSqlDatabase::removeDatabase(name);
}

class HistorySpoolTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
        // The schema exists before a spool is left behind, as it would after any earlier run.
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    }

    // What a killed process leaves: one write of whole records in a spool whose lock went with the process.
    QString leaveSpool(const QList<int> &sequences)
    {
        HistorySpool spool;
        QString error;
        EXPECT_TRUE(spool.open(m_options.databasePath, &error)) << error.toStdString();
        for (const int sequence : sequences)
            spool.add(makeRecord(sequence));
        EXPECT_TRUE(spool.write(&error).has_value()) << error.toStdString();
        return m_dir.filePath(spoolFiles(m_dir.path()).constFirst());
    }

    // Opens a store, which copies the leftover spool at path, and returns what it reported as failures.
    QStringList copyLeftover(const QString &path)
    {
        HistoryStore store;
        QSignalSpy failed(&store, &HistoryStore::failed);
        QString error;
        EXPECT_TRUE(store.open(m_options, &error)) << error.toStdString();
        EXPECT_TRUE(QTest::qWaitFor([&] { return !QFile::exists(path); }, 10000));
        store.close();
        QStringList messages;
        for (const QList<QVariant> &arguments : std::as_const(failed))
            messages.append(arguments.at(0).toString());
        return messages;
    }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
};

TEST(ExchangeRecordCodec, DamagedOrForeignBytesAreRefused)
{
    const QByteArray encoded = dockside::history::encodeRecord(makeRecord(1));
    ASSERT_TRUE(dockside::history::decodeRecord(encoded).has_value());
    EXPECT_EQ(dockside::history::decodeRecord(encoded)->request.body, makeRecord(1).request.body);
    EXPECT_FALSE(dockside::history::decodeRecord(encoded.left(encoded.size() - 1)).has_value());
    EXPECT_FALSE(dockside::history::decodeRecord(QByteArray(encoded + 'x')).has_value());
    QByteArray otherVersion = encoded;
    otherVersion[0] = char(99);
    EXPECT_FALSE(dockside::history::decodeRecord(otherVersion).has_value());
    EXPECT_FALSE(dockside::history::decodeRecord(QByteArray()).has_value());
}

TEST(ExchangeRecordCodec, AViewFindsEveryFieldInTheRecordsOwnBytes)
{
    using dockside::history::ForwardedLeg;
    using dockside::history::RelayMark;
    ExchangeRecord record = makeRecord(7);
    record.request.headers.append({QByteArrayLiteral("X-Webhook-Signature"), QByteArrayLiteral("abc")});
    record.responseHeaders = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.callerNumber = QStringLiteral("+49 30 \u00e9");
    record.clockNote = QStringLiteral("evaluated at 2026-12-24T18:00:00+01:00");
    ForwardedLeg leg;
    leg.upstreamUrl = QStringLiteral("http://127.0.0.1:9/hook");
    leg.requestHeaders = {{QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1:9")}};
    leg.responseStatus = 502;
    leg.responseBody = QByteArrayLiteral("late");
    leg.connectUs = 12;
    leg.verdict = QStringLiteral("late");
    leg.fallbackAnswered = true;
    record.forwarded = leg;

    const QByteArray encoded = dockside::history::encodeRecord(record);
    const auto view = dockside::history::viewRecord(encoded);
    ASSERT_TRUE(view.has_value());
    const auto inside = [&encoded](QByteArrayView field) {
        return field.data() >= encoded.constData() &&
            field.data() + field.size() <= encoded.constData() + encoded.size();
    };
    EXPECT_TRUE(inside(view->requestBody));
    EXPECT_TRUE(inside(view->requestHeaders));
    EXPECT_TRUE(inside(view->callerNumber));
    EXPECT_EQ(view->requestBody, record.request.body);
    EXPECT_EQ(view->callerNumber, record.callerNumber.toUtf8());
    // Headers and the leg are in the layout their columns keep, so they are bound as they lie.
    EXPECT_EQ(dockside::history::detail::decodeHeaders(view->requestHeaders.toByteArray()), record.request.headers);
    EXPECT_EQ(dockside::history::detail::decodeHeaders(view->responseHeaders.toByteArray()), record.responseHeaders);
    EXPECT_EQ(view->forwarded, dockside::history::encodeForwardedLeg(leg));
    EXPECT_EQ(view->relayMark, RelayMark::FallbackAnswered);
    EXPECT_TRUE(view->templateId.isNull()); // a null text stays null, an empty one empty

    const ExchangeRecord decoded = view->toRecord();
    EXPECT_EQ(decoded.request.headers, record.request.headers);
    EXPECT_EQ(decoded.responseHeaders, record.responseHeaders);
    EXPECT_EQ(decoded.forwarded, record.forwarded);
    EXPECT_EQ(decoded.clockNote, record.clockNote);
    EXPECT_EQ(decoded.callerNumber, record.callerNumber);

    record.forwarded->fallbackAnswered = false;
    EXPECT_EQ(dockside::history::viewRecord(dockside::history::encodeRecord(record))->relayMark, RelayMark::Relayed);
    record.forwarded.reset();
    EXPECT_EQ(dockside::history::viewRecord(dockside::history::encodeRecord(record))->relayMark, RelayMark::NotRelayed);
}

TEST(ExchangeRecordCodec, KeepsTheSignatureDiagnosisAndReadsTheFormerFormat)
{
    ExchangeRecord record = makeRecord(1);
    record.signatureDiagnosisCode = QStringLiteral("secret_differs");
    record.signatureDiagnosis = QStringLiteral("The secret is most likely different.");
    const auto decoded = dockside::history::decodeRecord(dockside::history::encodeRecord(record));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->signatureDiagnosisCode, record.signatureDiagnosisCode);
    EXPECT_EQ(decoded->signatureDiagnosis, record.signatureDiagnosis);

    // Format 1, as a killed older process left it in its spool: no diagnosis (two null texts of 4 bytes each).
    QByteArray former = dockside::history::encodeRecord(makeRecord(1));
    former.chop(8);
    former[0] = char(1);
    const auto formerDecoded = dockside::history::decodeRecord(former);
    ASSERT_TRUE(formerDecoded.has_value());
    EXPECT_TRUE(formerDecoded->signatureDiagnosisCode.isEmpty());
    EXPECT_EQ(formerDecoded->request.body, makeRecord(1).request.body);
}

TEST_F(HistorySpoolTest, ASpoolLeftByAKilledProcessIsCopiedAtTheNextStartAndDeleted)
{
    QString leftover;
    {
        // What a killed process leaves: a spool with whole records, never copied, its lock gone with the process.
        HistorySpool spool;
        QString error;
        ASSERT_TRUE(spool.open(m_options.databasePath, &error)) << error.toStdString();
        for (int i = 0; i < 3; ++i)
            spool.add(makeRecord(i));
        ASSERT_TRUE(spool.write(&error).has_value()) << error.toStdString();
        spool.add(makeRecord(3));
        ASSERT_TRUE(spool.write(&error).has_value()) << error.toStdString();
        ASSERT_EQ(spoolFiles(m_dir.path()).size(), 1);
        leftover = m_dir.filePath(spoolFiles(m_dir.path()).constFirst());
        EXPECT_FALSE(HistorySpool::hasLeftovers(m_options.databasePath)) << "its owner still holds the lock";
    }
    EXPECT_TRUE(HistorySpool::hasLeftovers(m_options.databasePath));

    HistoryStore store;
    QSignalSpy appended(&store, &HistoryStore::appended);
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !QFile::exists(leftover); }, 10000));
    store.close();
    EXPECT_EQ(storedBodies(m_options.databasePath),
              QList<QByteArray>({makeRecord(0).request.body, makeRecord(1).request.body, makeRecord(2).request.body,
                                 makeRecord(3).request.body}));
    EXPECT_FALSE(HistorySpool::hasLeftovers(m_options.databasePath));
}

TEST_F(HistorySpoolTest, ATornLastRecordIsSkippedWithAMessageAndTheWholeOnesAreKept)
{
    const QString path = leaveSpool({1, 2});
    // A process killed in the middle of a write: the last frame is cut short.
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.resize(file.size() - 5));
    file.close();

    const QStringList failures = copyLeftover(path);
    EXPECT_EQ(storedBodies(m_options.databasePath), QList<QByteArray>({makeRecord(1).request.body}));
    ASSERT_EQ(failures.size(), 1);
    EXPECT_TRUE(failures.constFirst().contains(QStringLiteral("damaged record")))
        << failures.constFirst().toStdString();
}

// Rewrites the spool's frames in place: each frame's magic, length and checksum (little-endian) before its payload.
void rewriteFrames(const QString &path, const std::function<void(int frame, char *header, QByteArray &payload)> &edit)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    qsizetype position = 0;
    for (int frame = 0; position + 12 <= bytes.size(); ++frame) {
        const auto length = static_cast<qsizetype>(qFromLittleEndian<quint32>(bytes.constData() + position + 4));
        QByteArray payload = bytes.mid(position + 12, length);
        edit(frame, bytes.data() + position, payload);
        bytes.replace(position + 12, length, payload);
        position += 12 + length;
    }
    ASSERT_TRUE(file.seek(0));
    ASSERT_EQ(file.write(bytes), bytes.size());
}

// Versions before XXH3 framed each record as "DSP1" with zlib's CRC-32 of its payload.
void frameAsCrc32(char *header, const QByteArray &payload)
{
    qToLittleEndian<quint32>(0x31505344, header);
    const uLong checksum =
        ::crc32(0, reinterpret_cast<const Bytef *>(payload.constData()), static_cast<uInt>(payload.size()));
    qToLittleEndian<quint32>(static_cast<quint32>(checksum), header + 8);
}

TEST_F(HistorySpoolTest, CrcFramesLeftByAnEarlierVersionAreStillCopied)
{
    const QString path = leaveSpool({1, 2});
    rewriteFrames(path, [](int frame, char *header, QByteArray &payload) {
        if (frame == 0)
            frameAsCrc32(header, payload);
    });
    EXPECT_EQ(copyLeftover(path), QStringList());
    EXPECT_EQ(storedBodies(m_options.databasePath),
              QList<QByteArray>({makeRecord(1).request.body, makeRecord(2).request.body}));
}

TEST_F(HistorySpoolTest, ARecordWhoseBytesChangedIsRefusedWhicheverChecksumItCarries)
{
    for (const bool crcFrames : {false, true}) {
        SCOPED_TRACE(crcFrames ? "CRC-32 frames" : "XXH3 frames");
        const QString path = leaveSpool({10, 11});
        rewriteFrames(path, [crcFrames](int frame, char *header, QByteArray &payload) {
            if (crcFrames)
                frameAsCrc32(header, payload);
            // A bit flipped on the disk, in the second record's body, after its checksum was taken.
            if (frame == 1)
                payload[payload.size() - 3] = static_cast<char>(payload.at(payload.size() - 3) ^ 0x04);
        });
        const QStringList failures = copyLeftover(path);
        ASSERT_EQ(failures.size(), 1);
        EXPECT_TRUE(failures.constFirst().contains(QStringLiteral("damaged record")))
            << failures.constFirst().toStdString();
    }
    // Of both files, only each one's first, undamaged record was copied.
    EXPECT_EQ(storedBodies(m_options.databasePath),
              QList<QByteArray>({makeRecord(10).request.body, makeRecord(10).request.body}));
}

TEST_F(HistorySpoolTest, APartlyCopiedSpoolResumesWhereItsProgressSays)
{
    QString name;
    qint64 afterFirst = 0;
    {
        HistorySpool spool;
        QString error;
        ASSERT_TRUE(spool.open(m_options.databasePath, &error)) << error.toStdString();
        spool.add(makeRecord(1));
        afterFirst = spool.write(&error)->endOffset;
        spool.add(makeRecord(2));
        ASSERT_TRUE(spool.write(&error).has_value());
        name = spoolFiles(m_dir.path()).constFirst();
    }
    // The first record was copied (and its progress committed with it) before the process was killed.
    execStatements(m_options.databasePath,
                   {QStringLiteral("INSERT INTO spool_progress (spool, imported_bytes) VALUES ('%1', %2)")
                        .arg(name)
                        .arg(afterFirst)});
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    store.close();
    EXPECT_EQ(storedBodies(m_options.databasePath), QList<QByteArray>({makeRecord(2).request.body}))
        << "the first record is not copied twice";
}

TEST_F(HistorySpoolTest, TwoStoresOnOneFileEachCopyTheirOwnSpool)
{
    // The window, `serve` and `send` may share one history; each has its own spool and leaves the other's alone.
    HistoryStore first;
    HistoryStore second;
    QString error;
    ASSERT_TRUE(first.open(m_options, &error)) << error.toStdString();
    ASSERT_TRUE(second.open(m_options, &error)) << error.toStdString();
    QList<ExchangeRecord> firstRecords;
    QList<ExchangeRecord> secondRecords;
    for (int i = 0; i < 50; ++i) {
        firstRecords.append(makeRecord(i));
        secondRecords.append(makeRecord(1000 + i));
    }
    const QList<qint64> firstIds = dockside::testing::appendAndWaitForIds(first, firstRecords);
    const QList<qint64> secondIds = dockside::testing::appendAndWaitForIds(second, secondRecords);
    ASSERT_EQ(firstIds.size(), 50);
    ASSERT_EQ(secondIds.size(), 50);
    EXPECT_GT(secondIds.constFirst(), firstIds.constLast()) << "ids keep time order across stores";
    first.close();
    second.close();
    EXPECT_EQ(storedBodies(m_options.databasePath).size(), 100);
    EXPECT_TRUE(spoolFiles(m_dir.path()).isEmpty());
}

TEST_F(HistorySpoolTest, AFullSpoolFileIsReplacedAndDeletedOnceCopied)
{
    HistorySpool spool;
    QString error;
    ASSERT_TRUE(spool.open(m_options.databasePath, &error, 200)) << error.toStdString();
    spool.add(makeRecord(1));
    spool.add(makeRecord(2));
    const auto batch = spool.write(&error);
    ASSERT_TRUE(batch.has_value());
    EXPECT_TRUE(batch->finished) << "past 200 bytes the file is done";
    EXPECT_EQ(spoolFiles(m_dir.path()).size(), 2) << "a fresh file takes the next records";
    EXPECT_EQ(batch->records, 2);
}

TEST_F(HistorySpoolTest, AnOlderHistoryIsUpgradedKeepingItsRows)
{
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, {makeRecord(1)}).size(), 1);
    }
    // Schema 1, as the previous version wrote it.
    execStatements(m_options.databasePath,
                   {QStringLiteral("DROP TABLE spool_progress"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN connect_us"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN first_byte_us"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN signature_diagnosis_code"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN signature_diagnosis"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN forwarded"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN relay"),
                    QStringLiteral("DROP INDEX exchanges_call_id"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN call_id"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN clock_note"),
                    QStringLiteral("PRAGMA user_version=1")});
    HistoryReader reader;
    QString error;
    EXPECT_FALSE(reader.open(m_options.databasePath, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("older Dockside"))) << error.toStdString();

    HistoryStore store;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    ExchangeRecord timed = makeRecord(2);
    timed.connectUs = 350;
    timed.firstByteUs = 2100;
    timed.signatureDiagnosisCode = QStringLiteral("clock_skew");
    timed.signatureDiagnosis = QStringLiteral("The signature matches; only the age fails.");
    const QList<qint64> ids = dockside::testing::appendAndWaitForIds(store, {timed});
    ASSERT_EQ(ids.size(), 1);
    store.close();
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 2);
    const auto loaded = reader.load(ids.constFirst());
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->connectUs, std::optional<qint64>(350));
    EXPECT_EQ(loaded->firstByteUs, std::optional<qint64>(2100));
    EXPECT_EQ(loaded->signatureDiagnosisCode, timed.signatureDiagnosisCode);
    EXPECT_EQ(loaded->signatureDiagnosis, timed.signatureDiagnosis);
}

TEST_F(HistorySpoolTest, ASchemaTwoHistoryGainsTheSignatureDiagnosis)
{
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, {makeRecord(1)}).size(), 1);
    }
    execStatements(m_options.databasePath,
                   {QStringLiteral("ALTER TABLE exchange_details DROP COLUMN signature_diagnosis_code"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN signature_diagnosis"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN forwarded"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN relay"),
                    QStringLiteral("DROP INDEX exchanges_call_id"),
                    QStringLiteral("ALTER TABLE exchanges DROP COLUMN call_id"),
                    QStringLiteral("ALTER TABLE exchange_details DROP COLUMN clock_note"),
                    QStringLiteral("PRAGMA user_version=2")});
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open(m_options, &error)) << error.toStdString();
    ExchangeRecord diagnosed = makeRecord(2);
    diagnosed.signatureDiagnosisCode = QStringLiteral("body_pretty");
    diagnosed.signatureDiagnosis = QStringLiteral("The signature matches the body re-serialised.");
    const QList<qint64> ids = dockside::testing::appendAndWaitForIds(store, {diagnosed});
    ASSERT_EQ(ids.size(), 1);
    store.close();
    HistoryReader reader;
    ASSERT_TRUE(reader.open(m_options.databasePath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 2);
    const auto loaded = reader.load(ids.constFirst());
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->signatureDiagnosisCode, diagnosed.signatureDiagnosisCode);
    EXPECT_EQ(loaded->signatureDiagnosis, diagnosed.signatureDiagnosis);
}

} // namespace

TEST(ExchangeExport, OutboundTimesBecomeHarPhasesAndJsonFields)
{
    ExchangeRecord record = makeRecord(1);
    record.direction = dockside::history::Direction::Outbound;
    record.latencyUs = 10'000;
    record.connectUs = 2'000;
    record.firstByteUs = 9'000;
    const QJsonObject timings =
        dockside::history::exchangeToHarEntry(record).value(QStringLiteral("timings")).toObject();
    EXPECT_DOUBLE_EQ(timings.value(QStringLiteral("connect")).toDouble(), 2.0);
    EXPECT_DOUBLE_EQ(timings.value(QStringLiteral("wait")).toDouble(), 7.0);
    EXPECT_DOUBLE_EQ(timings.value(QStringLiteral("receive")).toDouble(), 1.0);
    EXPECT_DOUBLE_EQ(dockside::history::exchangeToJson(record).value(QStringLiteral("connectUs")).toDouble(), 2000.0);

    // Inbound, or a transport that told nothing: no connect phase, all of it waiting.
    const ExchangeRecord inbound = makeRecord(2);
    const QJsonObject plain =
        dockside::history::exchangeToHarEntry(inbound).value(QStringLiteral("timings")).toObject();
    EXPECT_DOUBLE_EQ(plain.value(QStringLiteral("connect")).toDouble(), -1.0);
    EXPECT_DOUBLE_EQ(plain.value(QStringLiteral("receive")).toDouble(), 0.0);
    EXPECT_TRUE(dockside::history::exchangeToJson(inbound).value(QStringLiteral("connectUs")).isNull());
}
