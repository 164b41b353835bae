// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/curlcommand.h"
#include "history/exchangeredactor.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::ExchangeRedactor;

const QString kNumber = QStringLiteral("+31612345678");
const QString kOtherNumber = QStringLiteral("+31699999978"); // the same country code and last two digits
const QString kName = QStringLiteral("Anna de Vries");
const QString kTranscript = QStringLiteral("I would like to move my appointment to Tuesday");
const QString kSummary = QStringLiteral("The caller moved an appointment");

ExchangeRecord makeRecord(const QString &number, const QString &callId, int i)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + i;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                              {QByteArrayLiteral("X-Webhook-Signature"), QByteArrayLiteral("t=1,v1=abcdef0123")}};
    const QJsonObject message {
        {QStringLiteral("type"), QStringLiteral("end-of-call-report")},
        {QStringLiteral("call"), QJsonObject {{QStringLiteral("id"), callId}}},
        {QStringLiteral("customer"), QJsonObject {{QStringLiteral("number"), number}, {QStringLiteral("name"), kName}}},
        {QStringLiteral("transcript"), kTranscript},
        {QStringLiteral("summary"), kSummary},
        {QStringLiteral("messages"),
         QJsonArray {
             QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("message"), kTranscript}}}},
    };
    record.request.body = QJsonDocument(QJsonObject {{QStringLiteral("message"), message}}).toJson();
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("end-of-call-report");
    record.callerNumber = number;
    record.callId = callId;
    record.signedString = QByteArrayLiteral("1.") + record.request.body;
    record.responseStatus = 200;
    // A greeting a template filled in with the contact's name and number.
    record.responseBody = QByteArrayLiteral("{\"assistant\":{\"firstMessage\":\"Hello Anna, we have ") +
        number.toUtf8() + QByteArrayLiteral(" on file\"}}");
    return record;
}

void expectNothingPersonal(const QByteArray &output)
{
    for (const QString &secret : {kNumber, kOtherNumber, kName, kTranscript, kSummary, QStringLiteral("Anna"),
                                  QStringLiteral("abcdef0123"), QStringLiteral("612345678")})
        EXPECT_FALSE(output.contains(secret.toUtf8())) << secret.toStdString() << " in " << output.toStdString();
}

TEST(ExchangeRedactor, MasksNumbersKeepingCountryCodeAndLastDigitsConsistently)
{
    ExchangeRedactor redactor;
    const QString mask = redactor.maskNumber(kNumber);
    EXPECT_EQ(mask, QStringLiteral("+31 \u2022\u2022\u2022\u2022\u2022\u2022\u202278"));
    EXPECT_EQ(redactor.maskNumber(QStringLiteral("+31 6 1234 5678")), mask);
    // Another number with the same visible digits gets its own mask, so two callers never merge.
    EXPECT_NE(redactor.maskNumber(kOtherNumber), mask);
    EXPECT_TRUE(redactor.maskNumber(QStringLiteral("+14155550123")).startsWith(QStringLiteral("+1 ")));
    EXPECT_EQ(redactor.pseudonym(kName), QStringLiteral("Contact 1"));
    EXPECT_EQ(redactor.pseudonym(QStringLiteral("Bram")), QStringLiteral("Contact 2"));
    EXPECT_EQ(redactor.pseudonym(kName), QStringLiteral("Contact 1"));
    EXPECT_EQ(ExchangeRedactor::transcriptMask(1234), QStringLiteral("[redacted: 1,234 characters]"));
}

TEST(ExchangeRedactor, ARedactedRecordKeepsNoNumberNameTranscriptOrSignature)
{
    ExchangeRedactor redactor;
    redactor.addKnownNames({QStringLiteral("Anna")});
    const ExchangeRecord redacted = redactor.redact(makeRecord(kNumber, QStringLiteral("call-1"), 1));
    const QByteArray curl = dockside::composer::curlCommand(redacted).toUtf8();
    expectNothingPersonal(curl);
    expectNothingPersonal(redacted.request.body + redacted.responseBody + redacted.signedString +
                          redacted.callerNumber.toUtf8());
    EXPECT_TRUE(curl.contains("[redacted]")) << curl.toStdString();
    const QJsonObject message =
        QJsonDocument::fromJson(redacted.request.body).object()[QStringLiteral("message")].toObject();
    EXPECT_EQ(message[QStringLiteral("transcript")].toString(), ExchangeRedactor::transcriptMask(kTranscript.size()));
    EXPECT_EQ(message[QStringLiteral("customer")].toObject()[QStringLiteral("name")].toString(),
              QStringLiteral("Contact 2"));
    EXPECT_EQ(message[QStringLiteral("call")].toObject()[QStringLiteral("id")].toString(), QStringLiteral("call-1"));
    EXPECT_EQ(redacted.callerNumber, redactor.maskNumber(kNumber));
}

TEST(ExchangeRedactor, ARedactedExportSaysSoAndKeepsFlowsReadable)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("history.sqlite"));
    {
        dockside::history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store,
                                                         {makeRecord(kNumber, QStringLiteral("call-1"), 1),
                                                          makeRecord(kNumber, QStringLiteral("call-1"), 2),
                                                          makeRecord(kOtherNumber, QStringLiteral("call-2"), 3)})
                      .size(),
                  3);
    }
    dockside::history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(database, &error)) << error.toStdString();
    for (const bool har : {true, false}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ExchangeRedactor redactor;
        ASSERT_TRUE(har ? reader.exportHar({}, &buffer, &error, {}, &redactor)
                        : reader.exportJson({}, &buffer, &error, {}, &redactor))
            << error.toStdString();
        expectNothingPersonal(buffer.data());
        const QJsonObject root = QJsonDocument::fromJson(buffer.data()).object();
        ASSERT_FALSE(root.isEmpty()) << buffer.data().toStdString();
        if (har) {
            EXPECT_EQ(root[QStringLiteral("log")].toObject()[QStringLiteral("comment")].toString(),
                      ExchangeRedactor::notice());
        } else {
            EXPECT_TRUE(root[QStringLiteral("redacted")].toBool());
            const QJsonArray exchanges = root[QStringLiteral("exchanges")].toArray();
            ASSERT_EQ(exchanges.size(), 3);
            // The same caller has the same mask in both of its exchanges, the other caller another one.
            const auto callerOf = [&exchanges](int i) {
                return exchanges.at(i)
                    .toObject()[QStringLiteral("event")]
                    .toObject()[QStringLiteral("callerNumber")]
                    .toString();
            };
            EXPECT_FALSE(callerOf(0).isEmpty());
            EXPECT_EQ(callerOf(0), callerOf(1));
            EXPECT_NE(callerOf(0), callerOf(2));
        }
        // The same export without a redactor does hold them: the checks above can fail.
        QBuffer plain;
        plain.open(QIODevice::WriteOnly);
        ASSERT_TRUE(reader.exportJson({}, &plain, &error));
        EXPECT_TRUE(plain.data().contains(kNumber.toUtf8()));
        EXPECT_FALSE(plain.data().contains("\"redacted\""));
    }
}

} // namespace
