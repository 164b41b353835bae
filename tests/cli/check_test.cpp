// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace {

struct JUnitCounts {
    QString tests;
    QString failures;
    QString errors;
    int testcases = 0;
    int failureElements = 0;
    QStringList failureTexts;
    QString parseError;
};

JUnitCounts readJUnit(const QString &fileName)
{
    JUnitCounts counts;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        counts.parseError = file.errorString();
        return counts;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            counts.tests = xml.attributes().value(QLatin1String("tests")).toString();
            counts.failures = xml.attributes().value(QLatin1String("failures")).toString();
            counts.errors = xml.attributes().value(QLatin1String("errors")).toString();
        } else if (xml.name() == QLatin1String("testcase")) {
            ++counts.testcases;
        } else if (xml.name() == QLatin1String("failure")) {
            ++counts.failureElements;
            counts.failureTexts.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        counts.parseError = xml.errorString();
    return counts;
}

} // namespace

TEST(CliCheck, TheSampleScenariosPassAgainstServeAndTheJUnitFileSaysSo)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")}))
        << serve.standardError().toStdString();
    QTemporaryDir directory;
    const QString junit = directory.filePath(QStringLiteral("report.xml"));
    const CliResult result =
        runCli({QStringLiteral("check"), serve.url().toString(), QStringLiteral("--junit"), junit});
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("PASS  VIP greeted by name with a premium model")) << result.out.toStdString();
    EXPECT_FALSE(result.out.contains("FAIL")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("\n9 passed, 0 failed in ")) << result.out.toStdString();

    const JUnitCounts counts = readJUnit(junit);
    EXPECT_TRUE(counts.parseError.isEmpty()) << counts.parseError.toStdString();
    EXPECT_EQ(counts.tests, QStringLiteral("9"));
    EXPECT_EQ(counts.failures, QStringLiteral("0"));
    EXPECT_EQ(counts.errors, QStringLiteral("0"));
    EXPECT_EQ(counts.testcases, 9);
    EXPECT_EQ(counts.failureElements, 0);

    // Signed events are answered the same; --only narrows the suite.
    const CliResult signedOnly =
        runCli({QStringLiteral("check"), serve.url().toString(), QStringLiteral("--only"),
                QStringLiteral("crm-known-caller,german-caller"), QStringLiteral("--concurrency"), QStringLiteral("1")},
               [] {
                   QProcessEnvironment environment;
                   environment.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QStringLiteral("whsec_check"));
                   return environment;
               }());
    EXPECT_EQ(signedOnly.exitCode, 0) << signedOnly.out.toStdString() << signedOnly.err.toStdString();
    EXPECT_TRUE(signedOnly.out.contains("(signed)")) << signedOnly.out.toStdString();
    EXPECT_TRUE(signedOnly.out.contains("\n2 passed, 0 failed in ")) << signedOnly.out.toStdString();
}

TEST(CliCheck, AFailedExpectationExitsOneAndShowsExpectedBesideActual)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")}))
        << serve.standardError().toStdString();
    QTemporaryDir directory;
    const QString junit = directory.filePath(QStringLiteral("report.xml"));
    const CliResult result = runCli({QStringLiteral("check"), serve.url().toString(), QStringLiteral("--scenarios"),
                                     testData(QStringLiteral("scenarios/failing.dockside-scenarios.json")),
                                     QStringLiteral("--junit"), junit});
    EXPECT_EQ(result.exitCode, 1) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("PASS  VIP greeted by name (")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("FAIL  Expects a greeting the webhook does not give ("))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("      json_pointer /assistant/first_message: expected \"Hello stranger\", actual "
                                    "\"Welcome back, John Smith!\"\n"))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("      status: expected 201, actual 200\n")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("\n1 passed, 1 failed in ")) << result.out.toStdString();

    const JUnitCounts counts = readJUnit(junit);
    EXPECT_TRUE(counts.parseError.isEmpty()) << counts.parseError.toStdString();
    EXPECT_EQ(counts.tests, QStringLiteral("2"));
    EXPECT_EQ(counts.failures, QStringLiteral("1"));
    ASSERT_EQ(counts.failureTexts.size(), 1);
    EXPECT_EQ(counts.failureTexts.constFirst(),
              QStringLiteral("json_pointer /assistant/first_message: expected \"Hello stranger\", actual \"Welcome "
                             "back, John Smith!\"\nstatus: expected 201, actual 200"));
}

TEST(CliCheck, AnUnreachableWebhookFailsEveryScenarioWithTheReason)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(closed.serverPort());
    closed.close();
    const CliResult result =
        runCli({QStringLiteral("check"), url, QStringLiteral("--only"), QStringLiteral("vip-greeting")});
    EXPECT_EQ(result.exitCode, 1) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("status: expected 200, actual no answer: connection refused"))
        << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("\n0 passed, 1 failed in ")) << result.out.toStdString();
}

TEST(CliCheck, BadInputAndUsageHaveTheirExitCodes)
{
    const CliResult invalid =
        runCli({QStringLiteral("check"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--scenarios"),
                testData(QStringLiteral("scenarios/invalid.dockside-scenarios.json"))});
    EXPECT_EQ(invalid.exitCode, 3);
    EXPECT_TRUE(
        invalid.err.contains("invalid.dockside-scenarios.json:7:19: $.scenarios[0].expect.reason: Expected one of"))
        << invalid.err.toStdString();

    const CliResult unknownId = runCli({QStringLiteral("check"), QStringLiteral("http://127.0.0.1:1/"),
                                        QStringLiteral("--only"), QStringLiteral("no-such-scenario")});
    EXPECT_EQ(unknownId.exitCode, 2);
    EXPECT_TRUE(unknownId.err.contains("no scenario with id \"no-such-scenario\"")) << unknownId.err.toStdString();

    EXPECT_EQ(runCli({QStringLiteral("check"), QStringLiteral("ftp://example.com/")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("check"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--concurrency"),
                      QStringLiteral("0")})
                  .exitCode,
              2);
    EXPECT_EQ(runCli({QStringLiteral("check")}).exitCode, 2);
}

TEST(CliCheck, EveryContractSectionFiveCaseBehavesAsSpecifiedAgainstServe)
{
    // One workspace holds both sides: serve answers each caller with one §5 case, check expects its outcome.
    const QString contract = testData(QStringLiteral("scenarios/contract.dockside.json"));
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                             QStringLiteral("--workspace"), contract}))
        << serve.standardError().toStdString();
    QTemporaryDir directory;
    const QString junit = directory.filePath(QStringLiteral("contract.xml"));
    const CliResult result =
        runCli({QStringLiteral("check"), serve.url().toString(), QStringLiteral("--workspace"), contract,
                QStringLiteral("--concurrency"), QStringLiteral("16"), QStringLiteral("--junit"), junit});
    EXPECT_EQ(result.exitCode, 0) << result.out.toStdString() << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("PASS  §5.7 an answer at 5.1 s is a timeout")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("\n16 passed, 0 failed in ")) << result.out.toStdString();
    const JUnitCounts counts = readJUnit(junit);
    EXPECT_TRUE(counts.parseError.isEmpty()) << counts.parseError.toStdString();
    EXPECT_EQ(counts.tests, QStringLiteral("16"));
    EXPECT_EQ(counts.failures, QStringLiteral("0"));
}
