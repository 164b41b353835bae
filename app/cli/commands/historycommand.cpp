// SPDX-License-Identifier: GPL-3.0-or-later

#include "historycommand.h"

#include "commandline.h"

#include "workspaceoption.h"

#include "base/latencytext.h"
#include "base/privatefile.h"
#include "calls/callformat.h"
#include "calls/calllister.h"
#include "calls/callscenario.h"
#include "calls/calltrack.h"
#include "composer/curlcommand.h"
#include "history/exchangejson.h"
#include "history/exchangeredactor.h"
#include "history/historyforgetter.h"
#include "history/historylocation.h"
#include "history/historyreader.h"
#include "history/historyspool.h"
#include "history/historystore.h"
#include "secrets/secretstore.h"
#include "teamhistory/historysource.h"
#include "teamhistory/teamdatabase.h"
#include "teamhistory/teammaintenance.h"
#include "teamhistory/teampasswords.h"
#include "workspace/workspacewriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <optional>

namespace dockside::cli {

namespace {

constexpr int kDefaultListLimit = 50;

QString formatTime(qint64 microseconds)
{
    return QDateTime::fromMSecsSinceEpoch(microseconds / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

// "2026-01-31T12:00:00Z", or a span back from now: "90s", "15m", "2h", "7d".
std::optional<qint64> parseSince(const QString &text)
{
    static const QList<QPair<QChar, qint64>> units {
        {QLatin1Char('s'), 1}, {QLatin1Char('m'), 60}, {QLatin1Char('h'), 3600}, {QLatin1Char('d'), 86400}};
    for (const auto &[unit, seconds] : units) {
        if (text.endsWith(unit)) {
            bool ok = false;
            const qint64 count = text.chopped(1).toLongLong(&ok);
            if (ok && count >= 0)
                return (QDateTime::currentSecsSinceEpoch() - count * seconds) * 1'000'000;
        }
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid())
        return time.toMSecsSinceEpoch() * 1000;
    return std::nullopt;
}

void printRow(QTextStream &out, const history::ExchangeSummary &row)
{
    out << row.id << "  " << formatTime(row.receivedAtUs) << "  " << history::directionName(row.direction) << "  "
        << row.method << ' ' << row.path;
    if (!row.eventType.isEmpty())
        out << "  " << row.eventType;
    if (!row.callerNumber.isEmpty())
        out << "  " << row.callerNumber;
    out << "  -> " << (row.responseStatus > 0 ? QString::number(row.responseStatus) : QStringLiteral("no answer"));
    if (!row.outcomeReason.isEmpty())
        out << "  " << row.outcomeDisposition << '/' << row.outcomeReason;
    if (!row.signatureStatus.isEmpty())
        out << "  signature=" << row.signatureStatus;
    out << "  " << base::millisecondsText(row.latencyUs) << "ms";
    if (!row.error.isEmpty())
        out << "  error: " << row.error;
    out << '\n';
}

QCommandLineOption historyFileOption()
{
    return {QStringLiteral("history"),
            QStringLiteral("History file (default %1), or a team history: postgresql://[user@]host[:port]/database "
                           "(password from PGPASSWORD or ~/.pgpass).")
                .arg(history::defaultHistoryPath()),
            QStringLiteral("FILE")};
}

QList<QCommandLineOption> filterOptions()
{
    return {
        {QStringLiteral("search"), QStringLiteral("Words to find in request and response bodies."),
         QStringLiteral("TEXT")},
        {QStringLiteral("event"), QStringLiteral("Only this event type (repeatable)."), QStringLiteral("TYPE")},
        {QStringLiteral("caller"), QStringLiteral("Caller number starts with this."), QStringLiteral("NUMBER")},
        {QStringLiteral("status"), QStringLiteral("Only this HTTP status."), QStringLiteral("N")},
        {QStringLiteral("outcome"), QStringLiteral("Only this outcome reason (override, timeout, ...)."),
         QStringLiteral("REASON")},
        {QStringLiteral("direction"), QStringLiteral("inbound (captured) or outbound (sent)."), QStringLiteral("DIR")},
        {QStringLiteral("since"), QStringLiteral("From this time (ISO 8601) or this long ago (30m, 2h, 7d)."),
         QStringLiteral("WHEN")},
    };
}

QCommandLineOption limitOption()
{
    return {QStringLiteral("limit"), QStringLiteral("How many rows to list (default %1).").arg(kDefaultListLimit),
            QStringLiteral("N")};
}

QList<QCommandLineOption> exportOptions()
{
    return {
        {QStringLiteral("format"), QStringLiteral("Export format: har (default) or json."), QStringLiteral("FORMAT")},
        {QStringLiteral("output"), QStringLiteral("Export to this file instead of standard output."),
         QStringLiteral("FILE")},
        {QStringLiteral("redact"),
         QStringLiteral("export and curl: mask phone numbers (country code and last two digits kept), contact names "
                        "(those of --workspace too), transcripts, summaries and signature headers. On by default "
                        "when more than one exchange is exported.")},
        {QStringLiteral("no-redact"), QStringLiteral("export: keep everything, even for more than one exchange.")},
    };
}

// The redactor for one export or command, knowing the workspace's contact names; nullopt after a load error.
std::optional<history::ExchangeRedactor> makeRedactor(const QCommandLineParser &parser, Streams streams)
{
    const auto workspace = loadWorkspaceOption(parser, streams);
    if (!workspace)
        return std::nullopt;
    history::ExchangeRedactor redactor;
    QStringList names;
    for (const contacts::Contact &contact : workspace->contacts.contacts())
        names.append(contact.name);
    redactor.addKnownNames(names);
    return redactor;
}

QCommandLineOption saveScenarioOption()
{
    return {QStringLiteral("save-scenario"),
            QStringLiteral("history call: add the call to --workspace FILE as a scenario with this name, which "
                           "replays its events with a fresh call id and expects the answers it got."),
            QStringLiteral("NAME")};
}

QCommandLineOption jsonOption()
{
    return {QStringLiteral("json"), QStringLiteral("Print as JSON.")};
}

QCommandLineOption legacyClearOption()
{
    return {QStringLiteral("clear"),
            QStringLiteral("The older spelling of 'history clear': remove every exchange and print how many; it "
                           "cannot be undone. Takes no subcommand or filter.")};
}

// Every option a history subcommand takes, in the order the group's help lists them.
QList<QCommandLineOption> allHistoryOptions()
{
    QList<QCommandLineOption> options {historyFileOption()};
    options += filterOptions();
    options.append(limitOption());
    options += exportOptions();
    options.append(jsonOption());
    options.append(workspaceOption());
    options.append(saveScenarioOption());
    return options;
}

QStringList filterNames()
{
    QStringList names;
    for (const QCommandLineOption &option : filterOptions())
        names.append(option.names().constFirst());
    return names;
}

std::optional<history::HistoryFilter> readFilter(const QCommandLineParser &parser, Streams streams)
{
    history::HistoryFilter filter;
    filter.text = parser.value(QStringLiteral("search"));
    filter.eventTypes = parser.values(QStringLiteral("event"));
    filter.caller = parser.value(QStringLiteral("caller"));
    filter.outcomeReason = parser.value(QStringLiteral("outcome"));
    if (parser.isSet(QStringLiteral("status"))) {
        const auto status = integerOption(parser, QStringLiteral("status"), 0, streams);
        if (!status)
            return std::nullopt;
        filter.status = static_cast<int>(*status);
    }
    if (parser.isSet(QStringLiteral("direction"))) {
        const QString direction = parser.value(QStringLiteral("direction"));
        if (direction == QLatin1String("inbound"))
            filter.direction = history::Direction::Inbound;
        else if (direction == QLatin1String("outbound"))
            filter.direction = history::Direction::Outbound;
        else {
            streams.err << "dockside-cli history: --direction takes inbound or outbound.\n";
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("since"))) {
        filter.fromUs = parseSince(parser.value(QStringLiteral("since")));
        if (!filter.fromUs) {
            streams.err << "dockside-cli history: --since takes an ISO 8601 time or a span such as 30m, 2h, 7d.\n";
            return std::nullopt;
        }
    }
    return filter;
}

// The shape of every history subcommand: parse, check the options, find the file, then run on it.
class HistorySubcommand : public Command {
public:
    int run(const QStringList &arguments, Streams streams) const final
    {
        QCommandLineParser parser;
        const QStringList own = ownOptionNames() << QStringLiteral("history");
        for (QCommandLineOption option : allHistoryOptions()) {
            // Another subcommand's options are accepted unseen: "history --format json show 3" always ran.
            if (!own.contains(option.names().constFirst()))
                option.setFlags(QCommandLineOption::HiddenFromHelp);
            parser.addOption(option);
        }
        if (const auto exit =
                parseCommandLine(parser, *this, arguments, positionalCount(), positionalSyntax(), streams))
            return *exit;
        history::HistoryFilter filter;
        // list and export take the filters; show, curl and clear have none to read.
        if (own.contains(QStringLiteral("search"))) {
            const auto read = readFilter(parser, streams);
            if (!read)
                return kExitUsage;
            filter = *read;
        }
        if (const auto exit = checkOptions(parser, streams))
            return *exit;

        const QString path = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                     : history::defaultHistoryPath();
        teamhistory::useKeychainTeamPassword(path);
        if (!teamhistory::isTeamHistoryUrl(path) && !QFile::exists(path)) {
            streams.err << "dockside-cli history: no history at " << path
                        << ". Run 'dockside-cli serve' or the Dockside window first, or pass --history FILE.\n";
            return kExitInput;
        }
        return runOnFile(parser, filter, path, streams);
    }

protected:
    virtual QStringList ownOptionNames() const { return {}; }
    virtual int positionalCount() const { return 0; }
    virtual QString positionalSyntax() const { return {}; }
    // Usage errors that need no file, so they win over a missing history.
    virtual std::optional<int> checkOptions(const QCommandLineParser &, Streams) const { return std::nullopt; }
    virtual int runOnFile(const QCommandLineParser &parser, const history::HistoryFilter &filter, const QString &path,
                          Streams streams) const = 0;
};

// The subcommands that read: the file is opened after what a killed serve left in its spool is copied in.
class ReadingSubcommand : public HistorySubcommand {
protected:
    virtual int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &filter,
                            history::ExchangeSource &reader, Streams streams) const = 0;

    int runOnFile(const QCommandLineParser &parser, const history::HistoryFilter &filter, const QString &path,
                  Streams streams) const final
    {
        QString error;
        if (!teamhistory::isTeamHistoryUrl(path) && history::HistorySpool::hasLeftovers(path)) {
            history::HistoryStore store;
            if (!store.open({path, 0, 0}, &error)) {
                streams.err << "dockside-cli history: " << error << '\n';
                return kExitInput;
            }
            store.close();
        }
        // A file or a team history's postgresql:// URL: the same subcommands read both.
        const std::unique_ptr<history::ExchangeSource> source = teamhistory::openExchangeSource(path, &error);
        if (!source) {
            streams.err << "dockside-cli history: " << error << '\n';
            return kExitInput;
        }
        return runOnReader(parser, filter, *source, streams);
    }

    static std::optional<history::ExchangeRecord> loadRecord(history::ExchangeSource &reader, const QString &idText,
                                                             Streams streams)
    {
        bool ok = false;
        const qint64 id = idText.toLongLong(&ok);
        auto record = ok ? reader.load(id) : std::nullopt;
        if (!record)
            streams.err << "dockside-cli history: no exchange with id " << idText << ".\n";
        return record;
    }
};

class ListCommand final : public ReadingSubcommand {
public:
    QString name() const override { return QStringLiteral("history list"); }
    QString summary() const override
    {
        return QStringLiteral("Lists the exchanges the filters match, newest first (what 'history' alone does).");
    }

protected:
    QStringList ownOptionNames() const override { return filterNames() << QStringLiteral("limit"); }

    std::optional<int> checkOptions(const QCommandLineParser &parser, Streams streams) const override
    {
        if (!integerOption(parser, QStringLiteral("limit"), kDefaultListLimit, streams))
            return kExitUsage;
        return std::nullopt;
    }

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &filter,
                    history::ExchangeSource &reader, Streams streams) const override
    {
        const qint64 limit = integerOption(parser, QStringLiteral("limit"), kDefaultListLimit, streams).value_or(0);
        const qint64 total = reader.count(filter);
        if (total < 0) {
            streams.err << "dockside-cli history: " << reader.lastError() << '\n';
            return kExitInput;
        }
        const QList<history::ExchangeSummary> rows = reader.page(filter, 0, static_cast<int>(limit));
        for (const history::ExchangeSummary &row : rows)
            printRow(streams.out, row);
        streams.out << rows.size() << " of " << total << " exchange(s) shown, newest first.\n";
        return kExitOk;
    }
};

// show and curl: one exchange by id, printed one way or the other.
class OneExchangeCommand : public ReadingSubcommand {
protected:
    int positionalCount() const override { return 1; }
    QString positionalSyntax() const override { return QStringLiteral("ID"); }
    virtual void print(const history::ExchangeRecord &record, QTextStream &out) const = 0;

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &, history::ExchangeSource &reader,
                    Streams streams) const override
    {
        const auto record = loadRecord(reader, parser.positionalArguments().constFirst(), streams);
        if (!record)
            return kExitInput;
        print(*record, streams.out);
        return kExitOk;
    }
};

class ShowCommand final : public OneExchangeCommand {
public:
    QString name() const override { return QStringLiteral("history show"); }
    QString summary() const override
    {
        return QStringLiteral("Prints one exchange in full as JSON: request, answer, event and outcome.");
    }

protected:
    void print(const history::ExchangeRecord &record, QTextStream &out) const override
    {
        out << QJsonDocument(history::exchangeToJson(record)).toJson(QJsonDocument::Indented);
    }
};

class CurlCommand final : public OneExchangeCommand {
public:
    QString name() const override { return QStringLiteral("history curl"); }
    QString summary() const override
    {
        return QStringLiteral("Prints one exchange's request as a curl command that sends the same bytes.");
    }

protected:
    QStringList ownOptionNames() const override { return {QStringLiteral("redact"), QStringLiteral("workspace")}; }

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &filter,
                    history::ExchangeSource &reader, Streams streams) const override
    {
        if (!parser.isSet(QStringLiteral("redact")))
            return OneExchangeCommand::runOnReader(parser, filter, reader, streams);
        auto redactor = makeRedactor(parser, streams);
        if (!redactor)
            return kExitInput;
        const auto record = loadRecord(reader, parser.positionalArguments().constFirst(), streams);
        if (!record)
            return kExitInput;
        streams.out << "# " << history::ExchangeRedactor::notice() << '\n'
                    << composer::curlCommand(redactor->redact(*record)) << '\n';
        return kExitOk;
    }

