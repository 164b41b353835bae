// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/curlcommand.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

// Runs the generated command in a real shell against a mock endpoint and returns what the endpoint captured.
std::optional<history::ExchangeRecord> replayThroughCurl(const history::ExchangeRecord &original)
{
    mock::MockEndpoint endpoint(nullptr);
    mock::MockEndpointOptions options;
    options.port = 0;
    endpoint.start(options);
    if (!endpoint.isRunning())
        return std::nullopt;
    history::ExchangeRecord target = original;
    target.url = endpoint.url().resolved(QUrl::fromEncoded(original.request.target)).toString(QUrl::FullyEncoded);
    QSignalSpy captured(&endpoint, &mock::MockEndpoint::exchangeRecorded);
    QProcess shell;
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), composer::curlCommand(target)});
    if (!QTest::qWaitFor([&] { return shell.state() == QProcess::NotRunning && !captured.isEmpty(); }, 10000)) {
        ADD_FAILURE() << "command: " << composer::curlCommand(target).toStdString()
                      << "\nshell said: " << shell.readAllStandardError().toStdString();
        return std::nullopt;
    }
    return captured.first().first().value<history::ExchangeRecord>();
}

history::ExchangeRecord recordWithBody(const QByteArray &body)
{
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.request.target = "/hook?tenant=a%20b";
    record.request.headers = {{"Content-Type", "application/json"},
                              {"X-Webhook-Event", "assistant-request"},
                              {"X-Quote", "it's \"quoted\""},
                              {"Content-Length", QByteArray::number(body.size())}};
    record.request.body = body;
    return record;
}

} // namespace

TEST(CurlCommand, ReplaysAJsonBodyWithQuotesByteForByte)
{
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        GTEST_SKIP() << "curl is not installed";
    const history::ExchangeRecord original =
        recordWithBody(QByteArrayLiteral("{\"message\":{\"customer\":{\"name\":\"O'Brien $HOME `id`\"}}}\n"));
    const auto replayed = replayThroughCurl(original);
    ASSERT_TRUE(replayed);
    EXPECT_EQ(replayed->request.body, original.request.body);
    EXPECT_EQ(replayed->request.target, original.request.target);
    EXPECT_EQ(replayed->request.header("X-Quote"), std::optional<QByteArray>("it's \"quoted\""));
    EXPECT_EQ(replayed->eventType, QStringLiteral("assistant-request"));
}

TEST(CurlCommand, ReplaysABinaryBodyByteForByte)
{
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        GTEST_SKIP() << "curl is not installed";
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(static_cast<char>(i));
    const auto replayed = replayThroughCurl(recordWithBody(binary));
    ASSERT_TRUE(replayed);
    EXPECT_EQ(replayed->request.body, binary);
}

TEST(CurlCommand, LeavesOutHeadersCurlSetsItself)
{
    const QString command = composer::curlCommand(recordWithBody("{}"));
    EXPECT_FALSE(command.contains(QStringLiteral("Content-Length"))) << command.toStdString();
    EXPECT_TRUE(command.startsWith(QStringLiteral("curl "))) << command.toStdString();
}
