// SPDX-License-Identifier: GPL-3.0-or-later

#include "burstcommand.h"

#include "calloptions.h"
#include "commandline.h"
#include "secretoption.h"

#include "composer/burstrunner.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace dockside::cli {

namespace {

QString milliseconds(double value)
{
    return QString::number(value, 'f', 2) + QLatin1String(" ms");
}

QJsonObject reportToJson(const composer::BurstReport &report, const composer::BurstOptions &options)
{
    QJsonObject statuses;
    for (auto it = report.statuses.cbegin(); it != report.statuses.cend(); ++it)
        statuses.insert(QString::number(it.key()), it.value());
    return {
        {QStringLiteral("url"), options.request.url.toString()},
        {QStringLiteral("requests"), options.count},
        {QStringLiteral("concurrency"), options.concurrency},
        {QStringLiteral("deadline_ms"), options.request.effectiveDeadlineMs()},
        {QStringLiteral("sent"), report.sent},
        {QStringLiteral("answered"), report.answered},
        {QStringLiteral("missed_deadline"), report.missedDeadline},
        {QStringLiteral("unreachable"), report.unreachable},
        {QStringLiteral("cancelled"), report.cancelled},
        {QStringLiteral("statuses"), statuses},
        {QStringLiteral("latency_ms"),
         QJsonObject {{QStringLiteral("p50"), report.p50Ms},
                      {QStringLiteral("p90"), report.p90Ms},
                      {QStringLiteral("p99"), report.p99Ms},
                      {QStringLiteral("max"), report.maxMs}}},
        {QStringLiteral("requests_per_second"), report.requestsPerSecond},
        {QStringLiteral("wall_ms"), report.wallMs},
        {QStringLiteral("all_answered_in_time"), report.allAnsweredInTime()},
    };
}

void printReport(const composer::BurstReport &report, const composer::BurstOptions &options, QTextStream &out)
{
    out << "burst " << options.request.url.toString() << ": " << report.sent << " request(s), " << options.concurrency
        << " in flight, deadline " << options.request.effectiveDeadlineMs() << " ms\n"
        << "  answered in time  " << report.answered << '\n'
        << "  missed deadline   " << report.missedDeadline << '\n'
        << "  unreachable       " << report.unreachable << '\n';
    if (report.cancelled > 0)
        out << "  cancelled         " << report.cancelled << '\n';
    out << "  statuses         ";
    if (report.statuses.isEmpty())
        out << " (none)";
    for (auto it = report.statuses.cbegin(); it != report.statuses.cend(); ++it)
        out << ' ' << it.key() << " x" << it.value();
    out << '\n'
        << "  latency           p50 " << milliseconds(report.p50Ms) << ", p90 " << milliseconds(report.p90Ms)
        << ", p99 " << milliseconds(report.p99Ms) << ", max " << milliseconds(report.maxMs) << '\n'
        << "  throughput        " << QString::number(report.requestsPerSecond, 'f', 0) << " requests/s over "
        << milliseconds(report.wallMs) << '\n';
}

} // namespace

QString BurstCommand::summary() const
{
    return QStringLiteral("Sends N signed events with C in flight to URL and prints latency percentiles and how many\n"
                          "missed the deadline. Exits 1 when any request was late, unreachable or not answered 2xx.\n"
                          "Aims only at this machine (127.0.0.0/8, ::1, localhost) unless --allow-remote is given.\n"
                          "Nothing is recorded in the history.");
}

int BurstCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        {{QStringLiteral("n"), QStringLiteral("requests")},
         QStringLiteral("How many requests (default 100)."),
         QStringLiteral("N")},
        {{QStringLiteral("c"), QStringLiteral("concurrency")},
         QStringLiteral("How many requests in flight at once (default 10)."),
         QStringLiteral("C")},
        {QStringLiteral("event"),
         QStringLiteral("assistant-request (default), status-update, tool-calls or end-of-call-report."),
         QStringLiteral("TYPE")},
        {QStringLiteral("caller"), QStringLiteral("The caller's number (default +31612345678)."),
         QStringLiteral("NUMBER")},
        {QStringLiteral("deadline-ms"),
         QStringLiteral("The deadline per request (default 5000 for assistant-request, else 20000)."),
         QStringLiteral("N")},
        sdkOption(),
        secretEnv,
        {QStringLiteral("allow-remote"),
         QStringLiteral("Allow a target that is not this machine. Only aim load at servers you run.")},
        {QStringLiteral("json"), QStringLiteral("Print the report as JSON.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("URL"), streams))
        return *exit;

    composer::BurstOptions options;
    options.request.url = QUrl::fromUserInput(parser.positionalArguments().constFirst());
    const auto count = integerOption(parser, QStringLiteral("requests"), 100, streams);
    const auto concurrency = integerOption(parser, QStringLiteral("concurrency"), 10, streams);
    if (!count || !concurrency)
        return kExitUsage;
    if (*count < 1 || *count > 10'000'000 || *concurrency < 1 || *concurrency > 1000) {
        streams.err << "dockside-cli burst: -n takes 1 to 10000000 requests and -c 1 to 1000 in flight.\n";
        return kExitUsage;
    }
    options.count = static_cast<int>(*count);
    options.concurrency = static_cast<int>(*concurrency);
    if (parser.isSet(QStringLiteral("event"))) {
        const auto type = contract::eventTypeFromName(parser.value(QStringLiteral("event")));
        if (!type) {
            streams.err << "dockside-cli burst: unknown --event \"" << parser.value(QStringLiteral("event"))
                        << "\"; use assistant-request, status-update, tool-calls or end-of-call-report.\n";
            return kExitUsage;
        }
        options.request.event.type = *type;
    }
    if (parser.isSet(QStringLiteral("caller")))
        options.request.event.customerNumber = parser.value(QStringLiteral("caller"));
    if (!readSdkOption(parser, options.request.event, name(), streams))
        return kExitUsage;
    contract::fillEarlierSdkReportFields(options.request.event, QDateTime::currentDateTimeUtc());
    if (parser.isSet(QStringLiteral("deadline-ms"))) {
        const auto deadline = integerOption(parser, QStringLiteral("deadline-ms"), 0, streams);
        if (!deadline || *deadline <= 0 || *deadline > 3'600'000) {
            streams.err << "dockside-cli burst: --deadline-ms takes a positive number of milliseconds.\n";
            return kExitUsage;
        }
        options.request.deadlineMs = *deadline;
    }
    const QString variable = parser.value(secretEnv);
    options.request.secret = qgetenv(variable.toLocal8Bit().constData());
    // Naming a variable and leaving it empty is a mistake; the default variable unset means unsigned, as in send.
    if (options.request.secret.isEmpty() && parser.isSet(secretEnv)) {
        streams.err << "dockside-cli burst: the environment variable " << variable << " named by --secret-env is "
                    << "empty or unset.\n";
        return kExitInput;
    }
    options.allowNonLoopback = parser.isSet(QStringLiteral("allow-remote"));

    composer::BurstRunner runner;
    int exitCode = kExitOk;
    bool done = false;
    QObject::connect(&runner, &composer::BurstRunner::failed, &runner, [&](const QString &message) {
        streams.err << "dockside-cli burst: " << message << '.';
        if (!options.allowNonLoopback && !composer::isLoopbackHost(options.request.url.host()))
            streams.err << " Pass --allow-remote to aim it at " << options.request.url.host() << " anyway.";
        streams.err << '\n';
        exitCode = kExitUsage;
        done = true;
    });
    QObject::connect(&runner, &composer::BurstRunner::finished, &runner, [&](const composer::BurstReport &report) {
        if (parser.isSet(QStringLiteral("json")))
            streams.out << QJsonDocument(reportToJson(report, options)).toJson(QJsonDocument::Indented);
        else
            printReport(report, options, streams.out);
        exitCode = report.allAnsweredInTime() ? kExitOk : kExitCheckFailed;
        done = true;
        QCoreApplication::quit();
    });
    if (runner.run(options) && !done)
        QCoreApplication::exec();
    return exitCode;
}

} // namespace dockside::cli
