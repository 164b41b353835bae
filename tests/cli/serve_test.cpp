// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include "history/historyreader.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace {

const QString kJohn = QStringLiteral("+31612345678"); // a VIP in the sample workspace's contacts

// The sample workspace's "closed" rule: Europe/Amsterdam, Mon-Fri 09:00-12:30 and 13:30-17:30, Sat 10:00-14:00.
bool sampleWorkspaceIsOpen(const QDateTime &utc)
{
    const QDateTime local = utc.toTimeZone(QTimeZone(QByteArrayLiteral("Europe/Amsterdam")));
    const int day = local.date().dayOfWeek();
    const int minute = local.time().hour() * 60 + local.time().minute();
    const auto within = [minute](int from, int to) { return minute >= from && minute < to; };
    if (day <= 5)
        return within(9 * 60, 12 * 60 + 30) || within(13 * 60 + 30, 17 * 60 + 30);
    return day == 6 && within(10 * 60, 14 * 60);
}

// nullopt near a window's edge, where a test's clock and the server's may disagree.
std::optional<bool> sampleWorkspaceIsOpenClearly(const QDateTime &utc)
{
    const bool now = sampleWorkspaceIsOpen(utc);
    if (sampleWorkspaceIsOpen(utc.addSecs(-120)) != now || sampleWorkspaceIsOpen(utc.addSecs(120)) != now)
        return std::nullopt;
    return now;
}

class ServeTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    QString historyPath() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return file.fileName();
    }
    QStringList serveArguments() const
    {
        return {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), historyPath()};
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ServeTest, AnswersAnAssistantRequestFromTheSampleWorkspaceAndLogsTheExchange)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(serveArguments())) << serve.standardError().toStdString();
    EXPECT_EQ(serve.url().host(), QStringLiteral("127.0.0.1"));
    EXPECT_TRUE(serve.standardOutput().contains("Workspace: Sample workspace")) << serve.standardOutput().toStdString();

    const QDateTime before = QDateTime::currentDateTimeUtc();
    QUrl url = serve.url();
    url.setPath(QStringLiteral("/webhook/voicedock"));
    const HttpAnswer answer = postRequest(url, assistantRequestBody(QStringLiteral("call-log-1"), kJohn),
                                          webhookHeaders("assistant-request"));
    ASSERT_EQ(answer.status, 200) << answer.error.toStdString();
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();

    ASSERT_TRUE(serve.waitForOutput(" /webhook/voicedock ")) << serve.standardOutput().toStdString();
    const QList<QByteArray> lines = serve.outputLinesContaining("/webhook/voicedock");
    ASSERT_EQ(lines.size(), 1) << serve.standardOutput().toStdString();
    static const QRegularExpression logPattern(
        QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} POST /webhook/voicedock assistant-request from \\+31612345678 "
                       "-> 200 template=(\\S+) rule=(\\S+) outcome=(\\w+)/(\\w+) signature=no_secret [\\d.]+ms$"));
    const QRegularExpressionMatch match = logPattern.match(QString::fromUtf8(lines.constFirst()));
    ASSERT_TRUE(match.hasMatch()) << lines.constFirst().toStdString();

    // The rules put John on the VIP template in opening hours and reject every call outside them.
    const QString templateId = match.captured(1);
    if (templateId == QLatin1String("vip-premium")) {
        EXPECT_EQ(match.captured(2), QStringLiteral("vip"));
        EXPECT_EQ(match.captured(3) + QLatin1Char('/') + match.captured(4), QStringLiteral("answered/override"));
        const QJsonObject assistant = body.value(QStringLiteral("assistant")).toObject();
        EXPECT_EQ(assistant.value(QStringLiteral("first_message")).toString(),
                  QStringLiteral("Welcome back, John Smith!"));
        EXPECT_EQ(assistant.value(QStringLiteral("llm_config")).toObject().value(QStringLiteral("model")).toString(),
                  QStringLiteral("gpt-4o"));
    } else {
        EXPECT_EQ(templateId, QStringLiteral("reject"));
        EXPECT_EQ(match.captured(2), QStringLiteral("closed"));
        EXPECT_EQ(match.captured(3) + QLatin1Char('/') + match.captured(4), QStringLiteral("rejected/rejected"));
        EXPECT_EQ(body.value(QStringLiteral("error")).toString(),
                  QStringLiteral("Sorry, we are currently closed. Please call back during business hours."));
    }
    const auto openBefore = sampleWorkspaceIsOpenClearly(before);
    const auto openAfter = sampleWorkspaceIsOpenClearly(QDateTime::currentDateTimeUtc());
    if (openBefore && openAfter && *openBefore == *openAfter) {
        EXPECT_EQ(templateId, *openBefore ? QStringLiteral("vip-premium") : QStringLiteral("reject"));
    }

    // A request that is no VoiceDock event still gets a line, without an event or an outcome.
    url.setPath(QStringLiteral("/other"));
    EXPECT_EQ(postRequest(url, QByteArrayLiteral("{\"ping\":1}"), {}).status, 200);
    ASSERT_TRUE(serve.waitForOutput(" /other ")) << serve.standardOutput().toStdString();
    const QList<QByteArray> other = serve.outputLinesContaining(" /other ");
    ASSERT_EQ(other.size(), 1);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\S+ POST /other -> 200 template=\\S+ [\\d.]+ms$"))
                    .match(QString::fromUtf8(other.constFirst()))
                    .hasMatch())
        << other.constFirst().toStdString();

    EXPECT_EQ(serve.stop(SIGTERM), 0);
}