    void print(const history::ExchangeRecord &record, QTextStream &out) const override
    {
        out << composer::curlCommand(record) << '\n';
    }
};

class CallsCommand final : public ReadingSubcommand {
public:
    QString name() const override { return QStringLiteral("history calls"); }
    QString summary() const override
    {
        return QStringLiteral("Lists calls (exchanges grouped by message.call.id) with an exchange the filters match,\n"
                              "newest first: caller, start, duration, outcome, events, worst latency.");
    }

protected:
    QStringList ownOptionNames() const override
    {
        return filterNames() << QStringLiteral("limit") << QStringLiteral("json");
    }

    std::optional<int> checkOptions(const QCommandLineParser &parser, Streams streams) const override
    {
        if (!integerOption(parser, QStringLiteral("limit"), kDefaultListLimit, streams))
            return kExitUsage;
        return std::nullopt;
    }

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &filter,
                    history::ExchangeSource &reader, Streams streams) const override
    {
        const qint64 limit = integerOption(parser, QStringLiteral("limit"), kDefaultListLimit, streams).value_or(0);
        calls::CallLister lister(reader, filter);
        const QList<calls::CallSummary> found = lister.next(static_cast<int>(limit));
        if (!lister.lastError().isEmpty()) {
            streams.err << "dockside-cli history calls: " << lister.lastError() << '\n';
            return kExitInput;
        }
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray array;
            for (const calls::CallSummary &call : found)
                array.append(calls::callSummaryToJson(call));
            streams.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return kExitOk;
        }
        for (const calls::CallSummary &call : found)
            streams.out << calls::callSummaryLine(call) << '\n';
        streams.out << found.size() << " call(s) shown, newest first"
                    << (lister.atEnd() ? QString() : QStringLiteral("; more match (raise --limit)")) << ".\n";
        return kExitOk;
    }
};

