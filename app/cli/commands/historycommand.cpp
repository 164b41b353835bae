#include "historycommand.h"

#include "commandline.h"

#include "composer/curlcommand.h"
#include "history/exchangejson.h"
#include "history/historylocation.h"
#include "history/historyreader.h"
#include "history/historyspool.h"
#include "history/historystore.h"
#include "base/latencytext.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
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

// Through the writer, like the window: one transaction, so a serve writing the same file keeps whole exchanges.
int clearHistory(const QString &path, Streams streams)
{
    history::HistoryStore store;
    QString error;
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

} // namespace

QString HistoryCommand::summary() const
{
    return QStringLiteral(
        "Lists, searches, exports and clears the recorded exchanges (the history the GUI shows too).\n"
        "ACTION is list (default), show ID, curl ID (the request as a curl command), or export\n"
        "(HAR or JSON; stdout unless --output). --clear alone removes every exchange.");
}

int HistoryCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("history"), QStringLiteral("History file (default %1).").arg(history::defaultHistoryPath()),
         QStringLiteral("FILE")},
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
        {QStringLiteral("limit"), QStringLiteral("How many rows to list (default %1).").arg(kDefaultListLimit),
         QStringLiteral("N")},
        {QStringLiteral("format"), QStringLiteral("Export format: har (default) or json."), QStringLiteral("FORMAT")},
        {QStringLiteral("output"), QStringLiteral("Export to this file instead of standard output."),
         QStringLiteral("FILE")},
        {QStringLiteral("clear"),
         QStringLiteral("Remove every exchange from the history file and print how many; it cannot be undone. "
                        "Takes no action or filter.")},
    });
    const qsizetype positionalCount = [&] {
        qsizetype count = 0;
        for (const QString &argument : arguments)
            count += (argument == QLatin1String("show") || argument == QLatin1String("curl"))
                ? 2
                : (argument == QLatin1String("list") || argument == QLatin1String("export"));
        return count;
    }();
    if (const auto exit = parseCommandLine(parser, *this, arguments, static_cast<int>(positionalCount),
                                           QStringLiteral("[list | show ID | curl ID | export]"), streams))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0, QStringLiteral("list"));
    if (parser.isSet(QStringLiteral("clear"))) {
        const QStringList narrowing {QStringLiteral("search"), QStringLiteral("event"),   QStringLiteral("caller"),
                                     QStringLiteral("status"), QStringLiteral("outcome"), QStringLiteral("direction"),
                                     QStringLiteral("since"),  QStringLiteral("limit"),   QStringLiteral("format"),
                                     QStringLiteral("output")};
        const bool alone = positional.isEmpty() &&
            std::none_of(narrowing.cbegin(), narrowing.cend(), [&](const QString &name) { return parser.isSet(name); });
        if (!alone) {
            streams.err << "dockside-cli history: --clear removes every exchange, so it takes no action or filter. "
                           "Run 'dockside-cli history --clear' alone (with --history FILE for another file).\n";
            return kExitUsage;
        }
    }

    history::HistoryFilter filter;
    filter.text = parser.value(QStringLiteral("search"));
    filter.eventTypes = parser.values(QStringLiteral("event"));
    filter.caller = parser.value(QStringLiteral("caller"));
    filter.outcomeReason = parser.value(QStringLiteral("outcome"));
    if (parser.isSet(QStringLiteral("status"))) {
        const auto status = integerOption(parser, QStringLiteral("status"), 0, streams);
        if (!status)
            return kExitUsage;
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
            return kExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("since"))) {
        filter.fromUs = parseSince(parser.value(QStringLiteral("since")));
        if (!filter.fromUs) {
            streams.err << "dockside-cli history: --since takes an ISO 8601 time or a span such as 30m, 2h, 7d.\n";
            return kExitUsage;
        }
    }
    const auto limit = integerOption(parser, QStringLiteral("limit"), kDefaultListLimit, streams);
    if (!limit)
        return kExitUsage;

    const QString path = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                 : history::defaultHistoryPath();
    if (!QFile::exists(path)) {
        streams.err << "dockside-cli history: no history at " << path
                    << ". Run 'dockside-cli serve' or the Dockside window first, or pass --history FILE.\n";
        return kExitInput;
    }
    if (parser.isSet(QStringLiteral("clear")))
        return clearHistory(path, streams);
    QString error;
    // Exchanges a killed `serve` made durable in its spool are copied into the history first, so none is missing.
    if (history::HistorySpool::hasLeftovers(path)) {
        history::HistoryStore store;
        if (!store.open({path, 0, 0}, &error)) {
            streams.err << "dockside-cli history: " << error << '\n';
            return kExitInput;
        }
        store.close();
    }
    history::HistoryReader reader;
    if (!reader.open(path, &error)) {
        streams.err << "dockside-cli history: " << error << '\n';
        return kExitInput;
    }

    if (action == QLatin1String("list")) {
        const qint64 total = reader.count(filter);
        if (total < 0) {
            streams.err << "dockside-cli history: " << reader.lastError() << '\n';
            return kExitInput;
        }
        const QList<history::ExchangeSummary> rows = reader.page(filter, 0, static_cast<int>(*limit));
        for (const history::ExchangeSummary &row : rows)
            printRow(streams.out, row);
        streams.out << rows.size() << " of " << total << " exchange(s) shown, newest first.\n";
        return kExitOk;
    }
    if (action == QLatin1String("show")) {
        bool ok = false;
        const qint64 id = positional.value(1).toLongLong(&ok);
        const auto record = ok ? reader.load(id) : std::nullopt;
        if (!record) {
            streams.err << "dockside-cli history: no exchange with id " << positional.value(1) << ".\n";
            return kExitInput;
        }
        streams.out << QJsonDocument(history::exchangeToJson(*record)).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    if (action == QLatin1String("curl")) {
        bool ok = false;
        const qint64 id = positional.value(1).toLongLong(&ok);
        const auto record = ok ? reader.load(id) : std::nullopt;
        if (!record) {
            streams.err << "dockside-cli history: no exchange with id " << positional.value(1) << ".\n";
            return kExitInput;
        }
        streams.out << composer::curlCommand(*record) << '\n';
        return kExitOk;
    }
    if (action == QLatin1String("export")) {
        const QString format = parser.value(QStringLiteral("format")).isEmpty()
            ? QStringLiteral("har")
            : parser.value(QStringLiteral("format"));
        if (format != QLatin1String("har") && format != QLatin1String("json")) {
            streams.err << "dockside-cli history: --format takes har or json.\n";
            return kExitUsage;
        }
        QFile output;
        const bool toFile = parser.isSet(QStringLiteral("output"));
        const bool opened = toFile ? (output.setFileName(parser.value(QStringLiteral("output"))),
                                      output.open(QIODevice::WriteOnly | QIODevice::Truncate))
                                   : output.open(stdout, QIODevice::WriteOnly);
        if (!opened) {
            streams.err << "dockside-cli history: cannot write " << output.fileName() << ": " << output.errorString()
                        << '\n';
            return kExitInput;
        }
        streams.out.flush();
        const bool exported = format == QLatin1String("har") ? reader.exportHar(filter, &output, &error)
                                                             : reader.exportJson(filter, &output, &error);
        if (!exported) {
            streams.err << "dockside-cli history: export failed: " << error << '\n';
            return kExitInput;
        }
        return kExitOk;
    }
    streams.err << "dockside-cli history: unknown action \"" << action << "\"; use list, show ID or export.\n";
    return kExitUsage;
}

} // namespace dockside::cli
