// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

TEST(ServeRetention, KeepRowsTrimsTheHistoryToTheNewest)
{
    QTemporaryDir directory;
    const QString history = directory.filePath(QStringLiteral("history.sqlite"));
    {
        ServeProcess serve;
        ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history}))
            << serve.standardError().toStdString();
        for (int i = 0; i < 5; ++i)
            ASSERT_EQ(runCli({QStringLiteral("send"), serve.url().toString(), QStringLiteral("--no-history"),
                              QStringLiteral("--event"), QStringLiteral("status-update")})
                          .exitCode,
                      0);
        ASSERT_EQ(serve.stop(), 0);
    }
    // Retention runs when the history opens, so a restart with a smaller limit trims at once.
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history,
                             QStringLiteral("--keep-rows"), QStringLiteral("2")}))
        << serve.standardError().toStdString();
    ASSERT_EQ(serve.stop(), 0);
    const CliResult list = runCli({QStringLiteral("history"), QStringLiteral("--history"), history});
    EXPECT_TRUE(list.out.contains("2 of 2 exchange(s)")) << list.out.toStdString();
    EXPECT_TRUE(list.out.startsWith("5  ")) << "the newest are kept: " << list.out.toStdString();
}

TEST(ServeRetention, PrintsTheRetentionAtStart)
{
    QTemporaryDir directory;
    const QString history = directory.filePath(QStringLiteral("history.sqlite"));
    {
        ServeProcess serve;
        ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history}))
            << serve.standardError().toStdString();
        EXPECT_TRUE(serve.waitForOutput("Retention: 30 days, at most 500,000 exchanges"))
            << serve.standardOutput().toStdString();
        ASSERT_EQ(serve.stop(), 0);
    }
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history,
                             QStringLiteral("--keep-days"), QStringLiteral("0"), QStringLiteral("--keep-rows"),
                             QStringLiteral("0")}))
        << serve.standardError().toStdString();
    EXPECT_TRUE(serve.waitForOutput("Retention: everything, without limit")) << serve.standardOutput().toStdString();
    ASSERT_EQ(serve.stop(), 0);
}

TEST(ServePrivacy, RedactedLogLinesMaskTheCallersNumber)
{
    QTemporaryDir directory;
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"),
                             directory.filePath(QStringLiteral("history.sqlite")), QStringLiteral("--redact")}))
        << serve.standardError().toStdString();
    QUrl url = serve.url();
    url.setPath(QStringLiteral("/hook"));
    const HttpAnswer answer =
        postRequest(url, assistantRequestBody(QStringLiteral("privacy-call"), QStringLiteral("+31612345678")),
                    webhookHeaders("assistant-request"));
    ASSERT_EQ(answer.status, 200) << answer.error.toStdString();
    ASSERT_TRUE(serve.waitForOutput(" from +31 ")) << serve.standardOutput().toStdString();
    ASSERT_EQ(serve.stop(), 0);
    EXPECT_FALSE(serve.standardOutput().contains("612345678")) << serve.standardOutput().toStdString();
    EXPECT_TRUE(serve.standardOutput().contains("78 ")) << "the last two digits stay, so lines can be told apart";
}

TEST(ServePrivacy, AHistoryOthersCouldReadIsMadePrivateWithAMessage)
{
    QTemporaryDir directory;
    const QString history = directory.filePath(QStringLiteral("history.sqlite"));
    {
        ServeProcess serve;
        ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history}))
            << serve.standardError().toStdString();
        ASSERT_EQ(serve.stop(), 0);
    }
    EXPECT_EQ(QFile::permissions(history) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions())
        << "created owner-only";
    ASSERT_TRUE(
        QFile::setPermissions(history, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history}))
        << serve.standardError().toStdString();
    EXPECT_TRUE(serve.waitForError("could be read by other users")) << serve.standardError().toStdString();
    ASSERT_EQ(serve.stop(), 0);
    EXPECT_EQ(QFile::permissions(history) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}