class CallCommand final : public ReadingSubcommand {
public:
    QString name() const override { return QStringLiteral("history call"); }
    QString summary() const override
    {
        return QStringLiteral("Prints one call as a timeline: each event, its answer and its place in time, checked\n"
                              "against the contract's order; exit code 1 when the call broke it. --workspace FILE\n"
                              "names the default assistant the answers merge onto (default: the sample's); a call\n"
                              "recorded both ways (the composer at the own mock) shows inbound unless --direction.");
    }

protected:
    int positionalCount() const override { return 1; }
    QString positionalSyntax() const override { return QStringLiteral("CALL_ID"); }
    QStringList ownOptionNames() const override
    {
        return {QStringLiteral("json"), QStringLiteral("workspace"), QStringLiteral("direction"),
                QStringLiteral("save-scenario")};
    }

    std::optional<int> checkOptions(const QCommandLineParser &parser, Streams streams) const override
    {
        const QString direction = parser.value(QStringLiteral("direction"));
        if (parser.isSet(QStringLiteral("direction")) && direction != QLatin1String("inbound") &&
            direction != QLatin1String("outbound")) {
            streams.err << "dockside-cli history call: --direction takes inbound or outbound.\n";
            return kExitUsage;
        }
        if (parser.isSet(QStringLiteral("save-scenario"))) {
            if (parser.value(QStringLiteral("save-scenario")).trimmed().isEmpty()) {
                streams.err << "dockside-cli history call: --save-scenario needs a name for the scenario.\n";
                return kExitUsage;
            }
            if (!requireWorkspaceFile(parser, QStringLiteral("history call --save-scenario"), streams))
                return kExitUsage;
        }
        return std::nullopt;
    }

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &, history::ExchangeSource &reader,
                    Streams streams) const override
    {
        const QString callId = parser.positionalArguments().constFirst();
        const auto workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;
        QString error;
        // A call the composer played at the window's own mock endpoint is recorded both ways: inbound unless asked.
        std::optional<history::Direction> direction;
        if (parser.isSet(QStringLiteral("direction")))
            direction = parser.value(QStringLiteral("direction")) == QLatin1String("outbound")
                ? history::Direction::Outbound
                : history::Direction::Inbound;
        else
            direction = calls::CallLister::directionOf(reader, callId, &error);
        const QList<history::ExchangeRecord> records = direction
            ? calls::CallLister::loadCall(reader, callId, *direction, &error)
            : QList<history::ExchangeRecord> {};
        if (records.isEmpty()) {
            streams.err << "dockside-cli history call: " << error
                        << " 'dockside-cli history calls' lists the calls it holds.\n";
            return kExitInput;
        }
        if (parser.isSet(QStringLiteral("save-scenario")))
            return saveScenario(parser, *workspace, records, streams);
        const calls::CallTrack track = calls::trackCall(records, workspace->defaultAssistant);
        if (parser.isSet(QStringLiteral("json")))
            streams.out << QJsonDocument(calls::callTrackToJson(track)).toJson(QJsonDocument::Indented);
        else
            streams.out << calls::callTrackToText(track);
        return track.brokeOrder() ? kExitCheckFailed : kExitOk;
    }

    static int saveScenario(const QCommandLineParser &parser, workspace::Workspace workspace,
                            const QList<history::ExchangeRecord> &records, Streams streams)
    {
        calls::CallScenario made = calls::scenarioFromCall(
            records, parser.value(QStringLiteral("save-scenario")).trimmed(), workspace.scenarios);
        if (made.scenario.steps.isEmpty()) {
            streams.err << "dockside-cli history call: none of the call's requests is a VoiceDock event with a JSON "
                           "body, so there is nothing to replay.\n";
            return kExitInput;
        }
        workspace.scenarios.append(made.scenario);
        const QString file = parser.value(QStringLiteral("workspace"));
        QString error;
        if (!workspace::saveWorkspaceFile(workspace, file, &error)) {
            streams.err << "dockside-cli history call: " << error << '\n';
            return kExitInput;
        }
        streams.out << "saved scenario \"" << made.scenario.id << "\" (" << made.scenario.steps.size()
                    << " step(s)) in " << file << ". Run it: dockside-cli check --workspace " << file << " --only "
                    << made.scenario.id << " URL\n";
        for (const qint64 id : std::as_const(made.skipped))
            streams.out << "left out exchange " << id << ": its body is no VoiceDock event\n";
        return kExitOk;
    }
};

