// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"

#include <gtest/gtest.h>

TEST(CliGeneral, VersionPrintsTheProjectVersionAndLicence)
{
    const CliResult result = runCli({QStringLiteral("--version")});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.startsWith("dockside-cli " DOCKSIDE_VERSION "\n")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("License GPL-3.0-or-later")) << result.out.toStdString();
}

TEST(CliGeneral, HelpListsEveryCommandAndTheExitCodes)
{
    const CliResult result = runCli({QStringLiteral("--help")});
    EXPECT_EQ(result.exitCode, 0);
    for (const char *command : {"validate", "outcome", "sign", "verify"})
        EXPECT_TRUE(result.out.contains(command)) << command;
    EXPECT_TRUE(result.out.contains("Exit codes"));
}

TEST(CliGeneral, EveryCommandHasHelp)
{
    for (const QString &command :
         {QStringLiteral("validate"), QStringLiteral("outcome"), QStringLiteral("sign"), QStringLiteral("verify")}) {
        const CliResult result = runCli({command, QStringLiteral("--help")});
        EXPECT_EQ(result.exitCode, 0) << command.toStdString();
        EXPECT_TRUE(result.out.contains(QByteArray("Usage: dockside-cli " + command.toUtf8())))
            << result.out.toStdString();
        const CliResult viaHelp = runCli({QStringLiteral("help"), command});
        EXPECT_EQ(viaHelp.out, result.out);
    }
}

TEST(CliGeneral, NoArgumentsIsAUsageError)
{
    const CliResult result = runCli({});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("Usage"));
}

TEST(CliGeneral, UnknownCommandIsAUsageError)
{
    const CliResult result = runCli({QStringLiteral("frobnicate")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("unknown command \"frobnicate\""));
}

TEST(CliGeneral, UnknownOptionIsAUsageError)
{
    const CliResult result = runCli({QStringLiteral("validate"), QStringLiteral("--frobnicate"), QStringLiteral("x")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("frobnicate"));
}

TEST(CliGeneral, UnreadableFileGivesOneLineOnStderr)
{
    const CliResult result = runCli({QStringLiteral("validate"), QStringLiteral("/nonexistent/answer.json")});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_EQ(result.err.count('\n'), 1) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("cannot read /nonexistent/answer.json"));
    EXPECT_TRUE(result.out.isEmpty());
}

TEST(CliGeneral, ADirectoryIsNotReadAsAFile)
{
    const CliResult result = runCli({QStringLiteral("outcome"), testData(QStringLiteral("answers"))});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_EQ(result.err.count('\n'), 1) << result.err.toStdString();
}
