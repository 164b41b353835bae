// SPDX-License-Identifier: GPL-3.0-or-later

#include "servecommand.h"

#include "commandline.h"
#include "secretoption.h"
#include "signalwatcher.h"
#include "workspaceoption.h"

#include "base/latencytext.h"
#include "base/mockclock.h"
#include "history/exchangeredactor.h"
#include "history/historylocation.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"
#include "relay/relayoptions.h"
#include "secrets/secretstore.h"
#include "teamhistory/teamcopier.h"
#include "teamhistory/teamdatabase.h"
#include "teamhistory/teampasswords.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QTimer>

namespace dockside::cli {

namespace {

// The developer's webhook's own secret for re-signing, never from a file or an argument.
constexpr auto kUpstreamSecretVariable = secrets::kUpstreamSecretVariable;

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
    if (record.forwarded)
        line += QLatin1String(" relayed=") + record.forwarded->verdict + QLatin1String(" webhook=") +
            (record.forwarded->responseStatus > 0 ? QString::number(record.forwarded->responseStatus)
                                                  : QStringLiteral("no answer")) +
            QLatin1String(" in ") + base::millisecondsText(record.forwarded->finishedAfterUs) + QLatin1String("ms");
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
    if (!record.clockNote.isEmpty())
        line += QLatin1String(" clock: ") + record.clockNote;
    return line;
}

} // namespace