class ExportCommand final : public ReadingSubcommand {
public:
    QString name() const override { return QStringLiteral("history export"); }
    QString summary() const override
    {
        return QStringLiteral("Writes the exchanges the filters match, oldest first, as HAR or JSON.\n"
                              "The export goes to standard output unless --output names a file. More than one "
                              "exchange is\nredacted (numbers, names, transcripts, signatures) unless --no-redact.");
    }

protected:
    QStringList ownOptionNames() const override
    {
        return filterNames() << QStringLiteral("format") << QStringLiteral("output") << QStringLiteral("redact")
                             << QStringLiteral("no-redact") << QStringLiteral("workspace");
    }

    std::optional<int> checkOptions(const QCommandLineParser &parser, Streams streams) const override
    {
        const QString format = formatName(parser);
        if (format != QLatin1String("har") && format != QLatin1String("json")) {
            streams.err << "dockside-cli history: --format takes har or json.\n";
            return kExitUsage;
        }
        if (parser.isSet(QStringLiteral("redact")) && parser.isSet(QStringLiteral("no-redact"))) {
            streams.err << "dockside-cli history export: give --redact or --no-redact, not both.\n";
            return kExitUsage;
        }
        return std::nullopt;
    }

    int runOnReader(const QCommandLineParser &parser, const history::HistoryFilter &filter,
                    history::ExchangeSource &reader, Streams streams) const override
    {
        QString error;
        // Personal data stays in by choice only: more than one exchange is redacted unless --no-redact says not to.
        bool redact = parser.isSet(QStringLiteral("redact"));
        if (!redact && !parser.isSet(QStringLiteral("no-redact"))) {
            const qint64 total = reader.count(filter);
            if (total < 0) {
                streams.err << "dockside-cli history: " << reader.lastError() << '\n';
                return kExitInput;
            }
            redact = total > 1;
        }
        std::optional<history::ExchangeRedactor> redactor;
        if (redact) {
            redactor = makeRedactor(parser, streams);
            if (!redactor)
                return kExitInput;
        }
        history::ExchangeRedactor *redactorInUse = redactor ? &*redactor : nullptr;
        const auto exportTo = [&](QIODevice *device) {
            return formatName(parser) == QLatin1String("har")
                ? reader.exportHar(filter, device, &error, {}, redactorInUse)
                : reader.exportJson(filter, device, &error, {}, redactorInUse);
        };
        bool exported = false;
        if (parser.isSet(QStringLiteral("output"))) {
            QFile output(parser.value(QStringLiteral("output")));
            // Owner-only before the first byte: an export holds callers' numbers and transcripts.
            if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                !output.setPermissions(base::kOwnerOnlyFile)) {
                streams.err << "dockside-cli history: cannot write " << output.fileName() << ": "
                            << output.errorString() << '\n';
                return kExitInput;
            }
            exported = exportTo(&output);
        } else if (QIODevice *device = streams.out.device()) {
            // Into the stream's own device: the export is written row by row, so memory stays flat.
            streams.out.flush();
            exported = exportTo(device);
        } else {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            exported = exportTo(&buffer);
            streams.out << QString::fromUtf8(buffer.data());
        }
        if (!exported) {
            streams.err << "dockside-cli history: export failed: " << error << '\n';
            return kExitInput;
        }
        if (redactor && parser.isSet(QStringLiteral("output")))
            streams.err << "Redacted: numbers, contact names, transcripts and signatures are masked (--no-redact "
                           "keeps them).\n";
        return kExitOk;
    }