class ServeSignalTest : public ServeTest, public ::testing::WithParamInterface<int> { };

TEST_P(ServeSignalTest, StopsCleanlyWithTheCountsAndAnIntactHistory)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(serveArguments())) << serve.standardError().toStdString();
    for (int i = 0; i < 3; ++i) {
        const HttpAnswer answer =
            postRequest(serve.url(), assistantRequestBody(QStringLiteral("sigcall%1").arg(i), kJohn),
                        webhookHeaders("assistant-request"));
        ASSERT_EQ(answer.status, 200) << answer.error.toStdString();
    }
    ASSERT_EQ(serve.stop(GetParam()), 0) << serve.standardError().toStdString();
    EXPECT_TRUE(serve.standardOutput().contains("Stopped: 3 received, 3 answered, 0 dropped, 0 refused.\n"))
        << serve.standardOutput().toStdString();
    EXPECT_TRUE(serve.standardError().isEmpty()) << serve.standardError().toStdString();

    EXPECT_EQ(sqliteIntegrity(historyPath()), QStringLiteral("ok"));
    dockside::history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(historyPath(), &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 3);
    const auto newest = reader.load(3);
    ASSERT_TRUE(newest);
    EXPECT_EQ(newest->callId, QStringLiteral("sigcall2"));

    const CliResult list = runCli({QStringLiteral("history"), QStringLiteral("--history"), historyPath()});
    EXPECT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.contains("3 of 3 exchange(s) shown, newest first.")) << list.out.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Serve, ServeSignalTest, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int> &signalInfo) {
                             return signalInfo.param == SIGTERM ? std::string("Sigterm") : std::string("Sigint");
                         });

