#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
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
