// SPDX-License-Identifier: GPL-3.0-or-later

#include "routing/routingcallers.h"
#include "routing/routingmatrix.h"
#include "routing/routingmoments.h"
#include "routing/routingrunner.h"

#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace {

using namespace dockside;
using namespace dockside::routing;

const QTimeZone kAmsterdam(QByteArrayLiteral("Europe/Amsterdam"));

// Closed but for weekdays 09:00-17:00 and Sundays 01:00-04:00 (local), which straddles both of 2027's changes:
// 28 March 02:00 CET → 03:00 CEST and 31 October 03:00 CEST → 02:00 CET.
const QByteArray kDstWorkspace = R"json({
  "version": 1, "name": "DST", "fallback_template": "open",
  "templates": [
    {"id": "open", "name": "Open", "status": 200, "body": {"assistant": {"first_message": "Hello, we are open."}}},
    {"id": "reject", "name": "Closed", "status": 200, "body": {"error": "Sorry, we are closed."}},
    {"id": "clock", "name": "Clock", "status": 200, "body": {"assistant": {"first_message": "It is {{now}}."}}},
    {"id": "a", "name": "A", "status": 200, "body": {"assistant": {"first_message": "Arm A speaking."}}},
    {"id": "b", "name": "B", "status": 200, "body": {"assistant": {"first_message": "Arm B speaking."}}}
  ],
  "rules": [
    {"id": "closed", "name": "Closed outside hours",
     "conditions": [{"kind": "business_hours", "negate": true, "zone": "Europe/Amsterdam",
                     "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "windows": ["09:00-17:00"]},
                               {"days": ["sun"], "windows": ["01:00-04:00"]}]}],
     "template": "reject"},
    {"id": "clock-caller", "name": "Talking clock",
     "conditions": [{"kind": "caller", "equals": "+31200000001"}], "template": "clock"},
    {"id": "split", "name": "A/B", "conditions": [{"kind": "caller", "prefix": "+44"}],
     "split": [{"template": "a", "weight": 70}, {"template": "b", "weight": 30}]},
    {"id": "open", "name": "Open", "conditions": [], "template": "open"}
  ],
  "contacts": [{"number": "+31612345678", "name": "John Smith"}]
})json";

workspace::Workspace dstWorkspace()
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(kDstWorkspace);
    EXPECT_TRUE(load.errors.isEmpty()) << load.errors.size();
    return *load.workspace;
}

QDateTime local(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), kAmsterdam);
}

struct ExpectedBand {
    QString from; // momentLabel of the first moment
    QString to; // of the last
    qsizetype moments;
    QString ruleId;
};

void expectBands(const RoutingMatrix &matrix, qsizetype caller, const QList<ExpectedBand> &expected)
{
    const QList<RoutingBand> bands = bandsOf(matrix, caller);
    ASSERT_EQ(bands.size(), expected.size());
    for (qsizetype i = 0; i < bands.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(momentLabel(matrix.moments.at(bands.at(i).first), kAmsterdam), expected.at(i).from);
        EXPECT_EQ(momentLabel(matrix.moments.at(bands.at(i).last), kAmsterdam), expected.at(i).to);
        EXPECT_EQ(bands.at(i).last - bands.at(i).first + 1, expected.at(i).moments);
        EXPECT_EQ(matrix.outcomes.at(bands.at(i).cell).ruleId, expected.at(i).ruleId);
    }
}

