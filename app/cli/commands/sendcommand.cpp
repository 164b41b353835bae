// SPDX-License-Identifier: GPL-3.0-or-later

#include "sendcommand.h"

#include "calloptions.h"
#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"

#include "base/latencytext.h"
#include "composer/eventsender.h"
#include "contract/defaultassistant.h"
#include "history/historylocation.h"
#include "history/historyreader.h"
#include "history/historystore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::cli {

namespace {

QJsonObject resultToJson(const composer::SendResult &result)
{
    QJsonObject json {
        {QStringLiteral("url"), result.record.url},
        {QStringLiteral("event"), result.record.eventType},
        {QStringLiteral("call_id"), result.record.callId},
        {QStringLiteral("answered"), result.answered()},
        {QStringLiteral("transport_error"), result.transportError},
        {QStringLiteral("status"), result.record.responseStatus},
        {QStringLiteral("latency_ms"), static_cast<double>(result.latencyUs) / 1000.0},
        {QStringLiteral("first_byte_ms"),
         result.firstByteUs ? QJsonValue(static_cast<double>(*result.firstByteUs) / 1000.0) : QJsonValue()},
        {QStringLiteral("connect_ms"),
         result.connectUs ? QJsonValue(static_cast<double>(*result.connectUs) / 1000.0) : QJsonValue()},
        {QStringLiteral("deadline_ms"), result.deadlineMs},
        {QStringLiteral("response_body"), QString::fromUtf8(result.record.responseBody)},
    };
    if (result.outcome)
        json.insert(QStringLiteral("outcome"), contract::outcomeToJson(*result.outcome));
    return json;
}

} // namespace

QString SendCommand::summary() const
{
    return QStringLiteral("Plays the platform: sends a signed event to URL, enforces the deadline and prints what\n"
                          "the platform would do with the answer. Exits 5 when no answer arrived in time.");
}

int SendCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        {QStringLiteral("event"),
         QStringLiteral("assistant-request (default), status-update, tool-calls or end-of-call-report."),
         QStringLiteral("TYPE")},
        {QStringLiteral("body"), QStringLiteral("Send this file byte for byte instead of a built event."),
         QStringLiteral("FILE")},
        {QStringLiteral("deadline-ms"),
         QStringLiteral("The deadline (default 5000 for assistant-request, else 20000)."), QStringLiteral("N")},
        {QStringLiteral("timestamp"), QStringLiteral("Sign with this Unix time instead of now."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("replay"),
         QStringLiteral("Send exchange ID from the history again: its body and headers, byte for byte."),
         QStringLiteral("ID")},
        {QStringLiteral("resign"),
         QStringLiteral("With --replay: sign again with a fresh timestamp (needs the secret variable).")},
        secretEnv,
        {QStringLiteral("assistant"), QStringLiteral("The default assistant the outcome merges onto (JSON file)."),
         QStringLiteral("FILE")},
        {QStringLiteral("history"),
         QStringLiteral("Record the exchange in this history file (default %1).").arg(history::defaultHistoryPath()),
         QStringLiteral("FILE")},
        {QStringLiteral("no-history"), QStringLiteral("Record nothing.")},
        {QStringLiteral("json"), QStringLiteral("Print the result as JSON.")},
    });
    parser.addOptions(callOptions());
    parser.addOption(atOption());
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("URL"), streams))
        return *exit;

    composer::SendOptions options;
    options.url = QUrl::fromUserInput(parser.positionalArguments().constFirst());
    if (parser.isSet(QStringLiteral("event"))) {
        const auto type = contract::eventTypeFromName(parser.value(QStringLiteral("event")));
        if (!type) {
            streams.err << "dockside-cli send: unknown --event \"" << parser.value(QStringLiteral("event"))
                        << "\"; use assistant-request, status-update, tool-calls or end-of-call-report.\n";
            return kExitUsage;
        }
        options.event.type = *type;
    }
    if (!readCallOptions(parser, options.event, name(), streams) ||
        !readAtOption(parser, options.callAt, name(), streams))
        return kExitUsage;
    contract::fillEarlierSdkReportFields(options.event, QDateTime::currentDateTimeUtc());
    if (parser.isSet(QStringLiteral("body"))) {
        const auto body = readInputFile(parser.value(QStringLiteral("body")), streams);
        if (!body)
            return kExitInput;
        options.rawBody = *body;
    }
    if (parser.isSet(QStringLiteral("deadline-ms"))) {
        const auto deadline = integerOption(parser, QStringLiteral("deadline-ms"), 0, streams);
        if (!deadline || *deadline <= 0) {
            streams.err << "dockside-cli send: --deadline-ms takes a positive number of milliseconds.\n";
            return kExitUsage;
        }
        options.deadlineMs = *deadline;
    }
    if (parser.isSet(QStringLiteral("timestamp"))) {
        const auto timestamp = integerOption(parser, QStringLiteral("timestamp"), 0, streams);
        if (!timestamp)
            return kExitUsage;
        options.signatureTimestamp = *timestamp;
    }
    // Without the variable the event goes out unsigned, as the platform does without a secret.
    options.secret = qgetenv(parser.value(secretEnv).toLocal8Bit().constData());
    const QString historyPath = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                        : history::defaultHistoryPath();
    if (parser.isSet(QStringLiteral("replay"))) {
        history::HistoryReader reader;
        QString error;
        bool isId = false;
        const qint64 id = parser.value(QStringLiteral("replay")).toLongLong(&isId);
        const auto record = isId && reader.open(historyPath, &error) ? reader.load(id) : std::nullopt;
        if (!record) {
            streams.err << "dockside-cli send: no exchange " << parser.value(QStringLiteral("replay")) << " in "
                        << historyPath << (error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error)) << ".\n";
            return kExitInput;
        }
        options.rawBody = record->request.body;
        options.rawHeaders = record->request.headers;
        // A replay keeps the captured signature unless asked to sign again.
        if (!parser.isSet(QStringLiteral("resign")))
            options.secret.clear();
        else if (options.secret.isEmpty()) {
            streams.err << "dockside-cli send: --resign needs the secret in " << parser.value(secretEnv) << ".\n";
            return kExitInput;
        }
    }
    if (parser.isSet(QStringLiteral("assistant"))) {
        const auto assistant = readJsonObjectFile(parser.value(QStringLiteral("assistant")), streams);
        if (!assistant)
            return kExitInput;
        options.defaultAssistant = *assistant;
    }

    history::HistoryStore store;
    const bool recordHistory = !parser.isSet(QStringLiteral("no-history"));
    if (recordHistory) {
        QString error;
        if (!store.open({historyPath, 0, 0}, &error)) {
            streams.err << "dockside-cli send: " << error << " (or pass --no-history)\n";
            return kExitCannotStart;
        }
    }

    composer::EventSender sender;
    int exitCode = kExitOk;
    QObject::connect(&sender, &composer::EventSender::failed, &sender, [&](quint64, const QString &message) {
        streams.err << "dockside-cli send: " << message << '\n';
        exitCode = kExitUsage;
        QCoreApplication::quit();
    });
    QObject::connect(
        &sender, &composer::EventSender::finished, &sender, [&](quint64, const composer::SendResult &result) {
            if (parser.isSet(QStringLiteral("json"))) {
                streams.out << QJsonDocument(resultToJson(result)).toJson(QJsonDocument::Indented);
            } else {
                streams.out << "POST " << result.record.url << " -> "
                            << (result.answered() ? QString::number(result.record.responseStatus)
                                                  : QStringLiteral("no answer: ") + result.transportError)
                            << " in " << base::oneDecimalMilliseconds(result.latencyUs);
                QStringList timing;
                // Set-up is part of the latency: 0.0 ms says the connection was already open.
                if (result.connectUs)
                    timing.append(QStringLiteral("connect ") + base::oneDecimalMilliseconds(*result.connectUs));
                if (result.firstByteUs)
                    timing.append(QStringLiteral("first byte ") + base::oneDecimalMilliseconds(*result.firstByteUs));
                if (!timing.isEmpty())
                    streams.out << " (" << timing.join(QStringLiteral(", ")) << ')';
                streams.out << ", deadline " << result.deadlineMs << " ms\n";
                if (result.outcome)
                    streams.out << contract::outcomeToText(*result.outcome);
                else if (!result.record.responseBody.isEmpty())
                    streams.out << result.record.responseBody << '\n';
            }
            exitCode = result.answered() ? kExitOk : kExitNoAnswer;
            if (recordHistory)
                store.append(result.record);
            QCoreApplication::quit();
        });
    sender.send(options);
    QCoreApplication::exec();
    store.close();
    return exitCode;
}

} // namespace dockside::cli