private:
    static QString formatName(const QCommandLineParser &parser)
    {
        const QString format = parser.value(QStringLiteral("format"));
        return format.isEmpty() ? QStringLiteral("har") : format;
    }
};

class ClearCommand final : public HistorySubcommand {
public:
    QString name() const override { return QStringLiteral("history clear"); }
    QString summary() const override
    {
        return QStringLiteral("Removes every exchange from the history file and prints how many; no undo.\n"
                              "Exchanges recorded later get higher ids than the removed ones; the file is "
                              "compacted afterwards.");
    }

protected:
    // Through the writer, like the window: one transaction, so a serve writing the same file keeps whole exchanges.
    int runOnFile(const QCommandLineParser &, const history::HistoryFilter &, const QString &path,
                  Streams streams) const override
    {
        QString error;
        if (teamhistory::isTeamHistoryUrl(path)) {
            const auto database = teamhistory::parseTeamHistoryUrl(path, &error);
            const auto removed = database ? teamhistory::TeamMaintenance(*database).clear(&error) : std::nullopt;
            if (!removed) {
                streams.err << "dockside-cli history: " << error << '\n';
                return kExitInput;
            }
            streams.out << "Cleared the team history " << path << ": " << *removed
                        << " exchange(s) removed. Each endpoint's local history keeps its copy until its retention "
                           "removes it.\n";
            return kExitOk;
        }
        history::HistoryStore store;
        if (!store.open({path, 0, 0}, &error)) {
            streams.err << "dockside-cli history: " << error << '\n';
            return kExitInput;
        }
        std::optional<qint64> removed;
        QStringList problems;
        QEventLoop loop;
        QObject::connect(&store, &history::HistoryStore::cleared, &loop, [&](qint64 rows) {
            removed = rows;
            loop.quit();
        });
        QObject::connect(&store, &history::HistoryStore::failed, &loop, [&](const QString &message) {
            problems.append(message);
            if (!removed)
                loop.quit();
        });
        store.clear();
        loop.exec();
        store.close(); // delivers a failure to compact the file, which follows cleared()
        for (const QString &problem : std::as_const(problems))
            streams.err << "dockside-cli history: " << problem << '\n';
        if (!removed)
            return kExitInput;
        streams.out << "Cleared the history " << QDir::toNativeSeparators(path) << ": " << *removed
                    << " exchange(s) removed.\n";
        return kExitOk;
    }
};