TEST(RoutingMoments, AWeekFollowsTheWallClockAcrossDaylightSavingChanges)
{
    // 15-minute steps: the week of the spring change has an hour (4 moments) fewer, the autumn week one more.
    EXPECT_EQ(weekMoments(local(2027, 3, 15, 0), 900, 7, kAmsterdam).moments.size(), 7 * 96);
    EXPECT_EQ(weekMoments(local(2027, 3, 22, 0), 900, 7, kAmsterdam).moments.size(), 668);
    EXPECT_EQ(weekMoments(local(2027, 3, 29, 0), 900, 7, kAmsterdam).moments.size(), 672);
    EXPECT_EQ(weekMoments(local(2027, 3, 27, 0), 900, 7, kAmsterdam).moments.size(), 668);
    EXPECT_EQ(weekMoments(local(2027, 10, 25, 0), 900, 7, kAmsterdam).moments.size(), 676);

    const RoutingMoments spring = weekMoments(local(2027, 3, 28, 1), 900, 1, kAmsterdam);
    EXPECT_EQ(momentLabel(spring.moments.at(3), kAmsterdam), QStringLiteral("Sun 28 Mar 01:45 CET"));
    EXPECT_EQ(momentLabel(spring.moments.at(4), kAmsterdam), QStringLiteral("Sun 28 Mar 03:00 CEST"));
    EXPECT_EQ(spring.moments.at(4).toUTC(), QDateTime(QDate(2027, 3, 28), QTime(1, 0), QTimeZone::utc()));
    EXPECT_EQ(startOfWeek(local(2027, 3, 28, 12), kAmsterdam), local(2027, 3, 22, 0));
}

TEST(RoutingMoments, StepsAndTimesAreParsedOrRefused)
{
    EXPECT_EQ(parseStep(QStringLiteral("15m")), 900);
    EXPECT_EQ(parseStep(QStringLiteral("1h")), 3600);
    EXPECT_EQ(parseStep(QStringLiteral("1h30m")), 5400);
    EXPECT_EQ(parseStep(QStringLiteral("30")), 1800);
    EXPECT_EQ(parseStep(QStringLiteral("10s")), std::nullopt);
    EXPECT_EQ(parseStep(QStringLiteral("soon")), std::nullopt);
    EXPECT_EQ(parseStep(QStringLiteral("0")), std::nullopt);
    EXPECT_EQ(parseStep(QStringLiteral("2d")), 2 * 86400);
    EXPECT_EQ(stepText(5400), QStringLiteral("1h30m"));
    EXPECT_EQ(parseMoment(QStringLiteral("2027-03-28T03:00"), kAmsterdam), local(2027, 3, 28, 3));
    EXPECT_EQ(parseMoment(QStringLiteral("2027-03-28T01:00:00Z"), kAmsterdam)->toUTC(), local(2027, 3, 28, 3).toUTC());
    EXPECT_EQ(parseMoment(QStringLiteral("next tuesday"), kAmsterdam), std::nullopt);
    const RoutingMoments typed =
        explicitMoments({local(2027, 3, 29, 9), local(2027, 3, 28, 3), local(2027, 3, 29, 9)}, kAmsterdam);
    ASSERT_EQ(typed.moments.size(), 2);
    EXPECT_EQ(typed.moments.first(), local(2027, 3, 28, 3));
}

TEST(RoutingCallers, ContactsTypedNumbersAndOneUnknownNumberPerPrefixTheRulesName)
{
    const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    EXPECT_EQ(callerPrefixes(sample.rules),
              (QStringList {QStringLiteral("+49"), QStringLiteral("+43"), QStringLiteral("+41")}));
    const QList<RoutingCaller> callers =
        buildCallers(sample, {QStringLiteral("+31 20 123 4567"), QStringLiteral("+31612345678")});
    ASSERT_EQ(callers.size(), sample.contacts.contacts().size() + 1 + 3);
    EXPECT_EQ(callers.first().label, QStringLiteral("John Smith"));
    const RoutingCaller &typed = callers.at(sample.contacts.contacts().size());
    EXPECT_EQ(typed.number, QStringLiteral("+31201234567"));
    EXPECT_EQ(typed.source, RoutingCaller::Source::Typed);
    EXPECT_EQ(callers.last().label, QStringLiteral("unknown +41"));
    EXPECT_TRUE(callers.last().number.startsWith(QLatin1String("+41")));
    EXPECT_FALSE(sample.contacts.contains(callers.last().number));

    QStringList problems;
    EXPECT_EQ(
        parseNumberList(QStringLiteral("+31 6 1234 5678\n+4915112345678, +43 1 234567; hello"), &problems),
        (QStringList {QStringLiteral("+31612345678"), QStringLiteral("+4915112345678"), QStringLiteral("+431234567")}));
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems.first().contains(QLatin1String("hello")));
}

