// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

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