TEST_F(ServeTest, StopsCleanlyWhenSignalledAsSoonAsTheUrlIsPrinted)
{
    // Scripts wait for the URL line and may stop the server at once; the signal must never kill it outright.
    for (int round = 0; round < 10; ++round) {
        ServeProcess serve;
        const QStringList arguments = round < 5
            ? serveArguments()
            : QStringList {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")};
        ASSERT_TRUE(serve.start(arguments)) << serve.standardError().toStdString();
        EXPECT_EQ(serve.stop(round % 2 == 0 ? SIGTERM : SIGINT), 0) << "round " << round;
        EXPECT_TRUE(serve.standardOutput().contains("Stopped: 0 received, 0 answered, 0 dropped, 0 refused.\n"))
            << serve.standardOutput().toStdString();
    }
    EXPECT_EQ(sqliteIntegrity(historyPath()), QStringLiteral("ok"));
}

TEST_F(ServeTest, APortInUseExitsWithFourAndSuggestsAnother)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, 0));
    const CliResult result = runCli({QStringLiteral("serve"), QStringLiteral("--port"),
                                     QString::number(occupant.serverPort()), QStringLiteral("--no-history")});
    EXPECT_EQ(result.exitCode, 4) << result.out.toStdString();
    EXPECT_TRUE(result.err.contains(QByteArray(QByteArray("Port ") + QByteArray::number(occupant.serverPort()) +
                                               " on 127.0.0.1 is already in use")))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("choose another port (0 picks a free one)")) << result.err.toStdString();
    EXPECT_FALSE(result.out.contains("listening")) << result.out.toStdString();
}

TEST_F(ServeTest, AnInvalidBindAddressIsAUsageError)
{
    const CliResult result =
        runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--bind"),
                QStringLiteral("localhost.example"), QStringLiteral("--no-history")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("--bind expects an IP address")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("\"localhost.example\"")) << result.err.toStdString();
}

TEST_F(ServeTest, InvalidPortAndBodyLimitAreUsageErrors)
{
    for (const QStringList &arguments : {QStringList {QStringLiteral("--port"), QStringLiteral("65536")},
                                         QStringList {QStringLiteral("--port"), QStringLiteral("eighty")},
                                         QStringList {QStringLiteral("--port"), QStringLiteral("0"),
                                                      QStringLiteral("--max-body-bytes"), QStringLiteral("-1")}}) {
        const CliResult result =
            runCli(QStringList {QStringLiteral("serve"), QStringLiteral("--no-history")} + arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_FALSE(result.err.isEmpty());
    }
}

TEST_F(ServeTest, AWorkspaceWithAnErrorExitsWithThreeAndNamesTheFileAndPath)
{
    const QString workspace = writeFile(QStringLiteral("broken.dockside.json"),
                                        QByteArrayLiteral("{\"version\": 1, \"name\": \"Broken\", \"templates\": [], "
                                                          "\"fallback_template\": \"missing\"}"));
    const CliResult result =
        runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--workspace"),
                workspace, QStringLiteral("--history"), historyPath()});
    EXPECT_EQ(result.exitCode, 3) << result.out.toStdString();
    // file:line:column: JSON path: message
    const QRegularExpression located(QLatin1Char('^') + QRegularExpression::escape(workspace) +
                                     QStringLiteral(":\\d+:\\d+: \\$\\.fallback_template: \\S.*\n$"));
    EXPECT_TRUE(located.match(QString::fromUtf8(result.err)).hasMatch()) << result.err.toStdString();
    EXPECT_FALSE(QFile::exists(historyPath())) << "no history is created for a server that never started";

    const QString unparsable = writeFile(QStringLiteral("cut.dockside.json"), QByteArrayLiteral("{\"version\": 1,"));
    const CliResult cut = runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--workspace"), unparsable, QStringLiteral("--no-history")});
    EXPECT_EQ(cut.exitCode, 3);
    EXPECT_TRUE(cut.err.startsWith(QByteArray(unparsable.toUtf8() + ':'))) << cut.err.toStdString();
}

TEST_F(ServeTest, CopyLiveSaysSoAndIsRefusedWithoutAHistory)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), historyPath(),
                             QStringLiteral("--copy-live")}))
        << serve.standardError().toStdString();
    EXPECT_EQ(serve.stop(SIGTERM), 0);
    EXPECT_TRUE(serve.standardOutput().contains("(searchable as each exchange arrives)"))
        << serve.standardOutput().toStdString();

    const CliResult refused = runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                                      QStringLiteral("--no-history"), QStringLiteral("--copy-live")});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("--copy-live")) << refused.err.toStdString();
}

