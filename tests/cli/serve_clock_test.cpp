// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kJohn = QStringLiteral("+31612345678"); // a VIP in the sample workspace's contacts
// Thursday 24 December 2026 in Amsterdam: the sample's office is open at 10:00 and closed at 20:00.
const QString kThursdayMorning = QStringLiteral("2026-12-24T10:00:00+01:00");
const QString kThursdayEvening = QStringLiteral("2026-12-24T20:00:00+01:00");

// Closed outside office hours, else the default assistant; no "clock" key: the header is not honoured.
const QByteArray kHoursWorkspace = R"({
  "version": 1,
  "name": "Office hours",
  "templates": [
    {"id": "default", "body": {}},
    {"id": "reject", "body": {"error": "Sorry, we are closed."}}
  ],
  "rules": [
    {"id": "closed", "conditions": [{"kind": "event", "equals": "assistant-request"},
      {"kind": "business_hours", "negate": true, "zone": "Europe/Amsterdam",
       "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "windows": ["09:00-17:30"]}]}],
     "template": "reject"}
  ]
})";

class ServeClockTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return file.fileName();
    }
    static QStringList serveArguments(const QStringList &more)
    {
        return QStringList {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history")} + more;
    }
    // `dockside-cli send` to serve, as the outcome's JSON.
    static QJsonObject send(const QUrl &url, const QStringList &more)
    {
        const CliResult result = runCli(QStringList {QStringLiteral("send"), url.toString(), QStringLiteral("--caller"),
                                                     kJohn, QStringLiteral("--no-history"), QStringLiteral("--json")} +
                                        more);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out).object();
    }
    static QString disposition(const QJsonObject &result)
    {
        return result.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("disposition")).toString();
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ServeClockTest, APinnedClockDecidesBusinessHoursWhateverTheDay)
{
    for (const QString &at : {kThursdayEvening, kThursdayMorning}) {
        ServeProcess serve;
        ASSERT_TRUE(serve.start(serveArguments({QStringLiteral("--clock"), at})))
            << serve.standardError().toStdString();
        EXPECT_TRUE(serve.standardOutput().contains(QByteArray("Clock: pinned at " + at.toLatin1())))
            << serve.standardOutput().toStdString();

        const HttpAnswer answer = postRequest(serve.url(), assistantRequestBody(QStringLiteral("call-clock"), kJohn),
                                              webhookHeaders("assistant-request"));
        ASSERT_EQ(answer.status, 200) << answer.error.toStdString();
        ASSERT_TRUE(serve.waitForOutput(" clock: ")) << serve.standardOutput().toStdString();
        const QByteArray line = serve.outputLinesContaining(" clock: ").value(0);
        EXPECT_TRUE(line.contains(
            QByteArray("clock: evaluated at " + at.toLatin1() + " (clock pinned at " + at.toLatin1() + ')')))
            << line.toStdString();
        if (at == kThursdayEvening) {
            EXPECT_TRUE(line.contains("rule=closed")) << line.toStdString();
            EXPECT_TRUE(answer.body.contains("currently closed")) << answer.body.toStdString();
        } else {
            EXPECT_TRUE(line.contains("rule=vip")) << line.toStdString();
            EXPECT_TRUE(answer.body.contains("Welcome back, John Smith!")) << answer.body.toStdString();
        }
        EXPECT_EQ(serve.stop(), 0);
    }
}

TEST_F(ServeClockTest, AnOffsetClockIsAnnouncedAndABadOneIsAUsageError)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(serveArguments({QStringLiteral("--clock"), QStringLiteral("-30m")})))
        << serve.standardError().toStdString();
    EXPECT_TRUE(serve.standardOutput().contains("Clock: 30 min behind")) << serve.standardOutput().toStdString();
    EXPECT_EQ(serve.stop(), 0);

    // The real time says nothing about the clock.
    ServeProcess real;
    ASSERT_TRUE(real.start(serveArguments({}))) << real.standardError().toStdString();
    EXPECT_FALSE(real.standardOutput().contains("Clock:")) << real.standardOutput().toStdString();
    EXPECT_EQ(real.stop(), 0);

    const CliResult bad =
        runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                QStringLiteral("--clock"), QStringLiteral("2026-12-24 18:00")});
    EXPECT_EQ(bad.exitCode, 2) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains("--clock: ")) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains("2026-12-24T18:00:00+01:00")) << bad.err.toStdString();

    const CliResult badAt = runCli({QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/"),
                                    QStringLiteral("--no-history"), QStringLiteral("--at"), QStringLiteral("teatime")});
    EXPECT_EQ(badAt.exitCode, 2) << badAt.err.toStdString();
    EXPECT_TRUE(badAt.err.contains("--at: ")) << badAt.err.toStdString();
}

TEST_F(ServeClockTest, SendAtIsHonouredOnlyWhenServeAllowsTheHeader)
{
    const QString workspace = writeFile(QStringLiteral("hours.dockside.json"), kHoursWorkspace);
    {
        ServeProcess serve;
        ASSERT_TRUE(serve.start(
            serveArguments({QStringLiteral("--workspace"), workspace, QStringLiteral("--allow-clock-header")})))
            << serve.standardError().toStdString();
        EXPECT_TRUE(serve.standardOutput().contains("Clock header: X-Dockside-Clock honoured from this machine only"))
            << serve.standardOutput().toStdString();
        EXPECT_EQ(disposition(send(serve.url(), {QStringLiteral("--at"), kThursdayEvening})),
                  QStringLiteral("rejected"));
        EXPECT_EQ(disposition(send(serve.url(), {QStringLiteral("--at"), kThursdayMorning})),
                  QStringLiteral("answered"));
        ASSERT_TRUE(serve.waitForOutput("(X-Dockside-Clock)")) << serve.standardOutput().toStdString();
        EXPECT_EQ(
            serve.outputLinesContaining("clock: evaluated at " + kThursdayEvening.toLatin1() + " (X-Dockside-Clock)")
                .size(),
            1)
            << serve.standardOutput().toStdString();
        EXPECT_EQ(serve.stop(), 0);
    }
    {
        // Not allowed: the header is ignored and the log says so; the real time decides.
        ServeProcess serve;
        ASSERT_TRUE(serve.start(serveArguments({QStringLiteral("--workspace"), workspace})))
            << serve.standardError().toStdString();
        send(serve.url(), {QStringLiteral("--at"), kThursdayEvening});
        ASSERT_TRUE(serve.waitForOutput("X-Dockside-Clock ignored")) << serve.standardOutput().toStdString();
        EXPECT_TRUE(serve.standardOutput().contains("--allow-clock-header")) << serve.standardOutput().toStdString();
        EXPECT_EQ(serve.stop(), 0);
    }
}

TEST_F(ServeClockTest, ACallAtAPinnedMomentIsRejectedThroughout)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(serveArguments({QStringLiteral("--allow-clock-header")})))
        << serve.standardError().toStdString();
    const CliResult result = runCli({QStringLiteral("call"), serve.url().toString(), QStringLiteral("--caller"), kJohn,
                                     QStringLiteral("--at"), kThursdayEvening});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("rejected")) << result.out.toStdString();
    ASSERT_TRUE(serve.waitForOutput("rule=closed")) << serve.standardOutput().toStdString();
    EXPECT_EQ(serve.stop(), 0);
}
