// SPDX-License-Identifier: GPL-3.0-or-later

#include "calloutcome.h"

#include "answervalidator.h"
#include "base/parsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace dockside::contract {

namespace {

const auto kDocumentedAnswerKeys = {QStringLiteral("assistant"), QStringLiteral("max_duration_seconds"),
                                    QStringLiteral("error")};

// Fills in what every "use the default assistant" outcome shares.
CallOutcome defaultOutcome(const OutcomeInput &input, Reason reason, Source source, const QString &explanation)
{
    CallOutcome outcome;
    outcome.disposition = Disposition::Answered;
    outcome.reason = reason;
    outcome.reasonSource = source;
    outcome.explanation = explanation;
    outcome.effectiveAssistant = input.defaultAssistant;
    outcome.latencyMs = input.exchange.latencyMs;
    outcome.deadlineMs = input.deadlineMs;
    return outcome;
}

void describeAssistant(CallOutcome &outcome, const OutcomeInput &input)
{
    const QJsonObject &assistant = outcome.effectiveAssistant;
    outcome.assistant = summarizeAssistant(assistant);
    outcome.spokenFirst = outcome.assistant.greeting;
    outcome.maxDurationSeconds = qRound(outcome.assistant.maxDurationSeconds);
    if (input.forHistoryRow)
        return;
    const AnalysisContext &analysisContext = input.analysisContext;
    const QJsonObject plan = assistant.value(QStringLiteral("analysis_plan"))
                                 .toObject()
                                 .value(QStringLiteral("structured_data_plan"))
                                 .toObject();
    outcome.analysisEnabled = plan.value(QStringLiteral("enabled")).toBool(false);
    if (outcome.analysisEnabled)
        outcome.analysisPrompt = renderAnalysisPrompt(plan, analysisContext);
}

bool isTwoHundred(int status)
{
    return status >= 200 && status <= 299;
}

QJsonValue jsonOrNull(const QJsonValue &value)
{
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}

QString compactJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Wrap scalars in an array to reuse Qt's JSON escaping, then strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace

CallOutcome computeOutcome(const OutcomeInput &input)
{
    const Exchange &exchange = input.exchange;
    const auto deadline = QString::number(input.deadlineMs);

    // Rule 1: no complete answer within the deadline.
    if (exchange.transport == Transport::TimedOut || (exchange.latencyMs && *exchange.latencyMs > input.deadlineMs)) {
        CallOutcome outcome = defaultOutcome(
            input, Reason::Timeout, Source::Seed,
            exchange.latencyMs ? QStringLiteral("No complete answer within the %1 ms deadline (it took %2 ms).")
                                     .arg(deadline, QString::number(*exchange.latencyMs))
                               : QStringLiteral("No complete answer within the %1 ms deadline.").arg(deadline));
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 2: the webhook could not be reached.
    if (exchange.transport == Transport::Unreachable) {
        CallOutcome outcome =
            defaultOutcome(input, Reason::Unreachable, Source::Assumed,
                           QStringLiteral("The webhook could not be reached: %1.")
                               .arg(exchange.transportError.isEmpty() ? QStringLiteral("unknown network error")
                                                                      : exchange.transportError));
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 3: a status outside 2xx.
    if (!isTwoHundred(exchange.httpStatus)) {
        CallOutcome outcome =
            defaultOutcome(input, Reason::HttpStatus, Source::Assumed,
                           QStringLiteral("The webhook answered HTTP %1, not 2xx.").arg(exchange.httpStatus));
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 4: an empty body.
    if (exchange.body.trimmed().isEmpty()) {
        CallOutcome outcome =
            defaultOutcome(input, Reason::EmptyBody, Source::Assumed, QStringLiteral("The answer body is empty."));
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 5: not JSON, or not an object.
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(exchange.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("The answer is not valid JSON: %1 at byte %2.")
                  .arg(parseError.errorString(), QString::number(parseError.offset))
            : QStringLiteral("The answer is JSON but not an object (it is %1).")
                  .arg(document.isArray() ? QStringLiteral("an array") : QStringLiteral("a scalar"));
        CallOutcome outcome = defaultOutcome(input, Reason::InvalidJson, Source::Assumed, why);
        outcome.violations.append({Severity::Error, QStringLiteral("$"), why, Source::Assumed});
        describeAssistant(outcome, input);
        return outcome;
    }
    const QJsonObject answer = document.object();
    const AnswerValidation validation = AnswerValidator::instance().validate(
        answer, input.defaultAssistant,
        input.forHistoryRow ? AnswerValidator::Warnings::Skip : AnswerValidator::Warnings::Collect);

    // Rule 6: a non-blank error rejects the call; everything else in the answer is ignored.
    const QJsonValue error = answer.value(QStringLiteral("error"));
    if (error.isString() && !error.toString().trimmed().isEmpty()) {
        CallOutcome outcome;
        outcome.disposition = Disposition::Rejected;
        outcome.reason = Reason::Rejected;
        outcome.reasonSource = Source::Seed;
        outcome.explanation = QStringLiteral("The webhook rejected the call; the caller hears the error message.");
        outcome.spokenFirst = error.toString();
        outcome.latencyMs = exchange.latencyMs;
        outcome.deadlineMs = input.deadlineMs;
        for (auto it = answer.begin(); it != answer.end(); ++it) {
            if (it.key() == QLatin1String("error"))
                continue;
            outcome.warnings.append(
                {Severity::Warning, base::parsing::child(QStringLiteral("$"), it.key()),
                 QStringLiteral("Ignored: \"error\" rejects the call, so \"%1\" has no effect.").arg(it.key()),
                 Source::Assumed});
        }
        return outcome;
    }

    // Rule 7: error present, but empty, blank or not a string.
    if (!error.isUndefined()) {
        CallOutcome outcome = defaultOutcome(
            input, Reason::InvalidResponse, Source::Assumed,
            QStringLiteral("\"error\" is present but is not a non-blank string, so the call is not rejected."));
        outcome.violations = validation.violations;
        if (outcome.violations.isEmpty())
            outcome.violations.append(
                {Severity::Error, QStringLiteral("$.error"),
                 QStringLiteral("Expected a non-blank string; got %1.").arg(base::parsing::describe(error)),
                 Source::Assumed});
        outcome.warnings = validation.warnings;
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 8: any documented key has the wrong type or value.
    if (!validation.isValid()) {
        CallOutcome outcome =
            defaultOutcome(input, Reason::InvalidResponse, Source::Assumed,
                           QStringLiteral("The answer breaks the contract in %1 place(s); the platform ignores it.")
                               .arg(validation.violations.size()));
        outcome.violations = validation.violations;
        outcome.warnings = validation.warnings;
        describeAssistant(outcome, input);
        return outcome;
    }

    bool hasDocumentedKey = false;
    for (const QString &key : kDocumentedAnswerKeys)
        hasDocumentedKey |= answer.contains(key);

    // Rule 9: {} (unknown keys are ignored, so an answer of only unknown keys is {} too).
    if (!hasDocumentedKey) {
        CallOutcome outcome = defaultOutcome(input, Reason::Default, Source::Seed,
                                             QStringLiteral("The answer overrides nothing: the default assistant."));
        outcome.warnings = validation.warnings;
        describeAssistant(outcome, input);
        return outcome;
    }

    // Rule 10: the default assistant with the answer merged in.
    CallOutcome outcome =
        defaultOutcome(input, Reason::Override, Source::Seed, QStringLiteral("Answered with the webhook's overrides."));
    // Ignored keys are warned about, so they must not reach the effective assistant either.
    const QJsonObject known = AnswerValidator::instance().withoutIgnoredKeys(answer);
    outcome.effectiveAssistant = deepMerge(input.defaultAssistant, known.value(QStringLiteral("assistant")).toObject());
    if (answer.contains(QStringLiteral("max_duration_seconds")))
        outcome.effectiveAssistant.insert(QStringLiteral("max_duration_seconds"),
                                          answer.value(QStringLiteral("max_duration_seconds")));
    if (!input.forHistoryRow)
        outcome.changes = jsonDifferences(input.defaultAssistant, outcome.effectiveAssistant);
    outcome.warnings = validation.warnings;
    if (!input.forHistoryRow && outcome.changes.isEmpty()) {
        // Said where the eye goes first, not only among the warnings.
        outcome.overridesNothing = true;
        outcome.explanation = QStringLiteral("Answered with the webhook's overrides, but every one equals the "
                                             "default: the call is the default assistant's.");
        outcome.warnings.append({Severity::Warning, QStringLiteral("$"),
                                 QStringLiteral("Every override equals the default: the call is unchanged."),
                                 Source::Assumed});
    }
    describeAssistant(outcome, input);
    return outcome;
}

QString reasonCode(Reason reason)
{
    switch (reason) {
    case Reason::Timeout:
        return QStringLiteral("timeout");
    case Reason::Unreachable:
        return QStringLiteral("unreachable");
    case Reason::HttpStatus:
        return QStringLiteral("http_status");
    case Reason::EmptyBody:
        return QStringLiteral("empty_body");
    case Reason::InvalidJson:
        return QStringLiteral("invalid_json");
    case Reason::Rejected:
        return QStringLiteral("rejected");
    case Reason::InvalidResponse:
        return QStringLiteral("invalid_response");
    case Reason::Default:
        return QStringLiteral("default");
    case Reason::Override:
        return QStringLiteral("override");
    }
    return {};
}

QString dispositionName(Disposition disposition)
{
    return disposition == Disposition::Answered ? QStringLiteral("answered") : QStringLiteral("rejected");
}

std::optional<Reason> reasonFromCode(const QString &code)
{
    for (const Reason reason : kAllReasons) {
        if (reasonCode(reason) == code)
            return reason;
    }
    return std::nullopt;
}

std::optional<Disposition> dispositionFromName(const QString &name)
{
    for (const Disposition disposition : {Disposition::Answered, Disposition::Rejected}) {
        if (dispositionName(disposition) == name)
            return disposition;
    }
    return std::nullopt;
}

QJsonObject outcomeToJson(const CallOutcome &outcome)
{
    QJsonArray changes;
    for (const JsonChange &change : outcome.changes)
        changes.append(QJsonObject {{QStringLiteral("path"), change.path},
                                    {QStringLiteral("default"), jsonOrNull(change.before)},
                                    {QStringLiteral("effective"), jsonOrNull(change.after)}});
    QJsonArray prompt;
    for (const PromptMessage &message : outcome.analysisPrompt)
        prompt.append(
            QJsonObject {{QStringLiteral("role"), message.role}, {QStringLiteral("content"), message.content}});

    QJsonObject json {
        {QStringLiteral("disposition"), dispositionName(outcome.disposition)},
        {QStringLiteral("reason"), reasonCode(outcome.reason)},
        {QStringLiteral("reason_source"), sourceLabel(outcome.reasonSource)},
        {QStringLiteral("explanation"), outcome.explanation},
        {QStringLiteral("spoken_first"), outcome.spokenFirst},
        {QStringLiteral("uses_default_assistant"), outcome.usesDefaultAssistant()},
        {QStringLiteral("deadline_ms"), outcome.deadlineMs},
        {QStringLiteral("latency_ms"), outcome.latencyMs ? QJsonValue(*outcome.latencyMs) : QJsonValue()},
        {QStringLiteral("violations"), findingsToJson(outcome.violations)},
        {QStringLiteral("warnings"), findingsToJson(outcome.warnings)},
    };
    if (outcome.disposition == Disposition::Answered) {
        json.insert(QStringLiteral("effective_assistant"), outcome.effectiveAssistant);
        json.insert(QStringLiteral("caller_experience"), summaryToJson(outcome.assistant));
        json.insert(QStringLiteral("changes"), changes);
        json.insert(QStringLiteral("max_duration_seconds"), outcome.maxDurationSeconds);
        json.insert(QStringLiteral("analysis_enabled"), outcome.analysisEnabled);
        json.insert(QStringLiteral("analysis_prompt"), prompt);
    }
    return json;
}

QString outcomeToText(const CallOutcome &outcome)
{
    QString text;
    const bool rejected = outcome.disposition == Disposition::Rejected;
    text +=
        QStringLiteral("Outcome:   %1 (%2) [%3]\n")
            .arg(rejected                             ? QStringLiteral("REJECTED")
                     : outcome.usesDefaultAssistant() ? QStringLiteral("ANSWERED, default assistant")
                     : outcome.overridesNothing ? QStringLiteral("ANSWERED, with overrides, all equal to the default")
                                                : QStringLiteral("ANSWERED, with overrides"),
                 reasonCode(outcome.reason), sourceLabel(outcome.reasonSource));
    text += QStringLiteral("Why:       %1\n").arg(outcome.explanation);
    text += QStringLiteral("%1 \"%2\"\n")
                .arg(rejected ? QStringLiteral("Spoken:   ") : QStringLiteral("Greeting: "), outcome.spokenFirst);
    if (outcome.latencyMs)
        text += QStringLiteral("Latency:   %1 ms of %2 ms deadline\n")
                    .arg(QString::number(*outcome.latencyMs), QString::number(outcome.deadlineMs));
    if (!rejected) {
        text += QStringLiteral("Listens:   %1\n").arg(recognitionText(outcome.assistant));
        text += QStringLiteral("Voice:     %1\n").arg(voiceText(outcome.assistant));
        text += QStringLiteral("Model:     %1\n").arg(modelText(outcome.assistant));
        text += QStringLiteral("Tools:     %1\n").arg(toolsText(outcome.assistant));
        text += QStringLiteral("Voicemail: %1\n").arg(voicemailText(outcome.assistant));
        text += QStringLiteral("Silence:   %1\n").arg(silenceText(outcome.assistant));
        text += QStringLiteral("Limit:     %1 s\n").arg(outcome.maxDurationSeconds);
        text += QStringLiteral("Analysis:  %1\n")
                    .arg(outcome.analysisEnabled ? QStringLiteral("enabled") : QStringLiteral("off"));
        if (!outcome.changes.isEmpty()) {
            text += QStringLiteral("Changes against the default assistant:\n");
            for (const JsonChange &change : outcome.changes)
                text += QStringLiteral("  %1: %2 -> %3\n")
                            .arg(change.path, compactJson(change.before), compactJson(change.after));
        }
        if (!outcome.analysisPrompt.isEmpty()) {
            text += QStringLiteral("Analysis prompt (sample transcript):\n");
            for (const PromptMessage &message : outcome.analysisPrompt)
                text += QStringLiteral("  [%1] %2\n")
                            .arg(message.role,
                                 QString(message.content).replace(QLatin1Char('\n'), QLatin1String("\n    ")));
        }
    }
    for (const Finding &finding : outcome.violations)
        text +=
            QStringLiteral("error    %1: %2 [%3]\n").arg(finding.path, finding.message, sourceLabel(finding.source));
    for (const Finding &finding : outcome.warnings)
        text +=
            QStringLiteral("warning  %1: %2 [%3]\n").arg(finding.path, finding.message, sourceLabel(finding.source));
    return text;
}

} // namespace dockside::contract