RoutingInput dstInput(const QDateTime &start, int days, qint64 step = 3600)
{
    RoutingInput input;
    input.workspace = dstWorkspace();
    input.callers = buildCallers(input.workspace, {QStringLiteral("+31200000001"), QStringLiteral("+447700900123")});
    input.moments = weekMoments(start, step, days, kAmsterdam).moments;
    return input;
}

TEST(RoutingMatrix, SpringForwardInAmsterdamByHand)
{
    // Saturday 27 March 2027 00:00 CET for three days, hourly: 71 moments, since 02:00 on Sunday never happens.
    const RoutingInput input = dstInput(local(2027, 3, 27, 0), 3);
    ASSERT_EQ(input.moments.size(), 71);
    const std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input);
    ASSERT_TRUE(matrix);
    ASSERT_EQ(matrix->callers.first().number, QStringLiteral("+31612345678"));
    expectBands(*matrix, 0,
                {
                    {QStringLiteral("Sat 27 Mar 00:00 CET"), QStringLiteral("Sun 28 Mar 00:00 CET"), 25,
                     QStringLiteral("closed")},
                    // 01:00 CET, then 03:00 CEST: the window's three local hours are two real ones.
                    {QStringLiteral("Sun 28 Mar 01:00 CET"), QStringLiteral("Sun 28 Mar 03:00 CEST"), 2,
                     QStringLiteral("open")},
                    {QStringLiteral("Sun 28 Mar 04:00 CEST"), QStringLiteral("Mon 29 Mar 08:00 CEST"), 29,
                     QStringLiteral("closed")},
                    {QStringLiteral("Mon 29 Mar 09:00 CEST"), QStringLiteral("Mon 29 Mar 16:00 CEST"), 8,
                     QStringLiteral("open")},
                    {QStringLiteral("Mon 29 Mar 17:00 CEST"), QStringLiteral("Mon 29 Mar 23:00 CEST"), 7,
                     QStringLiteral("closed")},
                });
    const RoutingCell &closed = matrix->cell(0, 0);
    EXPECT_EQ(closed.kind, RoutingCell::Kind::Rejected);
    EXPECT_EQ(closed.templateId, QStringLiteral("reject"));
    EXPECT_EQ(closed.spokenFirst, QStringLiteral("Sorry, we are closed."));
    const RoutingCell &open = matrix->cell(0, 25);
    EXPECT_EQ(open.kind, RoutingCell::Kind::Answered);
    EXPECT_EQ(open.templateId, QStringLiteral("open"));
    EXPECT_EQ(open.spokenFirst, QStringLiteral("Hello, we are open."));
    EXPECT_EQ(open.summary(), QStringLiteral("open → template open (answered): “Hello, we are open.”"));
}

TEST(RoutingMatrix, FallBackInAmsterdamByHand)
{
    // Saturday 30 October 2027 00:00 CEST for three days: 73 moments, since 02:00 on Sunday happens twice.
    const RoutingInput input = dstInput(local(2027, 10, 30, 0), 3);
    ASSERT_EQ(input.moments.size(), 73);
    const std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input);
    ASSERT_TRUE(matrix);
    expectBands(
        *matrix, 0,
        {
            {QStringLiteral("Sat 30 Oct 00:00 CEST"), QStringLiteral("Sun 31 Oct 00:00 CEST"), 25,
             QStringLiteral("closed")},
            // 01:00 and 02:00 CEST, 02:00 and 03:00 CET: four real hours.
            {QStringLiteral("Sun 31 Oct 01:00 CEST"), QStringLiteral("Sun 31 Oct 03:00 CET"), 4,
             QStringLiteral("open")},
            {QStringLiteral("Sun 31 Oct 04:00 CET"), QStringLiteral("Mon 1 Nov 08:00 CET"), 29,
             QStringLiteral("closed")},
            {QStringLiteral("Mon 1 Nov 09:00 CET"), QStringLiteral("Mon 1 Nov 16:00 CET"), 8, QStringLiteral("open")},
            {QStringLiteral("Mon 1 Nov 17:00 CET"), QStringLiteral("Mon 1 Nov 23:00 CET"), 7, QStringLiteral("closed")},
        });
}

