// SPDX-License-Identifier: GPL-3.0-or-later

#include "mockresponder.h"

#include "plannedanswer.h"

#include "contract/callevent.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "contract/signature.h"
#include "contract/signatureforensics.h"
#include "rules/requestcontext.h"
#include "templating/renderer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace dockside::mock {

namespace {

// A recognised VoiceDock event: the platform's header, or a known message.type in the body.
QString recognisedEventType(const rules::RequestContext &context)
{
    if (context.header(QLatin1String(contract::kEventHeader)))
        return context.eventType;
    return contract::eventTypeFromName(context.eventType) ? context.eventType : QString();
}

contract::SignatureStatus checkSignature(const base::CapturedRequest &request, const QByteArray &secret,
                                         const QDateTime &now, history::ExchangeRecord &record)
{
    contract::SignatureInput input;
    input.signatureHeader = request.header(contract::kSignatureHeader);
    input.timestampHeader = request.header(contract::kTimestampHeader);
    input.body = request.body;
    input.secret = secret;
    input.now = now;
    const contract::SignatureCheck check = contract::verifySignature(input);
    record.signatureStatus = contract::signatureStatusCode(check.status);
    record.signedString = check.signedString;
    if (!check.isValid()) {
        // Explained now, while the secret is at hand: the history never holds it, so it cannot be done later.
        const std::optional<contract::SignatureDiagnosis> diagnosis =
            contract::diagnoseSignature({request.headers, request.body, secret, now});
        if (diagnosis) {
            record.signatureDiagnosisCode = diagnosis->code;
            record.signatureDiagnosis = diagnosis->sentence;
        }
    }
    return check.status;
}

http::HttpResponse renderErrorResponse(const QStringList &messages)
{
    QJsonArray problems;
    for (const QString &message : messages)
        problems.append(message);
    const QJsonObject body {
        {QStringLiteral("dockside_error"), QStringLiteral("The response template could not be rendered.")},
        {QStringLiteral("problems"), problems},
    };
    return {500, {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson(QJsonDocument::Compact), false};
}

ForwardAnswer forwardAnswer(const rules::ForwardTo &forward)
{
    return {QUrl(forward.url, QUrl::StrictMode),
            forward.fallback ? relay::LateAnswer::Fallback : relay::LateAnswer::Faithful, forward.fallbackTemplateId};
}

} // namespace

MockResponder::MockResponder()
{
    m_workspace.defaultAssistant = contract::builtinDefaultAssistant();
}

MockResponder::MockResponder(workspace::Workspace workspace, QByteArray secret, qint64 platformDeadlineMs)
    : m_workspace(std::move(workspace))
    , m_secret(std::move(secret))
    , m_platformDeadlineMs(platformDeadlineMs)
{
}

void MockResponder::recordOutcome(const PlannedAnswer &plan, history::ExchangeRecord &record) const
{
    storeOutcome(observedExchange(plan.fault, plan.response.status, plan.response.body, plan.holdMs),
                 m_platformDeadlineMs, record);
}

void MockResponder::storeOutcome(const contract::Exchange &observed, qint64 deadlineMs,
                                 history::ExchangeRecord &record) const
{
    constexpr qsizetype kMaxCachedOutcomes = 1024;
    constexpr qsizetype kMaxCachedBodyBytes = 64 * 1024;
    const auto summarise = [&] {
        contract::OutcomeInput input;
        input.deadlineMs = deadlineMs;
        input.defaultAssistant = m_workspace.defaultAssistant;
        input.exchange = observed;
        input.forHistoryRow = true;
        const contract::CallOutcome outcome = contract::computeOutcome(input);
        return OutcomeSummary {contract::dispositionName(outcome.disposition), contract::reasonCode(outcome.reason),
                               outcome.spokenFirst};
    };
    OutcomeSummary summary;
    if (observed.body.size() > kMaxCachedBodyBytes) {
        // Not kept, so not looked up either: hashing the whole body would be for nothing.
        summary = summarise();
    } else {
        // What the row keeps depends only on these: how the answer ended, whether in time, its status and its bytes.
        const bool late = observed.transport == contract::Transport::TimedOut ||
            (observed.latencyMs && *observed.latencyMs > deadlineMs);
        const OutcomeKey key {static_cast<int>(observed.transport), late, deadlineMs, observed.httpStatus,
                              observed.body};
        auto cached = m_outcomeCache.constFind(key);
        if (cached == m_outcomeCache.constEnd()) {
            if (m_outcomeCache.size() >= kMaxCachedOutcomes)
                m_outcomeCache.clear();
            cached = m_outcomeCache.insert(key, summarise());
        }
        summary = *cached;
    }
    record.outcomeDisposition = summary.disposition;
    record.outcomeReason = summary.reason;
    record.spokenFirst = summary.spokenFirst;
}

PlannedAnswer MockResponder::plan(const base::CapturedRequest &request, const QDateTime &now, const QDateTime &rulesAt,
                                  rules::Explanation explanation) const
{
    const bool explain = explanation == rules::Explanation::Given;
    PlannedAnswer plan;
    history::ExchangeRecord &record = plan.record;
    record.direction = history::Direction::Inbound;
    record.request = request;

    rules::RequestContext context =
        rules::RequestContext::fromRequest(request, m_workspace.contacts, rulesAt.isValid() ? rulesAt : now);
    record.eventType = recognisedEventType(context);
    record.callId = context.callId;
    record.callerNumber = context.callerNumber;
    record.calledNumber = context.calledNumber;
    if (!record.eventType.isEmpty()) {
        if (m_secret.isEmpty()) {
            context.signature = contract::SignatureStatus::NoSecret;
            record.signatureStatus = contract::signatureStatusCode(*context.signature);
        } else {
            // Before the rules: a workspace may answer a bad signature as a real webhook would (401).
            context.signature = checkSignature(request, m_secret, now, record);
        }
    }

    const rules::RuleEvaluation evaluation = m_workspace.rules.evaluate(context, explanation);
    plan.trace = evaluation.trace;
    const workspace::ResponseTemplate *chosen =
        evaluation.matched ? m_workspace.findTemplate(evaluation.templateId) : m_workspace.fallbackTemplate();
    if (evaluation.matched)
        record.ruleId = evaluation.ruleId;
    else if (explain)
        plan.trace.append(QStringLiteral("no rule matched: the fallback template answers"));

    std::optional<ForwardAnswer> forward;
    if (evaluation.matched && evaluation.forward)
        forward = forwardAnswer(*evaluation.forward);
    else if (!evaluation.matched && m_defaultForward)
        forward = m_defaultForward;
    else if (!evaluation.matched && m_workspace.defaultForward)
        forward = forwardAnswer(*m_workspace.defaultForward);
    if (forward) {
        if (explain && !evaluation.matched)
            plan.trace.removeLast(); // not the fallback template: the webhook answers
        plan.forward = PlannedForward {*forward, deadlineFor(record.eventType)};
        if (explain)
            plan.trace.append(QStringLiteral("forwarded to %1").arg(forward->upstream.toString()));
        chosen = plan.forward->answer.late == relay::LateAnswer::Fallback
            ? m_workspace.findTemplate(plan.forward->answer.fallbackTemplateId)
            : nullptr;
        // Planned now so that the deadline can answer at once; sent only when the webhook is late.
        if (chosen != nullptr)
            renderTemplate(*chosen, context, plan);
        return plan;
    }

    if (chosen == nullptr) {
        // An empty workspace still answers like a webhook that overrides nothing.
        plan.response = {200, {{"Content-Type", "application/json"}}, QByteArrayLiteral("{}"), false};
    } else {
        record.templateId = chosen->id;
        renderTemplate(*chosen, context, plan);
    }

    const bool answers = plan.fault != workspace::Fault::Hang && plan.fault != workspace::Fault::CloseWithoutAnswer;
    record.responseStatus = answers ? plan.response.status : 0;
    record.responseHeaders = answers ? plan.response.headers : base::HeaderList {};
    record.responseBody = answers ? plan.response.body : QByteArray();
    record.latencyUs = plan.holdMs * 1000;
    if (!answers)
        record.error = plan.fault == workspace::Fault::Hang
            ? QStringLiteral("fault: held for %1 ms, then closed without an answer").arg(plan.holdMs)
            : QStringLiteral("fault: closed without an answer");
    if (record.eventType == contract::eventTypeName(contract::EventType::AssistantRequest))
        recordOutcome(plan, record);
    return plan;
}

qint64 MockResponder::deadlineFor(const QString &eventType) const
{
    return eventType == contract::eventTypeName(contract::EventType::AssistantRequest)
        ? m_platformDeadlineMs
        : contract::kOtherEventsDeadlineMs;
}

void MockResponder::completeForward(PlannedAnswer &plan, const relay::RelayResult &result) const
{
    history::ExchangeRecord &record = plan.record;
    if (result.passesAnswerOn()) {
        const http::ParsedResponse &answer = *result.exchange.response;
        plan.response = {answer.status, relay::answerHeaders(answer.headers), answer.body, false};
        plan.response.reasonPhrase = answer.reasonPhrase;
        plan.response.addServerHeader = false;
        // An answer to HEAD has no body, but announces the length a GET would get.
        if (record.request.method == "HEAD") {
            for (const auto &[name, value] : answer.headers)
                if (base::sameHeaderName(name, "Content-Length"))
                    plan.response.headContentLength = value;
        }
        plan.fault = workspace::Fault::None;
        plan.holdMs = 0;
    } else if (result.usesFallback()) {
        // The fallback template's answer, planned with the request; a missing template answers like an empty one.
        record.templateId = plan.forward->answer.fallbackTemplateId;
        if (m_workspace.findTemplate(plan.forward->answer.fallbackTemplateId) == nullptr)
            plan.response = {200, {{"Content-Type", "application/json"}}, QByteArrayLiteral("{}"), false};
        plan.holdMs = 0;
    } else {
        // Faithful: the webhook closed or never answered, and so does the endpoint.
        plan.fault = workspace::Fault::CloseWithoutAnswer;
        plan.holdMs = 0;
    }
    const bool answers = plan.fault != workspace::Fault::Hang && plan.fault != workspace::Fault::CloseWithoutAnswer;
    record.responseStatus = answers ? plan.response.status : 0;
    record.responseHeaders = answers ? plan.response.headers : base::HeaderList {};
    record.responseBody = answers ? plan.response.body : QByteArray();
    record.error = result.message();

    history::ForwardedLeg leg;
    leg.upstreamUrl = result.forwarded.url.toString();
    leg.requestHeaders = result.forwarded.headers;
    leg.requestHeaders.prepend({"Host", result.forwarded.hostHeader});
    leg.resigned = result.forwarded.resigned;
    if (const auto &answer = result.exchange.response) {
        leg.responseStatus = answer->status;
        leg.reasonPhrase = answer->reasonPhrase;
        leg.responseHeaders = answer->headers;
        leg.responseBody = answer->body;
    }
    leg.connectUs = result.exchange.connectUs;
    leg.firstByteUs = result.exchange.firstByteUs;
    leg.sentAfterUs = result.sentAtUs;
    leg.finishedAfterUs = result.finishedAtUs;
    leg.deadlineMs = result.deadlineMs;
    leg.error = result.exchange.error;
    leg.verdict = relay::verdictName(result.verdict);
    leg.lateAnswer = relay::lateAnswerName(result.late);
    leg.fallbackAnswered = result.usesFallback();
    record.forwarded = std::move(leg);
    // The platform's outcome of the webhook's real answer, as the history row keeps it.
    if (record.eventType == contract::eventTypeName(contract::EventType::AssistantRequest))
        storeOutcome(result.observed(), result.deadlineMs, record);
}

void MockResponder::renderTemplate(const workspace::ResponseTemplate &chosen, const rules::RequestContext &context,
                                   PlannedAnswer &plan) const
{
    plan.fault = chosen.fault;
    plan.holdMs = holdTimeMs(chosen, m_platformDeadlineMs);
    // A random UUID costs a read of the system's entropy: only templates that may use one get it.
    const bool mayUseUuid = chosen.body.contains("uuid") ||
        std::any_of(chosen.headers.cbegin(), chosen.headers.cend(),
                    [](const auto &header) { return header.second.contains("uuid"); });
    const templating::RenderContext renderContext = context.renderContext(mayUseUuid ? QUuid::createUuid() : QUuid());
    QStringList problems;
    const templating::RenderResult body = templating::renderBody(chosen.body, chosen.bodyIsJson, renderContext);
    for (const templating::RenderError &error : body.errors)
        problems.append(error.describe());
    base::HeaderList headers;
    for (const auto &[name, value] : chosen.headers) {
        // Most header values are fixed ASCII text ("application/json"): rendering would hand them back unchanged.
        if (std::all_of(value.cbegin(), value.cend(), [](char byte) {
                return byte != '{' && byte != '}' && static_cast<unsigned char>(byte) < 0x80;
            })) {
            headers.append({name, value});
            continue;
        }
        const templating::RenderResult rendered = templating::renderText(QString::fromLatin1(value), renderContext);
        for (const templating::RenderError &error : rendered.errors)
            problems.append(QString::fromLatin1(name) + QLatin1String(": ") + error.describe());
        headers.append({name, rendered.body});
    }
    if (!problems.isEmpty()) {
        plan.response = renderErrorResponse(problems);
        plan.fault = workspace::Fault::None;
        plan.record.error = problems.join(QLatin1String("; "));
    } else {
        plan.response = {chosen.status, headers, body.body, false};
        plan.response.body = bodyOnTheWire(plan.fault, plan.response.body);
    }
}

} // namespace dockside::mock
