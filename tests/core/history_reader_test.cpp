// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr qint64 kSecondUs = 1000 * 1000;
constexpr qint64 kBaseUs = 1'700'000'000 * kSecondUs;

ExchangeRecord makeRecord(Direction direction, const QString &eventType, const QString &caller, int status,
                          qint64 atSeconds, const QByteArray &requestBody, const QByteArray &responseBody,
                          const QString &outcomeReason = {})
{
    ExchangeRecord record;
    record.direction = direction;
    record.request.receivedAtUs = kBaseUs + atSeconds * kSecondUs;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice?tenant=a%20b&debug");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1:8080")},
                              {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                              {QByteArrayLiteral("X-Webhook-Event"), eventType.toUtf8()}};
    record.request.body = requestBody;
    record.request.headerBytes = 97;
    record.url = direction == Direction::Outbound ? QStringLiteral("https://hooks.example.test/voice?tenant=a%20b")
                                                  : QStringLiteral("http://127.0.0.1:8080/");
    record.eventType = eventType;
    record.callerNumber = caller;
    record.responseStatus = status;
    record.responseHeaders = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.responseBody = responseBody;
    record.latencyUs = 2500;
    record.signatureStatus = QStringLiteral("valid");
    record.outcomeDisposition = outcomeReason.isEmpty() ? QString() : QStringLiteral("rejected");
    record.outcomeReason = outcomeReason;
    return record;
}

class HistoryReaderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        HistoryOptions options;
        options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
        QString error;
        ASSERT_TRUE(m_store.open(options, &error)) << error.toStdString();

        QByteArray binary("\x00\x01\x02\xff\xfe binary", 13);
        const QList<ExchangeRecord> records {
            makeRecord(Direction::Inbound, QStringLiteral("assistant-request"), QStringLiteral("+4930111"), 200, 10,
                       QByteArrayLiteral("{\"message\":\"hello alpha\",\"note\":\"this AND that\"}"),
                       QByteArrayLiteral("{\"reply\":\"bravo\"}")),
            makeRecord(Direction::Inbound, QStringLiteral("status-update"), QStringLiteral("+4930222"), 204, 20,
                       QByteArrayLiteral("{\"status\":\"charlie\"}"), QByteArray()),
            makeRecord(Direction::Outbound, QStringLiteral("end-of-call-report"), QStringLiteral("+1555*"), 500, 30,
                       QByteArrayLiteral("delta alpha"), QByteArrayLiteral("server exploded")),
            makeRecord(Direction::Inbound, QString(), QString(), 404, 40, binary, binary),
            makeRecord(Direction::Inbound, QStringLiteral("assistant-request"), QStringLiteral("+4989000"), 200, 50,
                       QByteArrayLiteral("{\"message\":\"echo\"}"), QByteArrayLiteral("{\"error\":\"timeout\"}"),
                       QStringLiteral("assistant_request_timed_out")),
        };
        m_ids = dockside::testing::appendAndWaitForIds(m_store, records);
        ASSERT_EQ(m_ids.size(), records.size());
        ASSERT_TRUE(m_reader.open(options.databasePath, &error)) << error.toStdString();
    }

    QList<qint64> ids(const HistoryFilter &filter)
    {
        QList<qint64> result;
        const auto summaries = m_reader.page(filter, 0, 100, Qt::AscendingOrder);
        for (const auto &summary : summaries)
            result.append(summary.id);
        EXPECT_EQ(m_reader.count(filter), result.size());
        EXPECT_TRUE(m_reader.lastError().isEmpty()) << m_reader.lastError().toStdString();
        return result;
    }

    QList<qint64> idsAt(std::initializer_list<qsizetype> indexes) const
    {
        QList<qint64> result;
        for (const qsizetype index : indexes)
            result.append(m_ids.at(index));
        return result;
    }

    QTemporaryDir m_dir;
    HistoryStore m_store;
    HistoryReader m_reader;
    QList<qint64> m_ids;
};

