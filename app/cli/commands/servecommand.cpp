#include "servecommand.h"

#include "commandline.h"
#include "secretoption.h"
#include "signalwatcher.h"
#include "workspaceoption.h"

#include "base/latencytext.h"
#include "history/historylocation.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"

#include <QCoreApplication>
#include <QDateTime>

namespace dockside::cli {

namespace {

QString logLine(const history::ExchangeRecord &record)
{
    const QString time =
        QDateTime::fromMSecsSinceEpoch(record.request.receivedAtUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
    QString line = time + QLatin1Char(' ') + QString::fromLatin1(record.request.method) + QLatin1Char(' ') +
        QString::fromLatin1(record.request.target);
    if (!record.eventType.isEmpty())
        line += QLatin1Char(' ') + record.eventType;
    if (!record.callerNumber.isEmpty())
        line += QLatin1String(" from ") + record.callerNumber;
    line += QLatin1String(" -> ") +
        (record.responseStatus > 0 ? QString::number(record.responseStatus) : QStringLiteral("no answer"));
    if (!record.templateId.isEmpty())
        line += QLatin1String(" template=") + record.templateId;
    if (!record.ruleId.isEmpty())
        line += QLatin1String(" rule=") + record.ruleId;
    if (!record.outcomeReason.isEmpty())
        line += QLatin1String(" outcome=") + record.outcomeDisposition + QLatin1Char('/') + record.outcomeReason;
    if (!record.signatureStatus.isEmpty())
        line += QLatin1String(" signature=") + record.signatureStatus;
    line += QLatin1Char(' ') + base::millisecondsText(record.latencyUs) + QLatin1String("ms");
    if (!record.error.isEmpty())
        line += QLatin1String(" error: ") + record.error;
    return line;
}

} // namespace

QString ServeCommand::summary() const
{
    return QStringLiteral("Runs the mock endpoint headless: captures every request, answers from the workspace's\n"
                          "rules and templates, records each exchange in the history, logs one line per exchange.\n"
                          "Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.");
}

int ServeCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        workspaceOption(),
        {QStringLiteral("port"),
         QStringLiteral("Port to listen on (default %1; 0 picks a free one).").arg(mock::kDefaultMockPort),
         QStringLiteral("N")},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDR")},
        {QStringLiteral("history"), QStringLiteral("History file (default %1).").arg(history::defaultHistoryPath()),
         QStringLiteral("FILE")},
        {QStringLiteral("no-history"), QStringLiteral("Record nothing.")},
        {QStringLiteral("keep-rows"), QStringLiteral("Keep at most N exchanges in the history (default: all)."),
         QStringLiteral("N")},
        {QStringLiteral("keep-days"), QStringLiteral("Forget exchanges older than N days (default: never)."),
         QStringLiteral("N")},
        {QStringLiteral("max-body-bytes"), QStringLiteral("Largest request body accepted (default 10485760)."),
         QStringLiteral("N")},
        secretEnv,
        {QStringLiteral("quiet"), QStringLiteral("Log nothing per exchange.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 0, QString(), streams))
        return *exit;

    mock::MockEndpointOptions options;
    const auto port = integerOption(parser, QStringLiteral("port"), mock::kDefaultMockPort, streams);
    const auto maxBody = integerOption(parser, QStringLiteral("max-body-bytes"), options.limits.maxBodyBytes, streams);
    const auto keepRows = integerOption(parser, QStringLiteral("keep-rows"), 0, streams);
    const auto keepDays = integerOption(parser, QStringLiteral("keep-days"), 0, streams);
    if (!port || !maxBody || !keepRows || !keepDays)
        return kExitUsage;
    if (*keepRows < 0 || *keepDays < 0 || *keepDays > 36500) {
        streams.err << "dockside-cli serve: --keep-rows and --keep-days take a positive number.\n";
        return kExitUsage;
    }
    if (*port < 0 || *port > 65535 || *maxBody < 0) {
        streams.err << "dockside-cli serve: --port takes 0 to 65535 and --max-body-bytes a positive number.\n";
        return kExitUsage;
    }
    options.port = static_cast<quint16>(*port);
    options.limits.maxBodyBytes = *maxBody;
    if (parser.isSet(QStringLiteral("bind")) && !options.address.setAddress(parser.value(QStringLiteral("bind")))) {
        streams.err << "dockside-cli serve: --bind expects an IP address such as 127.0.0.1 or ::1, got \""
                    << parser.value(QStringLiteral("bind")) << "\".\n";
        return kExitUsage;
    }
    if (!options.isLoopbackOnly())
        streams.err << "warning: listening on " << options.address.toString()
                    << ": other machines can reach the mock endpoint and read what it captured.\n"
                    << Qt::flush;
    options.secret = qgetenv(parser.value(secretEnv).toLocal8Bit().constData());

    const auto workspace = loadWorkspaceOption(parser, streams);
    if (!workspace)
        return kExitInput;

    history::HistoryStore store;
    const bool recordHistory = !parser.isSet(QStringLiteral("no-history"));
    const QString historyPath = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                        : history::defaultHistoryPath();
    if (recordHistory) {
        QString error;
        if (!store.open({historyPath, *keepRows, static_cast<int>(*keepDays)}, &error)) {
            streams.err << "dockside-cli serve: " << error << '\n';
            return kExitCannotStart;
        }
    }

    mock::MockEndpoint endpoint(recordHistory ? &store : nullptr);
    endpoint.setResponder(mock::MockResponder(*workspace, options.secret, options.platformDeadlineMs));
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    int exitCode = kExitOk;
    QObject::connect(&endpoint, &mock::MockEndpoint::failed, &endpoint, [&](const QString &message) {
        streams.err << "dockside-cli serve: " << message << '\n';
        exitCode = kExitCannotStart;
    });
    QObject::connect(&endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
                     [&](const history::ExchangeRecord &record) {
                         if (!quiet) {
                             streams.out << logLine(record) << '\n';
                             streams.out.flush();
                         }
                     });
    QObject::connect(&endpoint, &mock::MockEndpoint::requestRejected, &endpoint,
                     [&](const QString &peer, int status, const QString &reason) {
                         if (!quiet) {
                             streams.out << "refused " << peer << " with " << status << ": " << reason << '\n';
                             streams.out.flush();
                         }
                     });
    QObject::connect(&store, &history::HistoryStore::failed, &store, [&](const QString &message) {
        streams.err << "history: " << message << '\n';
        streams.err.flush();
    });

    SignalWatcher watcher; // before the URL is printed: a script may send SIGTERM as soon as it reads it
    endpoint.start(options);
    if (!endpoint.isRunning())
        return exitCode;
    streams.out << "Mock endpoint listening on " << endpoint.url().toString() << '\n'
                << "Workspace: " << workspace->name << " (" << workspace->templates.size() << " templates, "
                << workspace->rules.rules().size() << " rules, " << workspace->contacts.size() << " contacts)\n"
                << "History: " << (recordHistory ? historyPath : QStringLiteral("off")) << '\n'
                << "Signatures: "
                << (options.secret.isEmpty()
                        ? QStringLiteral("not checked (set %1 to check them)").arg(parser.value(secretEnv))
                        : QStringLiteral("checked with the secret in %1").arg(parser.value(secretEnv)))
                << '\n';
    streams.out.flush();

    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &endpoint, [&](int) {
        endpoint.stop();
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    store.close();
    const mock::MockCounters counters = endpoint.counters();
    streams.out << "Stopped: " << counters.received << " received, " << counters.answered << " answered, "
                << counters.dropped << " dropped, " << counters.rejected << " refused.\n";
    return exitCode;
}

} // namespace dockside::cli