QString ServeCommand::summary() const
{
    return QStringLiteral("Runs the mock endpoint headless: captures every request, answers from the workspace's\n"
                          "rules and templates, records each exchange in the history, logs one line per exchange.\n"
                          "With --forward-to, relays every request no rule answers to your own webhook byte for byte,\n"
                          "and its answer back, judged against the platform's deadline.\n"
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
        {QStringLiteral("history"),
         QStringLiteral("History file (default %1), or a team history shared by several endpoints and desktops: "
                        "postgresql://[user@]host[:port]/database (password from PGPASSWORD or ~/.pgpass).")
             .arg(history::defaultHistoryPath()),
         QStringLiteral("FILE|URL")},
        {QStringLiteral("no-history"), QStringLiteral("Record nothing.")},
        {QStringLiteral("copy-live"),
         QStringLiteral("Make every exchange searchable in the history as it arrives, whatever the rate (by default, "
                        "above %1 requests a second the copy into the history waits for a pause, or until %2 MiB "
                        "wait, so that it does not slow the answers).")
             .arg(history::ImportPacing().liveRate)
             .arg(history::ImportPacing().maxDeferredBytes / (1024 * 1024))},
        {QStringLiteral("keep-rows"),
         QStringLiteral("Keep at most N exchanges in the history (default %1; 0 keeps all).")
             .arg(history::kDefaultKeepRows),
         QStringLiteral("N")},
        {QStringLiteral("keep-days"),
         QStringLiteral("Forget exchanges older than N days (default %1; 0 keeps them).")
             .arg(history::kDefaultKeepDays),
         QStringLiteral("N")},
        {QStringLiteral("redact"),
         QStringLiteral("Log lines mask callers' numbers (country code and last two digits kept) and any number in "
                        "an error.")},
        {QStringLiteral("max-body-bytes"), QStringLiteral("Largest request body accepted (default 10485760)."),
         QStringLiteral("N")},
        secretEnv,
        {QStringLiteral("quiet"), QStringLiteral("Log nothing per exchange.")},
        {QStringLiteral("forward-to"),
         QStringLiteral("Relay requests that no rule answers to your webhook at URL (http:// or https://)."),
         QStringLiteral("URL")},
        {QStringLiteral("fallback"),
         QStringLiteral("With --forward-to: when your webhook misses the platform's deadline, the template with this "
                        "id answers (default: the late answer, error or closed connection is passed on as it "
                        "happened)."),
         QStringLiteral("TEMPLATE")},
        {QStringLiteral("resign"),
         QStringLiteral("With --forward-to: sign the forwarded request anew with your webhook's own secret (same "
                        "timestamp, same bytes), from the environment variable %1, else from the keychain entry the "
                        "desktop app keeps (Tools > Your Webhook's Own Secret).")
             .arg(QLatin1String(kUpstreamSecretVariable))},
        {QStringLiteral("forwarded-for"),
         QStringLiteral("With --forward-to: add X-Forwarded-For with the caller's address.")},
        {QStringLiteral("clock"),
         QStringLiteral("Evaluate rules (business hours) and {{now}} on another clock: an instant it stands still at "
                        "(2026-12-24T18:00:00+01:00, with its UTC offset), an offset from the real time (+2h, -30m, "
                        "+1d) or \"real\". Overrides the workspace's \"clock\"."),
         QStringLiteral("WHEN")},
        {QStringLiteral("allow-clock-header"),
         QStringLiteral("Honour X-Dockside-Clock (sent by `send --at` and scenarios' \"at\") from this machine; "
                        "from any other address it is refused. Also the workspace's \"clock\": {\"allow_header\": "
                        "true}.")},
        {QStringLiteral("upstream-ca"),
         QStringLiteral("With --forward-to: also trust the CA or self-signed certificate in this PEM file for an "
                        "https:// webhook (the system's CA store is always used)."),
         QStringLiteral("FILE")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 0, QString(), streams))
        return *exit;

    mock::MockEndpointOptions options;
    QString resignSource; // where the webhook's own secret came from, for the start-up summary
    const auto port = integerOption(parser, QStringLiteral("port"), mock::kDefaultMockPort, streams);
    const auto maxBody = integerOption(parser, QStringLiteral("max-body-bytes"), options.limits.maxBodyBytes, streams);
    const auto keepRows = integerOption(parser, QStringLiteral("keep-rows"), history::kDefaultKeepRows, streams);
    const auto keepDays = integerOption(parser, QStringLiteral("keep-days"), history::kDefaultKeepDays, streams);
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

    std::optional<mock::ForwardAnswer> forward;
    const bool forwarding = parser.isSet(QStringLiteral("forward-to"));
    for (const QString &needsForward : {QStringLiteral("fallback"), QStringLiteral("resign"),
                                        QStringLiteral("forwarded-for"), QStringLiteral("upstream-ca")}) {
        if (!forwarding && parser.isSet(needsForward)) {
            streams.err << "dockside-cli serve: --" << needsForward << " needs --forward-to URL.\n";
            return kExitUsage;
        }
    }
    if (forwarding) {
        forward.emplace();
        forward->upstream = QUrl(parser.value(QStringLiteral("forward-to")), QUrl::StrictMode);
        if (const QString problem = relay::upstreamProblem(forward->upstream); !problem.isEmpty()) {
            streams.err << "dockside-cli serve: --forward-to: " << problem
                        << ". Give the URL of your webhook, such as http://127.0.0.1:3000/webhook.\n";
            return kExitUsage;
        }
        if (parser.isSet(QStringLiteral("fallback"))) {
            forward->late = relay::LateAnswer::Fallback;
            forward->fallbackTemplateId = parser.value(QStringLiteral("fallback"));
        }
        options.relay.forwardedFor = parser.isSet(QStringLiteral("forwarded-for"));
        if (parser.isSet(QStringLiteral("resign"))) {
            options.relay.resignSecret = qgetenv(kUpstreamSecretVariable);
            resignSource = QLatin1String(kUpstreamSecretVariable);
            if (options.relay.resignSecret.isEmpty()) {
                QString problem;
                options.relay.resignSecret =
                    secrets::readSecretNow(QLatin1String(secrets::kUpstreamSecretKey), &problem);
                resignSource = QStringLiteral("the keychain");
                if (options.relay.resignSecret.isEmpty()) {
                    streams.err << "dockside-cli serve: --resign needs your webhook's own secret: set "
                                << kUpstreamSecretVariable
                                << ", or store it with the desktop app (Tools > Your Webhook's Own Secret). "
                                   "The keychain: "
                                << problem << ".\n";
                    return kExitUsage;
                }
            }
        }
        if (parser.isSet(QStringLiteral("upstream-ca"))) {
            const relay::CaFile ca = relay::loadCaFile(parser.value(QStringLiteral("upstream-ca")));
            if (!ca.error.isEmpty()) {
                streams.err << "dockside-cli serve: --upstream-ca: " << ca.error << ".\n";
                return kExitUsage;
            }
            options.relay.extraCaCertificates = ca.certificates;
        }
    }

    const auto workspace = loadWorkspaceOption(parser, streams);
    if (!workspace)
        return kExitInput;
    if (forward && forward->late == relay::LateAnswer::Fallback &&
        workspace->findTemplate(forward->fallbackTemplateId) == nullptr) {
        QStringList ids;
        for (const auto &responseTemplate : workspace->templates)
            ids.append(responseTemplate.id);
        streams.err << "dockside-cli serve: --fallback: the workspace has no template \"" << forward->fallbackTemplateId
                    << "\"; its templates are: " << ids.join(QLatin1String(", ")) << ".\n";
        return kExitUsage;
    }

    options.clock = workspace->clock;
    options.allowClockHeader = workspace->allowClockHeader || parser.isSet(QStringLiteral("allow-clock-header"));
    if (parser.isSet(QStringLiteral("clock"))) {
        QString error;
        const std::optional<base::MockClock> clock =
            base::parseMockClock(parser.value(QStringLiteral("clock")), &error);
        if (!clock) {
            streams.err << "dockside-cli serve: --clock: " << error << '\n';
            return kExitUsage;
        }
        options.clock = *clock;
    }

    history::HistoryStore store;
    const bool recordHistory = !parser.isSet(QStringLiteral("no-history"));
    const bool copyLive = parser.isSet(QStringLiteral("copy-live"));
    if (!recordHistory && copyLive) {
        streams.err << "dockside-cli serve: --copy-live needs a history; leave out --no-history.\n";
        return kExitUsage;
    }
    const QString historyLocation = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                            : history::defaultHistoryPath();
    // A team history: this machine records into a local history first (the answer waits for nothing else), and the
    // copier takes its rows to the team database.
    std::optional<teamhistory::TeamDatabase> team;
    if (recordHistory && teamhistory::isTeamHistoryUrl(historyLocation)) {
        QString error;
        team = teamhistory::parseTeamHistoryUrl(historyLocation, &error);
        if (!team) {
            streams.err << "dockside-cli serve: " << error << '\n';
            return kExitUsage;
        }
    }
    const QString historyPath = team ? teamhistory::localCachePath(*team) : historyLocation;
    if (team)
        teamhistory::useKeychainTeamPassword(historyLocation);
    if (recordHistory) {
        if (copyLive)
            store.setImportPacing({history::ImportPacing().liveRate, 0}); // due at every tick
        QString error;
        if (!store.open({historyPath, *keepRows, static_cast<int>(*keepDays)}, &error)) {
            streams.err << "dockside-cli serve: " << error << '\n';
            return kExitCannotStart;
        }
        if (!store.openNotice().isEmpty())
            streams.err << "history: " << store.openNotice() << '\n' << Qt::flush;
    }

    mock::MockEndpoint endpoint(recordHistory ? &store : nullptr);
    mock::MockResponder responder(*workspace, options.secret, options.platformDeadlineMs);
    responder.setDefaultForward(forward);
    endpoint.setResponder(responder);
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    std::optional<history::ExchangeRedactor> logRedactor;
    if (parser.isSet(QStringLiteral("redact")))
        logRedactor.emplace();
    int exitCode = kExitOk;
    QObject::connect(&endpoint, &mock::MockEndpoint::failed, &endpoint, [&](const QString &message) {
        streams.err << "dockside-cli serve: " << message << '\n';
        exitCode = kExitCannotStart;
    });
    // Quiet: no listener at all, so the endpoint does not hand each record over for nothing.
    if (!quiet)
        QObject::connect(&endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
                         [&](const history::ExchangeRecord &record) {
                             if (logRedactor) {
                                 // Only what a log line shows: the number and an error's text.
                                 history::ExchangeRecord shown = record;
                                 shown.callerNumber = logRedactor->maskNumber(record.callerNumber);
                                 shown.error = logRedactor->redactText(record.error);
                                 streams.out << logLine(shown) << '\n';
                             } else {
                                 streams.out << logLine(record) << '\n';
                             }
                             streams.out.flush();
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

    teamhistory::TeamCopier copier;
    bool teamWaiting = false; // the team database is behind: say when it has caught up
    if (team) {
        QObject::connect(&store, &history::HistoryStore::appended, &copier, &teamhistory::TeamCopier::wake);
        QObject::connect(&copier, &teamhistory::TeamCopier::failed, &copier, [&](const QString &message) {
            streams.err << "team history: " << message << " Exchanges wait in " << historyPath
                        << " and are copied when it is back.\n";
            streams.err.flush();
            teamWaiting = true;
        });
        QObject::connect(&copier, &teamhistory::TeamCopier::recovered, &copier, [&] {
            streams.err << "team history: reachable again; copying " << copier.backlog() << " waiting exchange(s).\n";
            streams.err.flush();
        });
        QObject::connect(&copier, &teamhistory::TeamCopier::copied, &copier, [&](qint64, qint64 backlog) {
            if (backlog > 0 || !std::exchange(teamWaiting, false))
                return;
            streams.err << "team history: caught up (" << copier.copiedRows() << " exchange(s) copied so far).\n";
            streams.err.flush();
        });
        teamhistory::TeamCopyOptions copyOptions;
        copyOptions.database = *team;
        copyOptions.localHistoryPath = historyPath;
        QString error;
        if (!copier.start(copyOptions, &error)) {
            streams.err << "dockside-cli serve: " << error << '\n';
            return kExitCannotStart;
        }
    }

    SignalWatcher watcher; // before the URL is printed: a script may send SIGTERM as soon as it reads it
    endpoint.start(options);
    if (!endpoint.isRunning())
        return exitCode;
    streams.out
        << "Mock endpoint listening on " << endpoint.url().toString() << '\n'
        << "Workspace: " << workspace->name << " (" << workspace->templates.size() << " templates, "
        << workspace->rules.rules().size() << " rules, " << workspace->contacts.size() << " contacts)\n"
        << "History: " << (recordHistory ? historyLocation : QStringLiteral("off"))
        << (team
                ? QStringLiteral(" (team; each exchange is kept in %1 until the team database has it)").arg(historyPath)
                : QString())
        << (recordHistory && copyLive ? " (searchable as each exchange arrives)" : "") << '\n';
    if (recordHistory)
        streams.out << "Retention: " << history::retentionText(*keepRows, static_cast<int>(*keepDays))
                    << " (--keep-days and --keep-rows change it; 'dockside-cli history forget NUMBER' erases a "
                       "caller)\n";
    streams.out << "Signatures: "
                << (options.secret.isEmpty()
                        ? QStringLiteral("not checked (set %1 to check them)").arg(parser.value(secretEnv))
                        : QStringLiteral("checked with the secret in %1").arg(parser.value(secretEnv)))
                << '\n';
    if (!options.clock.isReal())
        streams.out << "Clock: " << options.clock.describe() << " (rules and {{now}}; signatures are checked against "
                    << "the real time)\n";
    if (options.allowClockHeader)
        streams.out << "Clock header: " << base::kClockHeader << " honoured from this machine only\n";
    if (forward)
        streams.out << "Forwarding to: " << forward->upstream.toString() << " (requests no rule answers; late answers: "
                    << (forward->late == relay::LateAnswer::Fallback
                            ? QStringLiteral("template %1 answers").arg(forward->fallbackTemplateId)
                            : QStringLiteral("passed on as they happen"))
                    << (options.relay.resignSecret.isEmpty()
                            ? QString()
                            : QStringLiteral("; re-signed with the secret from %1").arg(resignSource))
                    << ")\n";
    streams.out.flush();

    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &endpoint, [&](int) {
        endpoint.stop();
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    store.close();
    if (team) {
        copier.wake();
        copier.stop(); // copies what it can in a few seconds; the next start copies the rest
        streams.out << "Team history: " << copier.copiedRows() << " exchange(s) copied"
                    << (copier.backlog() > 0 ? QStringLiteral(", %1 still waiting in %2 (copied at the next start)")
                                                   .arg(copier.backlog())
                                                   .arg(historyPath)
                                             : QString())
                    << ".\n";
    }
    const mock::MockCounters counters = endpoint.counters();
    streams.out << "Stopped: " << counters.received << " received, " << counters.answered << " answered, "
                << counters.dropped << " dropped, " << counters.rejected << " refused.\n";
    return exitCode;
}

} // namespace dockside::cli