TEST(RoutingMatrix, SplitsShowTheirArmsAndATemplateThatReadsTheClockIsPlannedAtEveryMoment)
{
    const RoutingInput input = dstInput(local(2027, 3, 29, 9), 1);
    const std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input);
    ASSERT_TRUE(matrix);
    const qsizetype clockRow = matrix->rowOf(QStringLiteral("+31200000001"));
    const qsizetype splitRow = matrix->rowOf(QStringLiteral("+447700900123"));
    ASSERT_GE(clockRow, 0);
    ASSERT_GE(splitRow, 0);
    // 09:00 to 16:00 open: eight different clock readings, then closed.
    EXPECT_EQ(bandsOf(*matrix, clockRow).size(), 8 + 1);
    EXPECT_TRUE(matrix->cell(clockRow, 0).spokenFirst.startsWith(QLatin1String("It is 2027-03-29T07:00:00")));
    const RoutingCell &split = matrix->cell(splitRow, 0);
    ASSERT_EQ(split.arms.size(), 2);
    EXPECT_EQ(split.arms.at(0).weight, 70);
    EXPECT_EQ(split.templateId, split.arms.at(split.arm).templateId);
    EXPECT_TRUE(split.describeRoute().contains(QLatin1String("A/B a 70 % | b 30 %")));
}

TEST(RoutingMatrix, EveryCellIsWhatTheEndpointPlansForThatRequest)
{
    RoutingInput input;
    input.workspace = workspace::builtinSampleWorkspace();
    input.callers = buildCallers(input.workspace, {QStringLiteral("+31201234567")});
    input.moments = weekMoments(local(2027, 3, 22, 0), 3 * 3600, 14, kAmsterdam).moments;
    const std::optional<RoutingMatrix> matrix = computeRoutingMatrix(input);
    ASSERT_TRUE(matrix);
    EXPECT_LT(matrix->evaluations, matrix->grid.size());
    QSet<QString> rules;
    for (qsizetype c = 0; c < input.callers.size(); ++c) {
        for (qsizetype m = 0; m < input.moments.size(); ++m) {
            SCOPED_TRACE(qPrintable(input.callers.at(c).number + QLatin1Char(' ') + input.moments.at(m).toString()));
            const RoutingCell direct = evaluateCell(input, input.callers.at(c), input.moments.at(m));
            ASSERT_EQ(matrix->cell(c, m), direct);
            rules.insert(direct.ruleId);
        }
    }
    // The week shows every kind of rule the sample has: closed, VIP, German, CRM, region, A/B.
    EXPECT_EQ(rules.size(), 6);
}

TEST(RoutingMatrix, SignatureRulesSeeWhatTheAssumptionSays)
{
    RoutingInput input = dstInput(local(2027, 3, 29, 10), 1, 12 * 3600);
    QJsonObject rule {{QStringLiteral("id"), QStringLiteral("signed")},
                      {QStringLiteral("conditions"),
                       QJsonArray {QJsonObject {{QStringLiteral("kind"), QStringLiteral("signature")},
                                                {QStringLiteral("equals"), QStringLiteral("valid")}}}},
                      {QStringLiteral("template"), QStringLiteral("a")}};
    QList<base::LoadError> errors;
    QList<rules::Rule> rules {*rules::Rule::fromJson(rule, QString(), errors)};
    rules += input.workspace.rules.rules();
    input.workspace.rules = rules::RuleSet(rules);
    ASSERT_TRUE(errors.isEmpty());
    EXPECT_EQ(computeRoutingMatrix(input)->cell(0, 0).ruleId, QStringLiteral("signed"));
    input.signature = SignatureAssumption::NoSecret;
    const RoutingMatrix unsigned_ = *computeRoutingMatrix(input);
    EXPECT_EQ(unsigned_.cell(0, 0).ruleId, QStringLiteral("open"));
    EXPECT_TRUE(unsigned_.assumptions.first().contains(QLatin1String("unchecked")));
}

