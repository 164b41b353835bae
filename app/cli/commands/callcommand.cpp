// SPDX-License-Identifier: GPL-3.0-or-later

#include "callcommand.h"

#include "calloptions.h"
#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"

#include "composer/callscript.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::cli {

namespace {

// "book_appointment={\"day\":\"tuesday\"}" or just "book_appointment".
std::optional<contract::ToolCall> parseToolCall(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    contract::ToolCall toolCall;
    toolCall.functionName = text.left(equals < 0 ? text.size() : equals).trimmed();
    if (toolCall.functionName.isEmpty())
        return std::nullopt;
    if (equals >= 0) {
        const QJsonDocument arguments = QJsonDocument::fromJson(text.mid(equals + 1).toUtf8());
        if (!arguments.isObject())
            return std::nullopt;
        toolCall.arguments = arguments.object();
    }
    return toolCall;
}

QString describeStep(const composer::CallStep &step)
{
    const QString label = QStringLiteral("[%1]").arg(contract::sourceLabel(step.source));
    QString line;
    if (!step.result) {
        line = QStringLiteral("  skipped  %1: %2 %3").arg(step.title, step.skippedBecause, label);
    } else {
        const composer::SendResult &result = *step.result;
        const QString answer = result.answered() ? QStringLiteral("-> %1").arg(result.record.responseStatus)
                                                 : QStringLiteral("-> no answer: %1").arg(result.transportError);
        line = QStringLiteral("  sent     %1 %2 in %3 ms %4")
                   .arg(step.title, answer, QString::number(static_cast<double>(result.latencyUs) / 1000.0, 'f', 1),
                        label);
    }
    for (const QString &note : step.notes)
        line += QStringLiteral("\n           note: %1 %2").arg(note, label);
    return line;
}

} // namespace

QString CallCommand::summary() const
{
    return QStringLiteral(
        "Plays a whole call against URL: the assistant-request, then status updates, the tool calls\n"
        "you list (without --tool: the effective assistant's llm_config.tools, with sample arguments)\n"
        "and the end-of-call report, honouring the outcome and the assistant's webhook_events.");
}

int CallCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions(callOptions());
    parser.addOption(atOption());
    parser.addOptions({
        {QStringLiteral("tool"),
         QStringLiteral("A tool call to make during the call: NAME or NAME={\"json\":\"arguments\"} (repeatable). "
                        "Replaces the tools of the answer's assistant."),
         QStringLiteral("CALL")},
        {QStringLiteral("duration-seconds"), QStringLiteral("How long the call lasts (default 42)."),
         QStringLiteral("N")},
        {QStringLiteral("assistant"), QStringLiteral("The default assistant (JSON file)."), QStringLiteral("FILE")},
        secretEnv,
        {QStringLiteral("json"), QStringLiteral("Print every step as JSON.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("URL"), streams))
        return *exit;

    composer::CallScriptOptions options;
    options.call.url = QUrl::fromUserInput(parser.positionalArguments().constFirst());
    if (!readCallOptions(parser, options.call.event, name(), streams) ||
        !readAtOption(parser, options.call.callAt, name(), streams))
        return kExitUsage;
    options.call.secret = qgetenv(parser.value(secretEnv).toLocal8Bit().constData());
    for (const QString &text : parser.values(QStringLiteral("tool"))) {
        const auto toolCall = parseToolCall(text);
        if (!toolCall) {
            streams.err << "dockside-cli call: --tool \"" << text
                        << "\" is not NAME or NAME={json object with the arguments}.\n";
            return kExitUsage;
        }
        options.toolCalls.append(*toolCall);
    }
    const auto duration = integerOption(parser, QStringLiteral("duration-seconds"), 42, streams);
    if (!duration || *duration <= 0)
        return kExitUsage;
    options.durationSeconds = static_cast<int>(*duration);
    if (parser.isSet(QStringLiteral("assistant"))) {
        const auto assistant = readJsonObjectFile(parser.value(QStringLiteral("assistant")), streams);
        if (!assistant)
            return kExitInput;
        options.call.defaultAssistant = *assistant;
    }

    composer::CallScriptRunner runner;
    int exitCode = kExitOk;
    QJsonArray steps;
    const bool json = parser.isSet(QStringLiteral("json"));
    QObject::connect(&runner, &composer::CallScriptRunner::failed, &runner, [&](const QString &message) {
        streams.err << "dockside-cli call: " << message << '\n';
        exitCode = kExitUsage;
        QCoreApplication::quit();
    });
    QObject::connect(&runner, &composer::CallScriptRunner::stepFinished, &runner, [&](const composer::CallStep &step) {
        if (step.result && !step.result->answered())
            exitCode = kExitNoAnswer;
        if (json) {
            steps.append(QJsonObject {
                {QStringLiteral("step"), step.title},
                {QStringLiteral("sent"), step.result.has_value()},
                {QStringLiteral("skipped_because"), step.skippedBecause},
                {QStringLiteral("notes"), QJsonArray::fromStringList(step.notes)},
                {QStringLiteral("status"), step.result ? step.result->record.responseStatus : 0},
                {QStringLiteral("body"), step.result ? QString::fromUtf8(step.result->record.request.body) : QString()},
            });
            return;
        }
        streams.out << describeStep(step) << '\n';
        if (step.result && step.result->outcome)
            streams.out << contract::outcomeToText(*step.result->outcome);
        streams.out.flush();
    });
    QObject::connect(&runner, &composer::CallScriptRunner::finished, &runner,
                     [&](const composer::CallScriptReport &) { QCoreApplication::quit(); });
    if (!json)
        streams.out << "Call " << options.call.url.toString() << '\n';
    runner.run(options);
    QCoreApplication::exec();
    if (json)
        streams.out << QJsonDocument(steps).toJson(QJsonDocument::Indented);
    return exitCode;
}

} // namespace dockside::cli