// Keeps a team database's password in the keychain, read from standard input so it is in no argument or file.
class PasswordCommand final : public HistorySubcommand {
public:
    QString name() const override { return QStringLiteral("history password"); }
    QString summary() const override
    {
        return QStringLiteral("Reads a team history's password from standard input and keeps it in the keychain, "
                              "where the window\nand dockside-cli find it when PGPASSWORD is not set.");
    }

protected:
    int runOnFile(const QCommandLineParser &, const history::HistoryFilter &, const QString &path,
                  Streams streams) const override
    {
        QString error;
        const auto database =
            teamhistory::isTeamHistoryUrl(path) ? teamhistory::parseTeamHistoryUrl(path, &error) : std::nullopt;
        if (!database) {
            streams.err << "dockside-cli history password: "
                        << (error.isEmpty() ? QStringLiteral("give the team history with --history postgresql://"
                                                             "[user@]host[:port]/database; a history file has no "
                                                             "password.")
                                            : error)
                        << '\n';
            return kExitUsage;
        }
        QTextStream input(stdin);
        const QString password = input.readLine();
        if (password.isEmpty()) {
            streams.err << "dockside-cli history password: no password on standard input (for example: "
                           "printf '%s' \"$PASSWORD\" | dockside-cli history password --history URL).\n";
            return kExitUsage;
        }
        if (!secrets::writeSecretNow(teamhistory::teamPasswordKey(*database), password.toUtf8(), &error)) {
            streams.err << "dockside-cli history password: the keychain did not keep it: " << error << '\n';
            return kExitInput;
        }
        streams.out << "The keychain keeps the password for " << teamhistory::teamPasswordKey(*database).mid(14)
                    << "; Dockside uses it when PGPASSWORD is not set.\n";
        return kExitOk;
    }
};

