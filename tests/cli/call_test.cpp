// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

TEST(CliCall, AnAnsweredCallSendsEveryEventAndTheServerSeesThemInOrder)
{
    ServeProcess serve;
    ASSERT_TRUE(
        serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                     QStringLiteral("--workspace"), testData(QStringLiteral("workspaces/seed-answers.dockside.json"))}))
        << serve.standardError().toStdString();
    const CliResult result =
        runCli({QStringLiteral("call"), serve.url().toString(), QStringLiteral("--tool"),
                QStringLiteral("book_appointment={\"day\":\"tuesday\"}"), QStringLiteral("--json")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonArray steps = QJsonDocument::fromJson(result.out).array();
    QStringList sent;
    for (const QJsonValue &step : steps) {
        EXPECT_TRUE(step.toObject().value(QStringLiteral("sent")).toBool()) << result.out.toStdString();
        EXPECT_EQ(step.toObject().value(QStringLiteral("status")).toInt(), 200);
        sent.append(step.toObject().value(QStringLiteral("step")).toString());
    }
    EXPECT_EQ(sent,
              (QStringList {QStringLiteral("assistant-request (ringing)"),
                            QStringLiteral("status-update (in-progress)"), QStringLiteral("tool-calls (1)"),
                            QStringLiteral("status-update (ended)"), QStringLiteral("end-of-call-report")}));
    ASSERT_EQ(serve.stop(), 0);
    const QByteArray log = serve.standardOutput();
    EXPECT_LT(log.indexOf(" assistant-request "), log.indexOf(" tool-calls ")) << log.toStdString();
    EXPECT_LT(log.indexOf(" tool-calls "), log.indexOf(" end-of-call-report ")) << log.toStdString();
}

TEST(CliCall, ABadToolIsAUsageError)
{
    const CliResult result = runCli({QStringLiteral("call"), QStringLiteral("http://127.0.0.1:1/"),
                                     QStringLiteral("--tool"), QStringLiteral("book={not json")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("--tool")) << result.err.toStdString();
}

TEST(CliCall, WithoutToolOptionsTheAnswersToolsArePlayedAndTheStepSaysSo)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                             QStringLiteral("--workspace"),
                             testData(QStringLiteral("workspaces/assistant-tools.dockside.json"))}))
        << serve.standardError().toStdString();
    const CliResult result = runCli({QStringLiteral("call"), serve.url().toString()});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(
        result.out.contains("  sent     tool-calls: check_order (from the assistant's llm_config.tools) -> 200"))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("           note: check_order: the assistant names its own server "
                                    "https://tools.example.com/orders for it; not followed, the call goes to the "
                                    "webhook under test [assumed]\n"))
        << result.out.toStdString();

    const CliResult json = runCli({QStringLiteral("call"), serve.url().toString(), QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonArray steps = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(steps.size(), 5) << json.out.toStdString();
    const QJsonObject tools = steps.at(2).toObject();
    const QJsonObject message = QJsonDocument::fromJson(tools.value(QStringLiteral("body")).toString().toUtf8())
                                    .object()
                                    .value(QStringLiteral("message"))
                                    .toObject();
    const QJsonObject function = message.value(QStringLiteral("tool_call_list"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QStringLiteral("function"))
                                     .toObject();
    EXPECT_EQ(function.value(QStringLiteral("name")).toString(), QStringLiteral("check_order"));
    EXPECT_EQ(function.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("order_id")).toString(),
              QStringLiteral("ORD-10042"));
    EXPECT_EQ(tools.value(QStringLiteral("notes")).toArray().size(), 1);
}