TEST_F(HistoryReaderTest, PagesInBothOrdersWithOffsets)
{
    EXPECT_EQ(m_reader.count({}), 5);
    auto page = m_reader.page({}, 1, 2, Qt::DescendingOrder);
    ASSERT_EQ(page.size(), 2);
    EXPECT_EQ(page.at(0).id, m_ids.at(3));
    EXPECT_EQ(page.at(1).id, m_ids.at(2));
    page = m_reader.page({}, 1, 2, Qt::AscendingOrder);
    ASSERT_EQ(page.size(), 2);
    EXPECT_EQ(page.at(0).id, m_ids.at(1));
    EXPECT_EQ(page.at(1).id, m_ids.at(2));
    EXPECT_TRUE(m_reader.page({}, 5, 10).isEmpty());

    const auto summary = m_reader.page({}, 0, 1, Qt::AscendingOrder).constFirst();
    EXPECT_EQ(summary.direction, Direction::Inbound);
    EXPECT_EQ(summary.receivedAtUs, kBaseUs + 10 * kSecondUs);
    EXPECT_EQ(summary.method, QStringLiteral("POST"));
    EXPECT_EQ(summary.path, QStringLiteral("/hooks/voice"));
    EXPECT_EQ(summary.eventType, QStringLiteral("assistant-request"));
    EXPECT_EQ(summary.callerNumber, QStringLiteral("+4930111"));
    EXPECT_EQ(summary.responseStatus, 200);
    EXPECT_EQ(summary.latencyUs, 2500);
    EXPECT_EQ(summary.signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(summary.responseBodySize, 17);
}

TEST_F(HistoryReaderTest, FullTextFindsWordsInRequestAndResponseBodies)
{
    HistoryFilter filter;
    filter.text = QStringLiteral("alpha");
    EXPECT_EQ(ids(filter), idsAt({0, 2}));
    filter.text = QStringLiteral("bravo"); // only in a response body
    EXPECT_EQ(ids(filter), idsAt({0}));
    filter.text = QStringLiteral("expl"); // words match as prefixes
    EXPECT_EQ(ids(filter), idsAt({2}));
    filter.text = QStringLiteral("alpha  delta"); // every word must match
    EXPECT_EQ(ids(filter), idsAt({2}));
    filter.text = QStringLiteral("AND"); // an operator is searched as a word
    EXPECT_EQ(ids(filter), idsAt({0}));
    filter.text = QStringLiteral("assistant-request"); // headers and summaries are not searched, bodies are
    EXPECT_TRUE(ids(filter).isEmpty());
    filter.text = QStringLiteral("binary");
    EXPECT_TRUE(ids(filter).isEmpty()) << "bodies that are not UTF-8 text are not indexed";
}

TEST_F(HistoryReaderTest, HostileSearchTextNeverFails)
{
    const QStringList hostile {
        QStringLiteral("\""),
        QStringLiteral("\"alpha"),
        QStringLiteral("AND"),
        QStringLiteral("OR"),
        QStringLiteral("NOT"),
        QStringLiteral("-"),
        QStringLiteral("alpha -bravo"),
        QStringLiteral("*"),
        QStringLiteral("alpha*"),
        QStringLiteral(":"),
        QStringLiteral("body:alpha"),
        QStringLiteral("("),
        QStringLiteral("(alpha"),
        QStringLiteral(")"),
        QStringLiteral("NEAR(a b)"),
        QStringLiteral("^alpha"),
        QStringLiteral("{a b}:c"),
        QStringLiteral("+"),
        QStringLiteral("'; DROP TABLE exchanges; --"),
        QStringLiteral("\"\"\""),
        QStringLiteral("\\"),
        QStringLiteral("\t\n"),
    };
    for (const QString &text : hostile) {
        HistoryFilter filter;
        filter.text = text;
        EXPECT_GE(m_reader.count(filter), 0) << text.toStdString() << ": " << m_reader.lastError().toStdString();
        EXPECT_TRUE(m_reader.lastError().isEmpty()) << text.toStdString();
        m_reader.page(filter, 0, 10);
        EXPECT_TRUE(m_reader.lastError().isEmpty()) << text.toStdString();
    }
    HistoryFilter filter;
    filter.text = QStringLiteral("\"alpha\"");
    EXPECT_EQ(ids(filter), idsAt({0, 2})) << "quotes around a word are punctuation";
    filter.text = QStringLiteral("body:alpha");
    EXPECT_TRUE(ids(filter).isEmpty()) << "a column prefix is a phrase, not a column filter";
    EXPECT_EQ(m_reader.count({}), 5);
}

TEST_F(HistoryReaderTest, FiltersByEventDirectionCallerStatusOutcomeAndTime)
{
    HistoryFilter filter;
    filter.eventTypes = {QStringLiteral("assistant-request")};
    EXPECT_EQ(ids(filter), idsAt({0, 4}));
    filter.eventTypes = {QStringLiteral("status-update"), QStringLiteral("end-of-call-report")};
    EXPECT_EQ(ids(filter), idsAt({1, 2}));
    filter.eventTypes = {QString()};
    EXPECT_EQ(ids(filter), idsAt({3})) << "an empty event type selects requests that are no VoiceDock event";

    filter = {};
    filter.direction = Direction::Outbound;
    EXPECT_EQ(ids(filter), idsAt({2}));
    filter.direction = Direction::Inbound;
    EXPECT_EQ(ids(filter), idsAt({0, 1, 3, 4}));

    filter = {};
    filter.caller = QStringLiteral("+4930");
    EXPECT_EQ(ids(filter), idsAt({0, 1}));
    filter.caller = QStringLiteral("+1555*");
    EXPECT_EQ(ids(filter), idsAt({2})) << "a wildcard character in the prefix is literal";
    filter.caller = QStringLiteral("*");
    EXPECT_TRUE(ids(filter).isEmpty());
    filter.caller = QStringLiteral("4930");
    EXPECT_TRUE(ids(filter).isEmpty()) << "the caller filter is a prefix";

    filter = {};
    filter.status = 200;
    EXPECT_EQ(ids(filter), idsAt({0, 4}));
    filter.status = 404;
    EXPECT_EQ(ids(filter), idsAt({3}));

    filter = {};
    filter.outcomeReason = QStringLiteral("assistant_request_timed_out");
    EXPECT_EQ(ids(filter), idsAt({4}));

    filter = {};
    filter.fromUs = kBaseUs + 20 * kSecondUs;
    EXPECT_EQ(ids(filter), idsAt({1, 2, 3, 4}));
    filter.toUs = kBaseUs + 40 * kSecondUs;
    EXPECT_EQ(ids(filter), idsAt({1, 2})) << "from is inclusive, to is exclusive";

    filter = {};
    filter.eventTypes = {QStringLiteral("assistant-request")};
    filter.status = 200;
    filter.text = QStringLiteral("echo");
    filter.caller = QStringLiteral("+49");
    EXPECT_EQ(ids(filter), idsAt({4}));
}

TEST_F(HistoryReaderTest, JsonExportParsesBackWithEveryExchange)
{
    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    ASSERT_TRUE(m_reader.exportJson({}, &buffer, &error)) << error.toStdString();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(buffer.data(), &parseError);
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << parseError.errorString().toStdString();
    EXPECT_EQ(document.object().value(QStringLiteral("format")).toString(), QStringLiteral("dockside-history"));
    const QJsonArray exchanges = document.object().value(QStringLiteral("exchanges")).toArray();
    ASSERT_EQ(exchanges.size(), 5);

    const QJsonObject first = exchanges.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("id")).toInteger(), m_ids.at(0));
    EXPECT_EQ(first.value(QStringLiteral("direction")).toString(), QStringLiteral("inbound"));
    const QJsonObject request = first.value(QStringLiteral("request")).toObject();
    EXPECT_EQ(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    EXPECT_EQ(request.value(QStringLiteral("body")).toString(),
              QStringLiteral("{\"message\":\"hello alpha\",\"note\":\"this AND that\"}"));
    EXPECT_EQ(request.value(QStringLiteral("headers")).toArray().at(2).toObject().value(QStringLiteral("name")),
              QStringLiteral("X-Webhook-Event"));
    EXPECT_EQ(first.value(QStringLiteral("event")).toObject().value(QStringLiteral("callerNumber")).toString(),
              QStringLiteral("+4930111"));
    EXPECT_EQ(first.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(), 200);

    const QJsonObject binary = exchanges.at(3).toObject().value(QStringLiteral("request")).toObject();
    EXPECT_EQ(binary.value(QStringLiteral("bodyEncoding")).toString(), QStringLiteral("base64"));
    EXPECT_EQ(QByteArray::fromBase64(binary.value(QStringLiteral("body")).toString().toLatin1()),
              QByteArray("\x00\x01\x02\xff\xfe binary", 13));

    QBuffer filtered;
    ASSERT_TRUE(filtered.open(QIODevice::WriteOnly));
    HistoryFilter filter;
    filter.status = 200;
    ASSERT_TRUE(m_reader.exportJson(filter, &filtered, &error)) << error.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(filtered.data()).object().value(QStringLiteral("exchanges")).toArray().size(), 2);
}

