// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

TEST(CliSend, AnAnsweredCallExitsZeroAndPrintsTheOutcome)
{
    QTemporaryDir directory;
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")}))
        << serve.standardError().toStdString();
    const CliResult result =
        runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--json"), QStringLiteral("--history"),
                directory.filePath(QStringLiteral("history.sqlite"))});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    EXPECT_TRUE(json.value(QStringLiteral("answered")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("status")).toInt(), 200);
    EXPECT_FALSE(json.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reason")).toString().isEmpty());

    // The exchange is in the history, marked as outbound.
    const CliResult history = runCli({QStringLiteral("history"), QStringLiteral("--history"),
                                      directory.filePath(QStringLiteral("history.sqlite")),
                                      QStringLiteral("--direction"), QStringLiteral("outbound")});
    EXPECT_EQ(history.exitCode, 0) << history.err.toStdString();
    EXPECT_TRUE(history.out.contains("1 of 1 exchange(s)")) << history.out.toStdString();
}

TEST(CliSend, PrintsTheConnectionSetUpAndTheFirstByte)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")}))
        << serve.standardError().toStdString();
    const CliResult text = runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--no-history")});
    EXPECT_EQ(text.exitCode, 0) << text.err.toStdString();
    const QRegularExpression timing(
        QStringLiteral(R"(-> 200 in [0-9.]+ ms \(connect [0-9.]+ ms, first byte [0-9.]+ ms\))"));
    EXPECT_TRUE(timing.match(QString::fromUtf8(text.out)).hasMatch()) << text.out.toStdString();

    const CliResult json = runCli(
        {QStringLiteral("send"), serve.url().toString(), QStringLiteral("--no-history"), QStringLiteral("--json")});
    const QJsonObject result = QJsonDocument::fromJson(json.out).object();
    ASSERT_TRUE(result.value(QStringLiteral("connect_ms")).isDouble()) << json.out.toStdString();
    EXPECT_GT(result.value(QStringLiteral("connect_ms")).toDouble(), 0.0);
    EXPECT_LE(result.value(QStringLiteral("connect_ms")).toDouble(),
              result.value(QStringLiteral("first_byte_ms")).toDouble());
    EXPECT_LE(result.value(QStringLiteral("first_byte_ms")).toDouble(),
              result.value(QStringLiteral("latency_ms")).toDouble());
}

TEST(CliSend, NoAnswerExitsFiveAndSaysWhy)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const CliResult result = runCli(
        {QStringLiteral("send"), QStringLiteral("http://127.0.0.1:%1/").arg(port), QStringLiteral("--no-history")});
    EXPECT_EQ(result.exitCode, 5);
    EXPECT_TRUE(result.out.contains("connection refused")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("(unreachable)")) << result.out.toStdString();
}

TEST(CliSend, BadOptionsAreUsageErrors)
{
    EXPECT_EQ(runCli({QStringLiteral("send"), QStringLiteral("ftp://example.invalid/"), QStringLiteral("--no-history")})
                  .exitCode,
              2);
    const CliResult event =
        runCli({QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--event"),
                QStringLiteral("call-started"), QStringLiteral("--no-history")});
    EXPECT_EQ(event.exitCode, 2);
    EXPECT_TRUE(event.err.contains("assistant-request")) << event.err.toStdString();
}

TEST(CliSend, ReplaySendsTheCapturedBodyAndHeadersAgain)
{
    QTemporaryDir directory;
    const QString sent = directory.filePath(QStringLiteral("sent.sqlite"));
    const QString received = directory.filePath(QStringLiteral("received.sqlite"));
    QProcessEnvironment secret;
    secret.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QStringLiteral("whsec_replay"));
    ServeProcess serve;
    ASSERT_TRUE(
        serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), received}, secret))
        << serve.standardError().toStdString();

    const CliResult original = runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--history"),
                                       sent, QStringLiteral("--call-id"), QStringLiteral("replay-me")},
                                      secret);
    ASSERT_EQ(original.exitCode, 0) << original.err.toStdString();

    // As captured: the original signature goes along and still verifies.
    const CliResult replay = runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--replay"),
                                     QStringLiteral("1"), QStringLiteral("--history"), sent});
    ASSERT_EQ(replay.exitCode, 0) << replay.err.toStdString();
    // Re-signed with another secret: the server sees a mismatch, so the signature really was replaced.
    QProcessEnvironment other;
    other.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QStringLiteral("whsec_other"));
    const CliResult resigned =
        runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--replay"), QStringLiteral("1"),
                QStringLiteral("--resign"), QStringLiteral("--history"), sent},
               other);
    ASSERT_EQ(resigned.exitCode, 0) << resigned.err.toStdString();
    ASSERT_EQ(serve.stop(), 0);

    const CliResult list = runCli({QStringLiteral("history"), QStringLiteral("--history"), received});
    EXPECT_TRUE(list.out.contains("3 of 3")) << list.out.toStdString();
    const QByteArray log = serve.standardOutput();
    EXPECT_EQ(log.count("signature=valid"), 2) << log.toStdString();
    EXPECT_EQ(log.count("signature=mismatch"), 1) << log.toStdString();
    const QJsonObject first =
        QJsonDocument::fromJson(runCli({QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1"),
                                        QStringLiteral("--history"), received})
                                    .out)
            .object();
    const QJsonObject second =
        QJsonDocument::fromJson(runCli({QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("2"),
                                        QStringLiteral("--history"), received})
                                    .out)
            .object();
    EXPECT_EQ(first.value(QStringLiteral("request")).toObject().value(QStringLiteral("body")),
              second.value(QStringLiteral("request")).toObject().value(QStringLiteral("body")));
}

TEST(CliSend, ReplayOfAMissingExchangeIsAnInputError)
{
    QTemporaryDir directory;
    const CliResult result =
        runCli({QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--replay"),
                QStringLiteral("42"), QStringLiteral("--history"), directory.filePath(QStringLiteral("none.sqlite"))});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains("no exchange 42")) << result.err.toStdString();
}