TEST(RoutingMatrix, DiffMarksTheCellsAChangeMoves)
{
    const RoutingInput before = dstInput(local(2027, 3, 29, 0), 1);
    RoutingInput after = before;
    QJsonObject changed = after.workspace.rules.rules().first().toJson();
    QJsonArray conditions = changed.value(QStringLiteral("conditions")).toArray();
    QJsonObject hours = conditions.first().toObject();
    hours.insert(QStringLiteral("hours"),
                 QJsonArray {QJsonObject {{QStringLiteral("days"), QJsonArray {QStringLiteral("mon")}},
                                          {QStringLiteral("windows"), QJsonArray {QStringLiteral("09:00-18:00")}}}});
    conditions.replace(0, hours);
    changed.insert(QStringLiteral("conditions"), conditions);
    QList<base::LoadError> errors;
    QList<rules::Rule> rules = after.workspace.rules.rules();
    rules.replace(0, *rules::Rule::fromJson(changed, QString(), errors));
    after.workspace.rules = rules::RuleSet(rules);

    const RoutingMatrix a = *computeRoutingMatrix(before);
    const RoutingMatrix b = *computeRoutingMatrix(after);
    const RoutingDiff diff = diffMatrices(a, b);
    // Monday 17:00 opens for every caller: one cell each. The talking clock's and the others' answers alike.
    EXPECT_EQ(diff.changedCells, b.callers.size());
    EXPECT_EQ(diff.changedCallers, b.callers.size());
    EXPECT_TRUE(diff.isChanged(b, 0, 17));
    EXPECT_FALSE(diff.isChanged(b, 0, 16));
    EXPECT_EQ(diffMatrices(a, a).changedCells, 0);
}

TEST(RoutingRunner, ReportsProgressFinishesAndCancels)
{
    RoutingInput input;
    input.workspace = workspace::builtinSampleWorkspace();
    for (int i = 0; i < 300; ++i)
        input.callers.append({QStringLiteral("+3197%1").arg(i, 8, 10, QLatin1Char('0')), QStringLiteral("typed"),
                              RoutingCaller::Source::Typed});
    input.moments = weekMoments(local(2027, 3, 15, 0), 900, 7, kAmsterdam).moments;

    RoutingRunner runner;
    QSignalSpy progress(&runner, &RoutingRunner::progress);
    QSignalSpy finished(&runner, &RoutingRunner::finished);
    QSignalSpy cancelled(&runner, &RoutingRunner::cancelled);
    runner.start(input);
    EXPECT_TRUE(runner.isRunning());
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(runner.isRunning());
    ASSERT_FALSE(progress.isEmpty());
    EXPECT_EQ(progress.last().at(0).value<qsizetype>(), 300);
    const RoutingResult result = finished.first().at(0).value<RoutingResult>();
    EXPECT_EQ(result.matrix.grid.size(), 300 * 672);
    EXPECT_FALSE(result.diff);

    runner.start(input);
    runner.cancel();
    EXPECT_FALSE(runner.isRunning());
    EXPECT_EQ(cancelled.size(), 1);
    // Nothing of the cancelled run arrives afterwards; a new run still finishes.
    runner.start(input);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 2; }, 30000));
    EXPECT_EQ(cancelled.size(), 1);

    // Compared with another workspace: two passes, progress over both, and the difference.
    workspace::Workspace other = input.workspace;
    other.rules = rules::RuleSet();
    progress.clear();
    runner.start(input, other);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 3; }, 30000));
    EXPECT_EQ(progress.last().at(1).value<qsizetype>(), 600);
    const RoutingResult compared = finished.last().at(0).value<RoutingResult>();
    ASSERT_TRUE(compared.diff);
    ASSERT_TRUE(compared.before);
    EXPECT_EQ(compared.diff->changedCallers, 300);
    EXPECT_EQ(compared.before->cell(0, 0).ruleId, QString());
}

} // namespace
