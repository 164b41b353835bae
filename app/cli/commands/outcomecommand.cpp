// SPDX-License-Identifier: GPL-3.0-or-later

#include "outcomecommand.h"

#include "commandline.h"
#include "inputfiles.h"

#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"

#include <QJsonDocument>

namespace dockside::cli {

using namespace dockside::contract;

QString OutcomeCommand::summary() const
{
    return QStringLiteral("Shows what the platform does with an assistant-request answer: answered or rejected,\n"
                          "what the caller hears, the effective assistant, the duration limit and every warning.\n"
                          "ANSWER is the raw HTTP body (any bytes; \"-\" reads standard input).");
}

int OutcomeCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("status"), QStringLiteral("HTTP status of the answer (default 200)."), QStringLiteral("N")},
        {QStringLiteral("latency-ms"), QStringLiteral("How long the answer took."), QStringLiteral("N")},
        {QStringLiteral("deadline-ms"), QStringLiteral("The deadline (default 5000)."), QStringLiteral("N")},
        {QStringLiteral("unreachable"),
         QStringLiteral("Model a transport failure instead of an answer, e.g. \"connection refused\"."),
         QStringLiteral("WHY")},
        {QStringLiteral("assistant"), QStringLiteral("The default assistant to merge onto (JSON file)."),
         QStringLiteral("DEFAULT.json")},
        {QStringLiteral("json"), QStringLiteral("Print the outcome as JSON.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("ANSWER.json"), streams))
        return *exit;

    const auto status = integerOption(parser, QStringLiteral("status"), 200, streams);
    const auto deadline = integerOption(parser, QStringLiteral("deadline-ms"), kAssistantRequestDeadlineMs, streams);
    const auto latency = integerOption(parser, QStringLiteral("latency-ms"), -1, streams);
    if (!status || !deadline || !latency)
        return kExitUsage;
    if (*status < 100 || *status > 599 || *deadline <= 0) {
        streams.err << "dockside-cli outcome: --status takes 100 to 599 and --deadline-ms a positive number.\n";
        return kExitUsage;
    }

    OutcomeInput input;
    input.deadlineMs = *deadline;
    if (parser.isSet(QStringLiteral("assistant"))) {
        const QString fileName = parser.value(QStringLiteral("assistant"));
        const auto assistant = readJsonObjectFile(fileName, streams);
        if (!assistant)
            return kExitInput;
        bool hasErrors = false;
        for (const Finding &finding : validateDefaultAssistant(*assistant)) {
            if (finding.severity != Severity::Error)
                continue;
            streams.err << fileName << ": " << finding.path << ": " << finding.message << '\n';
            hasErrors = true;
        }
        if (hasErrors)
            return kExitInput;
        input.defaultAssistant = *assistant;
    } else {
        input.defaultAssistant = builtinDefaultAssistant();
    }

    const auto body = readInputFile(parser.positionalArguments().constFirst(), streams);
    if (!body)
        return kExitInput;
    input.exchange.body = *body;
    input.exchange.httpStatus = static_cast<int>(*status);
    if (*latency >= 0)
        input.exchange.latencyMs = *latency;
    if (parser.isSet(QStringLiteral("unreachable"))) {
        input.exchange.transport = Transport::Unreachable;
        input.exchange.transportError = parser.value(QStringLiteral("unreachable"));
    }

    const CallOutcome outcome = computeOutcome(input);
    if (parser.isSet(QStringLiteral("json")))
        streams.out << QJsonDocument(outcomeToJson(outcome)).toJson(QJsonDocument::Indented);
    else
        streams.out << outcomeToText(outcome);
    return kExitOk;
}

} // namespace dockside::cli