class ForgetCommand final : public HistorySubcommand {
public:
    QString name() const override { return QStringLiteral("history forget"); }
    QString summary() const override
    {
        return QStringLiteral("Forgets a caller (right to erasure): removes every exchange with the NUMBER, and of "
                              "the calls it made,\nfrom the history, its search index and its spool, then rewrites "
                              "the file so none of their bytes stay in it. No undo.");
    }

protected:
    int positionalCount() const override { return 1; }
    QString positionalSyntax() const override { return QStringLiteral("NUMBER"); }

    // Through the writer, like clear: a serve writing the same file keeps whole exchanges.
    int runOnFile(const QCommandLineParser &parser, const history::HistoryFilter &, const QString &path,
                  Streams streams) const override
    {
        const QString number = parser.positionalArguments().constFirst();
        if (history::HistoryForgetter::normalizedNumber(number).isEmpty()) {
            streams.err << "dockside-cli history forget: give the caller's number, such as +31612345678.\n";
            return kExitUsage;
        }
        QString error;
        if (teamhistory::isTeamHistoryUrl(path)) {
            const auto database = teamhistory::parseTeamHistoryUrl(path, &error);
            const auto result =
                database ? teamhistory::TeamMaintenance(*database).forgetCaller(number, &error) : std::nullopt;
            if (!result) {
                streams.err << "dockside-cli history: " << error << '\n';
                return kExitInput;
            }
            streams.out << "Forgot " << result->exchanges << " exchange(s) in " << result->calls << " call(s) of "
                        << history::HistoryForgetter::normalizedNumber(number) << " from the team history " << path
                        << ". Each endpoint's local history keeps its copy: run 'dockside-cli history forget " << number
                        << "' on each machine too.\n";
            return kExitOk;
        }
        history::HistoryStore store;
        if (!store.open({path, 0, 0}, &error)) {
            streams.err << "dockside-cli history: " << error << '\n';
            return kExitInput;
        }
        struct Forgotten {
            QString number;
            qint64 exchanges = 0;
            qint64 calls = 0;
        };
        std::optional<Forgotten> forgotten;
        QStringList problems;
        QEventLoop loop;
        QObject::connect(&store, &history::HistoryStore::forgotten, &loop,
                         [&](const QString &normalized, qint64 exchanges, qint64 calls) {
                             forgotten = Forgotten {normalized, exchanges, calls};
                             loop.quit();
                         });
        QObject::connect(&store, &history::HistoryStore::failed, &loop, [&](const QString &message) {
            problems.append(message);
            if (!forgotten)
                loop.quit();
        });
        store.forgetCaller(number);
        loop.exec();
        store.close(); // delivers a failure to rewrite the file, which follows forgotten()
        for (const QString &problem : std::as_const(problems))
            streams.err << "dockside-cli history: " << problem << '\n';
        if (!forgotten)
            return kExitInput;
        if (forgotten->exchanges == 0) {
            streams.out << "The history " << QDir::toNativeSeparators(path) << " holds no exchange with "
                        << forgotten->number << "; nothing was removed.\n";
            return kExitOk;
        }
        streams.out << "Forgot " << forgotten->exchanges << (forgotten->exchanges == 1 ? " exchange" : " exchanges")
                    << (forgotten->calls == 0
                            ? QString()
                            : QStringLiteral(" in %1 %2")
                                  .arg(forgotten->calls)
                                  .arg(forgotten->calls == 1 ? QStringLiteral("call") : QStringLiteral("calls")))
                    << " of " << forgotten->number << " from " << QDir::toNativeSeparators(path)
                    << "; the file was rewritten without them.\n";
        return problems.isEmpty() ? kExitOk : kExitInput;
    }
};

// The subcommand word and the option names around it. The word may follow options, and an option's value is never
// the word: "history --search show" searches for "show".
struct HistoryArguments {
    qsizetype subcommandIndex = -1;
    QStringList optionNames;
};

HistoryArguments scanArguments(const QStringList &arguments)
{
    QStringList takesValue;
    for (const QCommandLineOption &option : allHistoryOptions()) {
        if (!option.valueName().isEmpty())
            takesValue += option.names();
    }
    HistoryArguments scanned;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            if (scanned.subcommandIndex < 0 && i + 1 < arguments.size())
                scanned.subcommandIndex = i + 1;
            break;
        }
        if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-")) {
            if (scanned.subcommandIndex < 0)
                scanned.subcommandIndex = i;
            continue;
        }
        const QString name =
            argument.mid(argument.startsWith(QLatin1String("--")) ? 2 : 1).section(QLatin1Char('='), 0, 0);
        scanned.optionNames.append(name);
        if (!argument.contains(QLatin1Char('=')) && takesValue.contains(name))
            ++i;
    }
    return scanned;
}