TEST_F(ServeTest, BindingToEveryAddressWarnsOnStderr)
{
    // Port 0 and an immediate stop: nothing is ever sent to a non-loopback address.
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--bind"),
                             QStringLiteral("0.0.0.0"), QStringLiteral("--no-history")}))
        << serve.standardError().toStdString();
    // While it runs, not only at exit: a user who never stops it must still see the warning.
    EXPECT_TRUE(serve.waitForError("warning: listening on 0.0.0.0: other machines can reach", 2000))
        << serve.standardError().toStdString();
    EXPECT_EQ(serve.stop(SIGTERM), 0);
    EXPECT_TRUE(serve.standardOutput().contains("History: off")) << serve.standardOutput().toStdString();

    ServeProcess loopback;
    ASSERT_TRUE(loopback.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--bind"),
                                QStringLiteral("::1"), QStringLiteral("--no-history")}))
        << loopback.standardError().toStdString();
    EXPECT_EQ(loopback.stop(SIGTERM), 0);
    EXPECT_FALSE(loopback.standardError().contains("warning")) << loopback.standardError().toStdString();
}

TEST_F(ServeTest, ChecksSignaturesWithTheSecretFromTheEnvironment)
{
    const QByteArray secret = QByteArrayLiteral("whsec_test_secret_12345");
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QString::fromLatin1(secret));
    ServeProcess serve;
    ASSERT_TRUE(serve.start(serveArguments(), environment)) << serve.standardError().toStdString();
    EXPECT_TRUE(serve.standardOutput().contains("Signatures: checked with the secret in DOCKSIDE_WEBHOOK_SECRET"));

    const auto send = [&](const QString &path, const QByteArray &signingSecret) {
        const QByteArray body = assistantRequestBody(path.mid(1), kJohn);
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        RequestHeaders headers = webhookHeaders("assistant-request");
        headers.append({QByteArrayLiteral("X-Webhook-Timestamp"), timestamp});
        headers.append({QByteArrayLiteral("X-Webhook-Signature"), webhookSignature(signingSecret, timestamp, body)});
        QUrl url = serve.url();
        url.setPath(path);
        return postRequest(url, body, headers).status;
    };
    EXPECT_EQ(send(QStringLiteral("/signed"), secret), 200);
    // The sample workspace's first rule answers a signature that does not verify as a careful webhook would.
    EXPECT_EQ(send(QStringLiteral("/forged"), QByteArrayLiteral("whsec_someone_else")), 401);
    ASSERT_TRUE(serve.waitForOutput(" /forged ")) << serve.standardOutput().toStdString();

    const QList<QByteArray> signedLines = serve.outputLinesContaining(" /signed ");
    ASSERT_EQ(signedLines.size(), 1);
    EXPECT_TRUE(signedLines.constFirst().contains(" signature=valid ")) << signedLines.constFirst().toStdString();
    const QList<QByteArray> forgedLines = serve.outputLinesContaining(" /forged ");
    ASSERT_EQ(forgedLines.size(), 1);
    EXPECT_TRUE(forgedLines.constFirst().contains(" signature=mismatch ")) << forgedLines.constFirst().toStdString();
    EXPECT_EQ(serve.stop(SIGTERM), 0);

    const CliResult mismatches = runCli({QStringLiteral("history"), QStringLiteral("--history"), historyPath()});
    EXPECT_TRUE(mismatches.out.contains("signature=mismatch")) << mismatches.out.toStdString();
}

TEST_F(ServeTest, HelpNamesEveryOption)
{
    const CliResult result = runCli({QStringLiteral("serve"), QStringLiteral("--help")});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.startsWith("Usage: dockside-cli serve")) << result.out.toStdString();
    for (const char *option : {"--workspace", "--port", "--bind", "--history", "--no-history", "--max-body-bytes",
                               "--secret-env", "--quiet", "SIGTERM"})
        EXPECT_TRUE(result.out.contains(option)) << option;
}