TEST_F(HistoryReaderTest, HarExportFollowsHar12)
{
    QBuffer buffer;
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    QString error;
    ASSERT_TRUE(m_reader.exportHar({}, &buffer, &error)) << error.toStdString();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(buffer.data(), &parseError);
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << parseError.errorString().toStdString();
    const QJsonObject log = document.object().value(QStringLiteral("log")).toObject();
    EXPECT_EQ(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    EXPECT_EQ(log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("Dockside"));
    EXPECT_FALSE(log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("version")).toString().isEmpty());
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    ASSERT_EQ(entries.size(), 5);

    const QJsonObject entry = entries.at(0).toObject();
    EXPECT_EQ(entry.value(QStringLiteral("startedDateTime")).toString(), QStringLiteral("2023-11-14T22:13:30.000Z"));
    EXPECT_DOUBLE_EQ(entry.value(QStringLiteral("time")).toDouble(), 2.5);
    EXPECT_DOUBLE_EQ(entry.value(QStringLiteral("timings")).toObject().value(QStringLiteral("wait")).toDouble(), 2.5);
    const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
    EXPECT_EQ(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    EXPECT_EQ(request.value(QStringLiteral("url")).toString(),
              QStringLiteral("http://127.0.0.1:8080/hooks/voice?tenant=a%20b&debug"));
    EXPECT_EQ(request.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("HTTP/1.1"));
    EXPECT_EQ(request.value(QStringLiteral("headers")).toArray().size(), 3);
    EXPECT_TRUE(request.value(QStringLiteral("cookies")).isArray());
    const QJsonArray query = request.value(QStringLiteral("queryString")).toArray();
    ASSERT_EQ(query.size(), 2);
    EXPECT_EQ(query.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("tenant"));
    EXPECT_EQ(query.at(0).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("a b"));
    const QJsonObject postData = request.value(QStringLiteral("postData")).toObject();
    EXPECT_EQ(postData.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    EXPECT_TRUE(postData.value(QStringLiteral("text")).toString().contains(QStringLiteral("hello alpha")));
    EXPECT_EQ(request.value(QStringLiteral("headersSize")).toInt(), 97);
    EXPECT_EQ(request.value(QStringLiteral("bodySize")).toInt(), 48);

    const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
    EXPECT_EQ(response.value(QStringLiteral("status")).toInt(), 200);
    EXPECT_EQ(response.value(QStringLiteral("statusText")).toString(), QStringLiteral("OK"));
    const QJsonObject content = response.value(QStringLiteral("content")).toObject();
    EXPECT_EQ(content.value(QStringLiteral("size")).toInt(), 17);
    EXPECT_EQ(content.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    EXPECT_EQ(content.value(QStringLiteral("text")).toString(), QStringLiteral("{\"reply\":\"bravo\"}"));
    EXPECT_FALSE(content.contains(QStringLiteral("encoding")));

    EXPECT_EQ(entries.at(2).toObject().value(QStringLiteral("request")).toObject().value(QStringLiteral("url")),
              QStringLiteral("https://hooks.example.test/voice?tenant=a%20b"));
    const QJsonObject binaryContent = entries.at(3)
                                          .toObject()
                                          .value(QStringLiteral("response"))
                                          .toObject()
                                          .value(QStringLiteral("content"))
                                          .toObject();
    EXPECT_EQ(binaryContent.value(QStringLiteral("encoding")).toString(), QStringLiteral("base64"));
    EXPECT_EQ(QByteArray::fromBase64(binaryContent.value(QStringLiteral("text")).toString().toLatin1()),
              QByteArray("\x00\x01\x02\xff\xfe binary", 13));
}

TEST_F(HistoryReaderTest, ExportReportsAWriteFailure)
{
    QFile full(QStringLiteral("/dev/full"));
    ASSERT_TRUE(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    QString error;
    EXPECT_FALSE(m_reader.exportHar({}, &full, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("could not be written"))) << error.toStdString();

    QBuffer readOnly;
    ASSERT_TRUE(readOnly.open(QIODevice::ReadOnly));
    EXPECT_FALSE(m_reader.exportJson({}, &readOnly, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not open for writing"))) << error.toStdString();
}

TEST(HistoryReaderOpen, AMissingFileIsReportedNotCreated)
{
    QTemporaryDir dir;
    HistoryReader reader;
    QString error;
    const QString path = dir.filePath(QStringLiteral("nothing.sqlite"));
    EXPECT_FALSE(reader.open(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("no history database"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(path));
    EXPECT_EQ(reader.count({}), -1);
    EXPECT_FALSE(reader.lastError().isEmpty());
}

TEST(HistoryFtsQuery, QuotesEveryWordAsAPrefix)
{
    using dockside::history::ftsQuery;
    EXPECT_EQ(ftsQuery(QStringLiteral("alpha")), QStringLiteral("\"alpha\"*"));
    EXPECT_EQ(ftsQuery(QStringLiteral(" say \"hi\"  -x ")), QStringLiteral("\"say\"* \"\"\"hi\"\"\"* \"-x\"*"));
    EXPECT_TRUE(ftsQuery(QStringLiteral("- : ( * \"")).isEmpty());
}

} // namespace
