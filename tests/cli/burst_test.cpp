// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

QProcessEnvironment secretEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QStringLiteral("whsec_burst_cli"));
    return environment;
}

} // namespace

TEST(CliBurst, SignedRequestsAllAnsweredExitZeroWithCountsThatAddUp)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")},
                            secretEnvironment()))
        << serve.standardError().toStdString();
    const CliResult result =
        runCli({QStringLiteral("burst"), serve.url().toString(), QStringLiteral("-n"), QStringLiteral("300"),
                QStringLiteral("-c"), QStringLiteral("12"), QStringLiteral("--json")},
               secretEnvironment());
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString() << result.out.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    EXPECT_EQ(json.value(QStringLiteral("sent")).toInt(), 300);
    EXPECT_EQ(json.value(QStringLiteral("answered")).toInt(), 300);
    EXPECT_EQ(json.value(QStringLiteral("missed_deadline")).toInt(), 0);
    EXPECT_EQ(json.value(QStringLiteral("unreachable")).toInt(), 0);
    EXPECT_EQ(json.value(QStringLiteral("statuses")).toObject(), (QJsonObject {{QStringLiteral("200"), 300}}));
    const QJsonObject latency = json.value(QStringLiteral("latency_ms")).toObject();
    EXPECT_GT(latency.value(QStringLiteral("p50")).toDouble(), 0.0);
    EXPECT_LE(latency.value(QStringLiteral("p50")).toDouble(), latency.value(QStringLiteral("p99")).toDouble());
    EXPECT_LE(latency.value(QStringLiteral("p99")).toDouble(), latency.value(QStringLiteral("max")).toDouble());
    EXPECT_GT(json.value(QStringLiteral("requests_per_second")).toDouble(), 0.0);
}

TEST(CliBurst, PrintsPercentilesAndExitsOneWhenAnswersMissTheDeadline)
{
    QTemporaryDir directory;
    const QString workspacePath = directory.filePath(QStringLiteral("slow.json"));
    QFile file(workspacePath);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "templates": [{"id": "slow", "body": {}, "delay_ms": 300}],
                   "fallback_template": "slow"})");
    file.close();
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                             QStringLiteral("--workspace"), workspacePath}))
        << serve.standardError().toStdString();
    const CliResult result =
        runCli({QStringLiteral("burst"), serve.url().toString(), QStringLiteral("-n"), QStringLiteral("8"),
                QStringLiteral("-c"), QStringLiteral("4"), QStringLiteral("--deadline-ms"), QStringLiteral("100")});
    EXPECT_EQ(result.exitCode, 1) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("missed deadline   8")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("p50 ")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("p99 ")) << result.out.toStdString();
}

TEST(CliBurst, AnUnreachableTargetExitsOne)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const CliResult result = runCli({QStringLiteral("burst"), QStringLiteral("http://127.0.0.1:%1/").arg(port),
                                     QStringLiteral("-n"), QStringLiteral("5"), QStringLiteral("--json")});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("unreachable")).toInt(), 5);
}

TEST(CliBurst, RefusesARemoteTargetWithoutAllowRemote)
{
    const CliResult result = runCli({QStringLiteral("burst"), QStringLiteral("http://192.0.2.10:8080/webhook"),
                                     QStringLiteral("-n"), QStringLiteral("5")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("192.0.2.10 is not this machine")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("--allow-remote")) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty());
}

TEST(CliBurst, BadArgumentsAreUsageOrInputErrors)
{
    EXPECT_EQ(runCli({QStringLiteral("burst"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("-n"),
                      QStringLiteral("0")})
                  .exitCode,
              2);
    EXPECT_EQ(runCli({QStringLiteral("burst"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("-c"),
                      QStringLiteral("many")})
                  .exitCode,
              2);
    EXPECT_EQ(runCli({QStringLiteral("burst"), QStringLiteral("ftp://127.0.0.1/")}).exitCode, 2);
    const CliResult secret = runCli({QStringLiteral("burst"), QStringLiteral("http://127.0.0.1:1/"),
                                     QStringLiteral("--secret-env"), QStringLiteral("DOCKSIDE_BURST_TEST_UNSET")});
    EXPECT_EQ(secret.exitCode, 3);
    EXPECT_TRUE(secret.err.contains("DOCKSIDE_BURST_TEST_UNSET")) << secret.err.toStdString();
}
