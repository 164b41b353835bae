// SPDX-License-Identifier: GPL-3.0-or-later

#include "routescommand.h"

#include "commandline.h"
#include "workspaceoption.h"

#include "routing/routingcallers.h"
#include "routing/routingmatrix.h"
#include "routing/routingmoments.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace dockside::cli {

using namespace dockside::routing;

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString splitText(const RoutingCell &cell)
{
    QStringList arms;
    for (const rules::SplitArm &arm : cell.arms)
        arms.append(QStringLiteral("%1:%2").arg(arm.templateId).arg(arm.weight));
    return arms.join(QLatin1Char(' '));
}

// Bands of equal (before, after) pairs, so a diff shows where a band changes even inside an unchanged band.
struct PairBand {
    qsizetype first = 0;
    qsizetype last = 0;
    int cell = 0;
    const RoutingCell *before = nullptr; // with --against: the other workspace's cell, nullptr when it has none
    bool changed = false;
};

QList<PairBand> pairBands(const RoutingMatrix &matrix, const RoutingMatrix *before, const RoutingDiff *diff,
                          qsizetype caller)
{
    QList<PairBand> bands;
    const qsizetype beforeRow = before != nullptr ? before->rowOf(matrix.callers.at(caller).number) : -1;
    for (qsizetype m = 0; m < matrix.moments.size(); ++m) {
        const int cell = matrix.cellIndex(caller, m);
        const RoutingCell *old =
            beforeRow >= 0 ? cellAt(*before, matrix.callers.at(caller).number, matrix.moments.at(m)) : nullptr;
        const bool changed = diff != nullptr && diff->isChanged(matrix, caller, m);
        if (!bands.isEmpty() && bands.last().cell == cell && bands.last().changed == changed &&
            (bands.last().before == old ||
             (old != nullptr && bands.last().before != nullptr && *bands.last().before == *old)))
            bands.last().last = m;
        else
            bands.append({m, m, cell, old, changed});
    }
    return bands;
}

} // namespace

QString RoutesCommand::summary() const
{
    return QStringLiteral(
        "What the mock endpoint answers each caller at each moment: the rule, the template (A/B arms with their\n"
        "weights), answered or rejected, and the first words the caller hears. Rows are the workspace's contacts,\n"
        "the numbers of --callers and one unknown number per country prefix the rules name; columns are a week\n"
        "(--from, --days) at --step, or the times of --at. Each cell is the endpoint's own plan of the\n"
        "assistant-request the platform would send, signed with the endpoint's secret; nothing is sent.\n"
        "Text output lists each caller's bands of equal answers; --json and --csv print every cell.\n"
        "--against OTHER compares with another workspace file (say, the deployed one) cell by cell: changed bands\n"
        "are marked with * and what OTHER answers; the exit code is 1 when any cell differs.\n"
        "Exit codes: 0 done, 1 differences with --against, 2 bad option, 3 unreadable workspace.");
}

int RoutesCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    parser.addOptions({
        {QStringLiteral("callers"),
         QStringLiteral("More numbers to show, separated by commas (the contacts are always shown)."),
         QStringLiteral("N1,N2")},
        {QStringLiteral("from"),
         QStringLiteral("Where the week starts: an ISO date or date-time, read in --zone without an offset "
                        "(default: this week's Monday 00:00)."),
         QStringLiteral("ISO")},
        {QStringLiteral("step"), QStringLiteral("Between two moments: 15m, 1h, 1h30m (default 15m)."),
         QStringLiteral("STEP")},
        {QStringLiteral("days"), QStringLiteral("How many days (default 7)."), QStringLiteral("N")},
        {QStringLiteral("at"), QStringLiteral("Only these times instead of a week, separated by commas."),
         QStringLiteral("ISO,ISO")},
        {QStringLiteral("zone"),
         QStringLiteral("The IANA zone the times are read and shown in (default: the zone of the rules' business "
                        "hours, else the system's)."),
         QStringLiteral("ZONE")},
        {QStringLiteral("no-secret"),
         QStringLiteral("Evaluate as an endpoint without a secret: signature rules see \"unchecked\" instead of "
                        "\"valid\".")},
        {QStringLiteral("against"), QStringLiteral("Compare with this workspace file, cell by cell."),
         QStringLiteral("OTHER_WORKSPACE")},
        {QStringLiteral("json"), QStringLiteral("Print every cell as JSON.")},
        {QStringLiteral("csv"), QStringLiteral("Print every cell as CSV, one row per caller and moment.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 0, QString(), streams))
        return *exit;
    if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("csv"))) {
        streams.err << "dockside-cli routes: choose one of --json and --csv.\n";
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("at")) &&
        (parser.isSet(QStringLiteral("from")) || parser.isSet(QStringLiteral("days")))) {
        streams.err << "dockside-cli routes: --at names the times itself; leave out --from and --days.\n";
        return kExitUsage;
    }

    const std::optional<workspace::Workspace> workspace = loadWorkspaceOption(parser, streams);
    if (!workspace)
        return kExitInput;
    std::optional<workspace::Workspace> other;
    if (parser.isSet(QStringLiteral("against"))) {
        const QString fileName = parser.value(QStringLiteral("against"));
        const workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
        for (const base::LoadError &error : load.errors)
            streams.err << base::formatLoadError(fileName, error) << '\n';
        if (!load.workspace) {
            streams.err << "dockside-cli routes: cannot compare with " << fileName << "; fix the file or leave out "
                        << "--against.\n";
            return kExitInput;
        }
        other = load.workspace;
    }

    // The zone: named, or the rules' own, or the system's.
    QTimeZone zone = QTimeZone::systemTimeZone();
    const QStringList ruleZones = businessHoursZones(workspace->rules);
    if (parser.isSet(QStringLiteral("zone"))) {
        zone = QTimeZone(parser.value(QStringLiteral("zone")).toUtf8());
        if (!zone.isValid()) {
            streams.err << "dockside-cli routes: unknown time zone \"" << parser.value(QStringLiteral("zone"))
                        << "\"; use an IANA name such as Europe/Amsterdam or UTC.\n";
            return kExitUsage;
        }
    } else if (!ruleZones.isEmpty()) {
        zone = QTimeZone(ruleZones.constFirst().toUtf8());
    }

    RoutingMoments moments;
    if (parser.isSet(QStringLiteral("at"))) {
        QList<QDateTime> times;
        for (const QString &text : parser.value(QStringLiteral("at")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const std::optional<QDateTime> time = parseMoment(text, zone);
            if (!time) {
                streams.err << "dockside-cli routes: --at \"" << text.trimmed()
                            << "\" is not an ISO date-time such as 2027-03-29T09:00 or 2027-03-29T07:00:00Z.\n";
                return kExitUsage;
            }
            times.append(*time);
        }
        moments = explicitMoments(times, zone);
    } else {
        const std::optional<qint64> step =
            parseStep(parser.value(QStringLiteral("step")).isEmpty() ? QStringLiteral("15m")
                                                                     : parser.value(QStringLiteral("step")));
        if (!step) {
            streams.err << "dockside-cli routes: --step \"" << parser.value(QStringLiteral("step"))
                        << "\" is not a step of a minute or more, such as 15m, 1h or 1h30m.\n";
            return kExitUsage;
        }
        const std::optional<qint64> days = integerOption(parser, QStringLiteral("days"), 7, streams);
        if (!days)
            return kExitUsage;
        if (*days < 1 || *days > 62) {
            streams.err << "dockside-cli routes: --days must be between 1 and 62.\n";
            return kExitUsage;
        }
        QDateTime from = startOfWeek(QDateTime::currentDateTimeUtc(), zone);
        if (parser.isSet(QStringLiteral("from"))) {
            const std::optional<QDateTime> parsed = parseMoment(parser.value(QStringLiteral("from")), zone);
            if (!parsed) {
                streams.err << "dockside-cli routes: --from \"" << parser.value(QStringLiteral("from"))
                            << "\" is not an ISO date or date-time such as 2027-03-22 or 2027-03-22T08:00.\n";
                return kExitUsage;
            }
            from = parsed->toTimeZone(zone);
        }
        moments = weekMoments(from, *step, static_cast<int>(*days), zone);
    }
    if (moments.moments.isEmpty()) {
        streams.err << "dockside-cli routes: no moments to show.\n";
        return kExitUsage;
    }

    QStringList problems;
    const QStringList typed = parseNumberList(parser.value(QStringLiteral("callers")), &problems);
    if (!problems.isEmpty()) {
        for (const QString &problem : std::as_const(problems))
            streams.err << "dockside-cli routes: --callers: " << problem << ".\n";
        return kExitUsage;
    }

    RoutingInput input;
    input.workspace = *workspace;
    input.callers = buildCallers(*workspace, typed);
    if (other)
        input.callers = mergeCallers(input.callers, buildCallers(*other, typed));
    input.moments = moments.moments;
    input.signature = parser.isSet(QStringLiteral("no-secret")) ? SignatureAssumption::NoSecret
                                                                : SignatureAssumption::SignedWithSecret;
    const RoutingMatrix matrix = *computeRoutingMatrix(input);
    std::optional<RoutingMatrix> before;
    std::optional<RoutingDiff> diff;
    if (other) {
        RoutingInput otherInput = input;
        otherInput.workspace = *other;
        before = *computeRoutingMatrix(otherInput);
        diff = diffMatrices(*before, matrix);
    }
    const int exitCode = diff && diff->changedCells > 0 ? kExitCheckFailed : kExitOk;

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray momentList;
        for (const QDateTime &moment : matrix.moments)
            momentList.append(momentIso(moment, zone));
        QJsonArray callers;
        for (qsizetype c = 0; c < matrix.callers.size(); ++c) {
            const RoutingCaller &caller = matrix.callers.at(c);
            QJsonArray bands;
            for (const RoutingBand &band : bandsOf(matrix, c))
                bands.append(QJsonObject {{QStringLiteral("from"), momentIso(matrix.moments.at(band.first), zone)},
                                          {QStringLiteral("until"), momentIso(moments.endAfter(band.last), zone)},
                                          {QStringLiteral("summary"), matrix.outcomes.at(band.cell).summary()}});
            QJsonArray cells;
            for (qsizetype m = 0; m < matrix.moments.size(); ++m) {
                QJsonObject cell = matrix.cell(c, m).toJson();
                cell.insert(QStringLiteral("at"), momentIso(matrix.moments.at(m), zone));
                if (diff) {
                    const bool changed = diff->isChanged(matrix, c, m);
                    cell.insert(QStringLiteral("changed"), changed);
                    if (changed) {
                        const RoutingCell *old = cellAt(*before, caller.number, matrix.moments.at(m));
                        cell.insert(QStringLiteral("before"),
                                    old != nullptr ? QJsonValue(old->toJson()) : QJsonValue(QJsonValue::Null));
                    }
                }
                cells.append(cell);
            }
            callers.append(QJsonObject {{QStringLiteral("number"), caller.number},
                                        {QStringLiteral("label"), caller.label},
                                        {QStringLiteral("source"), RoutingCaller::sourceName(caller.source)},
                                        {QStringLiteral("bands"), bands},
                                        {QStringLiteral("cells"), cells}});
        }
        QJsonObject document {
            {QStringLiteral("workspace"), workspace->name},
            {QStringLiteral("zone"), QString::fromUtf8(zone.id())},
            {QStringLiteral("step"),
             moments.stepSeconds > 0 ? QJsonValue(stepText(moments.stepSeconds)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("assumptions"), QJsonArray::fromStringList(matrix.assumptions)},
            {QStringLiteral("moments"), momentList},
            {QStringLiteral("callers"), callers},
        };
        if (diff)
            document.insert(QStringLiteral("changed_cells"), diff->changedCells);
        streams.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        return exitCode;
    }

    if (parser.isSet(QStringLiteral("csv"))) {
        streams.out << "caller,label,source,at,rule_id,rule_name,template,split,forward,disposition,reason,"
                       "spoken_first,error";
        if (diff)
            streams.out << ",changed,before";
        streams.out << '\n';
        for (qsizetype c = 0; c < matrix.callers.size(); ++c) {
            const RoutingCaller &caller = matrix.callers.at(c);
            for (qsizetype m = 0; m < matrix.moments.size(); ++m) {
                const RoutingCell &cell = matrix.cell(c, m);
                const QStringList fields {
                    caller.number,
                    caller.label,
                    RoutingCaller::sourceName(caller.source),
                    momentIso(matrix.moments.at(m), zone),
                    cell.ruleId,
                    cell.ruleName,
                    cell.templateId,
                    splitText(cell),
                    cell.forwardUrl,
                    RoutingCell::kindName(cell.kind),
                    cell.reason,
                    cell.spokenFirst,
                    cell.error,
                };
                QStringList quoted;
                for (const QString &field : fields)
                    quoted.append(csvField(field));
                if (diff) {
                    const bool changed = diff->isChanged(matrix, c, m);
                    const RoutingCell *old = changed ? cellAt(*before, caller.number, matrix.moments.at(m)) : nullptr;
                    quoted.append(changed ? QStringLiteral("yes") : QStringLiteral("no"));
                    quoted.append(csvField(old != nullptr ? old->summary() : QString()));
                }
                streams.out << quoted.join(QLatin1Char(',')) << '\n';
            }
        }
        return exitCode;
    }

    const QString range = moments.stepSeconds > 0
        ? bandLabel(moments.moments.constFirst(), moments.endAfter(moments.moments.size() - 1), zone) +
            QStringLiteral(", every ") + stepText(moments.stepSeconds)
        : QStringLiteral("%1 typed times").arg(moments.moments.size());
    streams.out << "Routing of \"" << workspace->name << "\": " << matrix.callers.size() << " callers × "
                << matrix.moments.size() << " moments (" << range << "), times in " << QString::fromUtf8(zone.id())
                << ".\n";
    if (!ruleZones.isEmpty())
        streams.out << "Business hours are in " << ruleZones.join(QStringLiteral(", ")) << ".\n";
    for (const QString &assumption : matrix.assumptions)
        streams.out << "Assumed: " << assumption << '\n';
    if (diff)
        streams.out << "Against " << parser.value(QStringLiteral("against")) << ": " << diff->changedCells << " of "
                    << matrix.grid.size() << " cells differ, for " << diff->changedCallers << " of "
                    << matrix.callers.size() << " callers (* marks them).\n";
    for (qsizetype c = 0; c < matrix.callers.size(); ++c) {
        const RoutingCaller &caller = matrix.callers.at(c);
        streams.out << '\n' << caller.label << "  " << caller.number << '\n';
        for (const PairBand &band : pairBands(matrix, before ? &*before : nullptr, diff ? &*diff : nullptr, c)) {
            const QString label = moments.stepSeconds > 0
                ? bandLabel(matrix.moments.at(band.first), moments.endAfter(band.last), zone)
                : (band.first == band.last ? momentLabel(matrix.moments.at(band.first), zone)
                                           : momentLabel(matrix.moments.at(band.first), zone) + QStringLiteral(" … ") +
                           momentLabel(matrix.moments.at(band.last), zone));
            streams.out << (band.changed ? "* " : "  ") << label << "  " << matrix.outcomes.at(band.cell).summary()
                        << '\n';
            if (band.changed)
                streams.out << "      was: "
                            << (band.before != nullptr ? band.before->summary() : QStringLiteral("(not shown there)"))
                            << '\n';
        }
    }
    return exitCode;
}

} // namespace dockside::cli
