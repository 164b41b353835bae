// SPDX-License-Identifier: GPL-3.0-or-later

#include "cli.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

// dockside-cli routes, run in-process on the built-in sample workspace (its business hours are Mon-Fri
// 09:00-12:30 and 13:30-17:30, Sat 10:00-14:00 in Europe/Amsterdam) across the change to summer time on
// Sunday 28 March 2027.
namespace {

struct RoutesRun {
    int exitCode = -1;
    QString out;
    QString err;
};

RoutesRun routes(const QStringList &arguments)
{
    RoutesRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = dockside::cli::runCli(
        QStringList {QStringLiteral("dockside-cli"), QStringLiteral("routes")} + arguments, {out, err});
    out.flush();
    err.flush();
    return run;
}

QByteArray sampleJson()
{
    QFile file(QStringLiteral(":/dockside/workspaces/sample.dockside.json"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

TEST(RoutesCommand, PrintsEachCallersBandsInTheRulesZoneAcrossTheChangeToSummerTime)
{
    const RoutesRun run = routes({QStringLiteral("--from"), QStringLiteral("2027-03-27"), QStringLiteral("--days"),
                                  QStringLiteral("3"), QStringLiteral("--step"), QStringLiteral("30m"),
                                  QStringLiteral("--callers"), QStringLiteral("+31201234567")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString &out = run.out;
    // Six contacts, the typed number and one unknown number each for +49, +43 and +41; 3 days less the lost hour.
    EXPECT_TRUE(out.contains(QStringLiteral("10 callers × 142 moments (Sat 27 Mar 00:00 CET – Tue 30 Mar 00:00 CEST, "
                                            "every 30m), times in Europe/Amsterdam.")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("Assumed: Every request is signed")));
    // John Smith is a VIP: open on Saturday 10:00-14:00; closed from then until Monday 09:00 (summer time by then).
    const QString john =
        out.section(QStringLiteral("John Smith  +31612345678\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    EXPECT_EQ(john,
              QStringLiteral(
                  "  Sat 27 Mar 00:00–10:00 CET  closed → template reject (rejected): “Sorry, we are currently "
                  "closed. Please call back during…”\n"
                  "  Sat 27 Mar 10:00–14:00 CET  vip → template vip-premium (answered): “Welcome back, John Smith!”\n"
                  "  Sat 27 Mar 14:00 CET – Mon 29 Mar 09:00 CEST  closed → template reject (rejected): “Sorry, we "
                  "are currently closed. Please call back during…”\n"
                  "  Mon 29 Mar 09:00–12:30 CEST  vip → template vip-premium (answered): “Welcome back, John Smith!”\n"
                  "  Mon 29 Mar 12:30–13:30 CEST  closed → template reject (rejected): “Sorry, we are currently "
                  "closed. Please call back during…”\n"
                  "  Mon 29 Mar 13:30–17:30 CEST  vip → template vip-premium (answered): “Welcome back, John Smith!”\n"
                  "  Mon 29 Mar 17:30–24:00 CEST  closed → template reject (rejected): “Sorry, we are currently "
                  "closed. Please call back during…”"))
        << john.toStdString();
    // The unknown German number falls to the region rule; the typed Dutch number to the A/B test, with its weights.
    EXPECT_TRUE(out.contains(QStringLiteral("unknown +49  +495550100000\n")));
    EXPECT_TRUE(out.contains(QStringLiteral("  Mon 29 Mar 09:00–12:30 CEST  german-region → template greeting-de")));
    EXPECT_TRUE(
        out.contains(QStringLiteral("ab-greeting → A/B personalize-greeting 50 % | default 50 % → this call: ")));
}

TEST(RoutesCommand, JsonAndCsvHoldEveryCell)
{
    const QStringList week {QStringLiteral("--from"), QStringLiteral("2027-03-22"), QStringLiteral("--step"),
                            QStringLiteral("1h")};
    const RoutesRun json = routes(week + QStringList {QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonObject document = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(document.value(QStringLiteral("zone")).toString(), QStringLiteral("Europe/Amsterdam"));
    EXPECT_EQ(document.value(QStringLiteral("step")).toString(), QStringLiteral("1h"));
    const QJsonArray moments = document.value(QStringLiteral("moments")).toArray();
    ASSERT_EQ(moments.size(), 7 * 24 - 1); // the week of 28 March
    EXPECT_EQ(moments.at(0).toString(), QStringLiteral("2027-03-22T00:00:00+01:00"));
    EXPECT_EQ(moments.at(6 * 24 + 2).toString(), QStringLiteral("2027-03-28T03:00:00+02:00"));
    const QJsonArray callers = document.value(QStringLiteral("callers")).toArray();
    ASSERT_EQ(callers.size(), 9);
    const QJsonObject john = callers.at(0).toObject();
    EXPECT_EQ(john.value(QStringLiteral("source")).toString(), QStringLiteral("contact"));
    const QJsonArray cells = john.value(QStringLiteral("cells")).toArray();
    ASSERT_EQ(cells.size(), moments.size());
    // Monday 09:00: the VIP rule; 08:00: closed.
    EXPECT_EQ(cells.at(9).toObject().value(QStringLiteral("rule_id")).toString(), QStringLiteral("vip"));
    EXPECT_EQ(cells.at(9).toObject().value(QStringLiteral("disposition")).toString(), QStringLiteral("answered"));
    EXPECT_EQ(cells.at(8).toObject().value(QStringLiteral("rule_id")).toString(), QStringLiteral("closed"));
    EXPECT_EQ(cells.at(8).toObject().value(QStringLiteral("disposition")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(cells.at(8).toObject().value(QStringLiteral("at")).toString(),
              QStringLiteral("2027-03-22T08:00:00+01:00"));

    const RoutesRun csv = routes(week + QStringList {QStringLiteral("--csv")});
    ASSERT_EQ(csv.exitCode, 0) << csv.err.toStdString();
    const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 1 + 9 * moments.size());
    EXPECT_TRUE(lines.first().startsWith(QLatin1String("caller,label,source,at,rule_id,rule_name,template,split")));
    EXPECT_TRUE(lines.at(1 + 9).startsWith(
        QLatin1String("+31612345678,John Smith,contact,2027-03-22T09:00:00+01:00,vip,VIP: premium model,vip-premium,")))
        << lines.at(10).toStdString();
}

TEST(RoutesCommand, AgainstAnotherWorkspaceMarksTheChangedBandsAndExitsOne)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    // Saturday opens an hour longer in the edited file.
    QByteArray edited = sampleJson();
    ASSERT_TRUE(edited.contains("\"10:00-14:00\""));
    edited.replace("\"10:00-14:00\"", "\"10:00-15:00\"");
    const QString editedFile = directory.filePath(QStringLiteral("edited.dockside.json"));
    QFile file(editedFile);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(edited);
    file.close();
    const QString sampleFile = directory.filePath(QStringLiteral("sample.dockside.json"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(":/dockside/workspaces/sample.dockside.json"), sampleFile));

    const QStringList saturday {QStringLiteral("--from"), QStringLiteral("2027-03-27"), QStringLiteral("--days"),
                                QStringLiteral("1"),      QStringLiteral("--step"),     QStringLiteral("30m")};
    const RoutesRun same = routes(
        saturday + QStringList {QStringLiteral("--workspace"), sampleFile, QStringLiteral("--against"), sampleFile});
    EXPECT_EQ(same.exitCode, 0) << same.err.toStdString();
    EXPECT_TRUE(same.out.contains(QStringLiteral(": 0 of 432 cells differ, for 0 of 9 callers")))
        << same.out.toStdString();

    const RoutesRun changed = routes(
        saturday + QStringList {QStringLiteral("--workspace"), editedFile, QStringLiteral("--against"), sampleFile});
    EXPECT_EQ(changed.exitCode, 1) << changed.err.toStdString();
    // 14:00 and 14:30 for each of the nine callers.
    EXPECT_TRUE(changed.out.contains(QStringLiteral(": 18 of 432 cells differ, for 9 of 9 callers")))
        << changed.out.toStdString();
    EXPECT_TRUE(changed.out.contains(
        QStringLiteral("* Sat 27 Mar 14:00–15:00 CET  vip → template vip-premium (answered): “Welcome back, John "
                       "Smith!”\n      was: closed → template reject (rejected)")))
        << changed.out.toStdString();

    const RoutesRun json = routes(saturday +
                                  QStringList {QStringLiteral("--workspace"), editedFile, QStringLiteral("--against"),
                                               sampleFile, QStringLiteral("--json")});
    EXPECT_EQ(json.exitCode, 1);
    const QJsonObject document = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(document.value(QStringLiteral("changed_cells")).toInt(), 18);
    const QJsonObject cell = document.value(QStringLiteral("callers"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("cells"))
                                 .toArray()
                                 .at(28)
                                 .toObject();
    EXPECT_TRUE(cell.value(QStringLiteral("changed")).toBool());
    EXPECT_EQ(cell.value(QStringLiteral("before")).toObject().value(QStringLiteral("rule_id")).toString(),
              QStringLiteral("closed"));
}

TEST(RoutesCommand, TypedTimesAndBadInputSayWhatToDo)
{
    const RoutesRun typed = routes({QStringLiteral("--at"), QStringLiteral("2027-03-28T01:30,2027-03-28T01:00:00Z"),
                                    QStringLiteral("--callers"), QStringLiteral("+31612345678")});
    ASSERT_EQ(typed.exitCode, 0) << typed.err.toStdString();
    EXPECT_TRUE(typed.out.contains(QStringLiteral("2 typed times"))) << typed.out.toStdString();
    EXPECT_TRUE(typed.out.contains(QStringLiteral("  Sun 28 Mar 01:30 CET … Sun 28 Mar 03:00 CEST  closed")))
        << typed.out.toStdString();

    const RoutesRun step = routes({QStringLiteral("--step"), QStringLiteral("often")});
    EXPECT_EQ(step.exitCode, 2);
    EXPECT_TRUE(step.err.contains(QStringLiteral("--step \"often\" is not a step"))) << step.err.toStdString();
    const RoutesRun zone = routes({QStringLiteral("--zone"), QStringLiteral("Mars/Olympus")});
    EXPECT_EQ(zone.exitCode, 2);
    EXPECT_TRUE(zone.err.contains(QStringLiteral("unknown time zone \"Mars/Olympus\"")));
    const RoutesRun callers = routes({QStringLiteral("--callers"), QStringLiteral("+31612345678,bob")});
    EXPECT_EQ(callers.exitCode, 2);
    EXPECT_TRUE(callers.err.contains(QStringLiteral("“bob” is not a phone number"))) << callers.err.toStdString();
    const RoutesRun missing = routes({QStringLiteral("--workspace"), QStringLiteral("/nonexistent/w.json")});
    EXPECT_EQ(missing.exitCode, 3);
    const RoutesRun help = routes({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--against"))) << help.out.toStdString();
}

} // namespace