void printGroupHelp(QTextStream &stream, const Command &group, const QList<const Command *> &subcommands)
{
    stream << "Usage: dockside-cli history [options] [list | show ID | curl ID | export]\n"
              "       dockside-cli history clear [--history FILE]\n"
              "       dockside-cli history forget NUMBER [--history FILE]\n"
              "       dockside-cli history password --history postgresql://... < password\n"
           << group.summary().section(QLatin1Char('\n'), 0, 0)
           << "\nOptions may come before or after the subcommand; without one, history lists.\n\nSubcommands:\n";
    for (const Command *subcommand : subcommands)
        stream << "  " << subcommand->name().section(QLatin1Char(' '), 1).leftJustified(8) << ' '
               << subcommand->summary().section(QLatin1Char('\n'), 0, 0) << '\n';
    QCommandLineParser parser;
    parser.addOptions(allHistoryOptions());
    parser.addOption(legacyClearOption());
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
    const QString help = parser.helpText();
    stream << '\n'
           << help.mid(help.indexOf(QLatin1String("Options:")))
           << "\nThe filters, --search to --since, apply to list and export.\n"
              "Run 'dockside-cli history SUBCOMMAND --help' for one subcommand's options.\n";
}

} // namespace

QString HistoryCommand::summary() const
{
    return QStringLiteral(
        "Lists, searches, exports and clears the recorded exchanges (the history the GUI shows too).\n"
        "SUBCOMMAND is list (the default), calls, call CALL_ID (one call as a timeline), show ID, curl ID\n"
        "(the request as a curl command), export (HAR or JSON; stdout unless --output), clear (also --clear)\n"
        "or forget NUMBER (erase one caller).");
}

int HistoryCommand::run(const QStringList &arguments, Streams streams) const
{
    const ListCommand list;
    const ShowCommand show;
    const CurlCommand curl;
    const ExportCommand exporter;
    const ClearCommand clear;
    const CallsCommand calls;
    const CallCommand call;
    const ForgetCommand forget;
    const PasswordCommand password;
    const QList<const Command *> subcommands {&list,     &calls, &call,   &show,    &curl,
                                              &exporter, &clear, &forget, &password};

    const HistoryArguments scanned = scanArguments(arguments);
    const QString word = scanned.subcommandIndex < 0 ? QString() : arguments.at(scanned.subcommandIndex);
    const bool wantsHelp =
        scanned.optionNames.contains(QLatin1String("help")) || scanned.optionNames.contains(QLatin1String("h"));
    if (wantsHelp && word.isEmpty()) {
        printGroupHelp(streams.out, *this, subcommands);
        return kExitOk;
    }
    const bool legacyClear = scanned.optionNames.contains(QLatin1String("clear"));
    const bool filtered =
        std::any_of(scanned.optionNames.cbegin(), scanned.optionNames.cend(), [](const QString &option) {
            return option != QLatin1String("history") && option != QLatin1String("clear");
        });
    if (legacyClear && (filtered || !word.isEmpty())) {
        streams.err << "dockside-cli history: --clear removes every exchange, so it takes no action or filter. "
                       "Run 'dockside-cli history --clear' alone (with --history FILE for another file).\n";
        return kExitUsage;
    }
    if (word == QLatin1String("clear") && filtered && !wantsHelp) {
        streams.err << "dockside-cli history clear: it removes every exchange, so it takes no filter. "
                       "Run 'dockside-cli history clear' alone (with --history FILE for another file).\n";
        return kExitUsage;
    }
    if (word == QLatin1String("forget") && filtered && !wantsHelp) {
        streams.err << "dockside-cli history forget: it removes every exchange of one number, so it takes no filter. "
                       "Run 'dockside-cli history forget NUMBER' (with --history FILE for another file).\n";
        return kExitUsage;
    }

    QStringList rest = arguments;
    if (legacyClear) {
        rest.removeAll(QStringLiteral("--clear"));
        return clear.run(rest, streams);
    }
    if (word.isEmpty())
        return list.run(rest, streams);
    rest.removeAt(scanned.subcommandIndex);
    for (const Command *subcommand : subcommands) {
        if (subcommand->name().section(QLatin1Char(' '), 1) == word)
            return subcommand->run(rest, streams);
    }
    streams.err << "dockside-cli history: unknown subcommand \"" << word << "\".\n";
    printGroupHelp(streams.err, *this, subcommands);
    return kExitUsage;
}

} // namespace dockside::cli
