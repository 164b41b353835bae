// SPDX-License-Identifier: GPL-3.0-or-later

#include "callscript.h"

#include "assistanttools.h"
#include "eventsender.h"
#include "samplejson.h"

#include "contract/defaultassistant.h"

#include <QJsonArray>

namespace dockside::composer {

namespace {

QStringList webhookEventsOf(const QJsonObject &assistant)
{
    const QJsonValue events = assistant.value(QStringLiteral("webhook_events"));
    // Without the key every event is sent (assumed): the platform's default is not documented.
    if (!events.isArray())
        return {QStringLiteral("assistant-request"), QStringLiteral("status-update"), QStringLiteral("tool-calls"),
                QStringLiteral("end-of-call-report")};
    QStringList names;
    for (const QJsonValue &name : events.toArray())
        names.append(name.toString());
    return names;
}

QList<contract::TranscriptMessage> sampleTranscript(const QString &greeting)
{
    return {{QStringLiteral("assistant"), greeting},
            {QStringLiteral("user"), QStringLiteral("Hi, I would like to book an appointment for next Tuesday.")},
            {QStringLiteral("assistant"), QStringLiteral("Of course. Would ten o'clock suit you?")},
            {QStringLiteral("user"), QStringLiteral("Yes, perfect. Thank you!")}};
}

} // namespace

CallScriptRunner::CallScriptRunner(QObject *parent)
    : QObject(parent)
    , m_sender(std::make_unique<EventSender>())
{
    connect(m_sender.get(), &EventSender::failed, this, [this](quint64, const QString &message) {
        m_running = false;
        Q_EMIT failed(message);
    });
    connect(m_sender.get(), &EventSender::finished, this, [this](quint64, const SendResult &result) {
        CallStep step = m_plan.takeFirst();
        m_planned.removeFirst();
        step.result = result;
        m_report.steps.append(step);
        Q_EMIT stepFinished(step);
        if (step.event == contract::EventType::AssistantRequest)
            planAfterAssistantRequest(result);
        sendNext();
    });
}

CallScriptRunner::~CallScriptRunner() = default;

void CallScriptRunner::run(const CallScriptOptions &options)
{
    if (m_running)
        return;
    m_running = true;
    m_options = options;
    m_report = {};
    if (m_options.call.event.callId.isEmpty())
        m_options.call.event.callId = contract::newCallId(); // one call, one id, in every event
    if (m_options.call.defaultAssistant.isEmpty())
        m_options.call.defaultAssistant = contract::builtinDefaultAssistant();
    contract::EventOptions request = m_options.call.event;
    request.type = contract::EventType::AssistantRequest;
    request.callStatus = QStringLiteral("ringing");
    m_plan = {{QStringLiteral("assistant-request (ringing)"),
               contract::EventType::AssistantRequest,
               std::nullopt,
               {},
               contract::Source::Seed,
               {}}};
    m_planned = {request};
    sendNext();
}

void CallScriptRunner::planAfterAssistantRequest(const SendResult &result)
{
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();
    contract::EventOptions base = m_options.call.event;
    const auto plan = [&](contract::EventType type, const QString &title, contract::EventOptions event,
                          const QStringList &events, const QStringList &notes = {}) {
        const QString name = contract::eventTypeName(type);
        CallStep step {title, type, std::nullopt, {}, contract::Source::Assumed, notes};
        if (!events.contains(name)) {
            step.skippedBecause = QStringLiteral("%1 is not in the assistant's webhook_events").arg(name);
            m_report.steps.append(step);
            Q_EMIT stepFinished(step);
            return;
        }
        event.type = type;
        m_plan.append(step);
        m_planned.append(event);
    };

    if (!result.outcome)
        return;
    m_report.outcome = result.outcome;
    if (result.outcome->disposition == contract::Disposition::Rejected) {
        // A rejected call never starts: one closing status update (assumed), no tool calls, no report.
        contract::EventOptions rejected = base;
        rejected.callStatus = QStringLiteral("rejected");
        rejected.endReason = QStringLiteral("assistant-request-rejected");
        plan(contract::EventType::StatusUpdate, QStringLiteral("status-update (rejected)"), rejected,
             webhookEventsOf(m_options.call.defaultAssistant));
        return;
    }

    const QJsonObject assistant = result.outcome->effectiveAssistant;
    const QStringList events = webhookEventsOf(assistant);
    contract::EventOptions inProgress = base;
    inProgress.callStatus = QStringLiteral("in-progress");
    plan(contract::EventType::StatusUpdate, QStringLiteral("status-update (in-progress)"), inProgress, events);

    const QList<AssistantTool> ownTools = assistantTools(assistant);
    const bool userChoseTools =
        !m_options.toolCalls.isEmpty() && m_options.listedToolCalls == ListedToolCalls::InsteadOfTheAssistants;
    if (!userChoseTools && !ownTools.isEmpty()) {
        // The call plays the tools the answer configured, so a webhook sees the tool calls its own answer asks for.
        contract::EventOptions tools = base;
        tools.callStatus = QStringLiteral("in-progress");
        QStringList names;
        QStringList notes;
        for (const AssistantTool &tool : ownTools) {
            tools.toolCalls.append(tool.call);
            names.append(tool.call.functionName);
            if (!tool.serverUrl.isEmpty())
                notes.append(QStringLiteral("%1: the assistant names its own server %2 for it; not followed, the call "
                                            "goes to the webhook under test")
                                 .arg(tool.call.functionName, tool.serverUrl));
        }
        plan(contract::EventType::ToolCalls,
             QStringLiteral("tool-calls: %1 (from the assistant's llm_config.tools)")
                 .arg(names.join(QStringLiteral(", "))),
             tools, events, notes);
    } else if (!m_options.toolCalls.isEmpty()) {
        contract::EventOptions tools = base;
        tools.callStatus = QStringLiteral("in-progress");
        tools.toolCalls = m_options.toolCalls;
        plan(contract::EventType::ToolCalls, QStringLiteral("tool-calls (%1)").arg(m_options.toolCalls.size()), tools,
             events);
    }

    contract::EventOptions ended = base;
    ended.callStatus = QStringLiteral("ended");
    ended.endReason = QStringLiteral("customer-ended-call");
    plan(contract::EventType::StatusUpdate, QStringLiteral("status-update (ended)"), ended, events);

    contract::EventOptions report = base;
    report.callStatus = QStringLiteral("ended");
    report.endReason = QStringLiteral("customer-ended-call");
    report.durationSeconds = std::min(m_options.durationSeconds, std::max(1, result.outcome->maxDurationSeconds));
    report.startedAt = startedAt;
    report.endedAt = startedAt.addSecs(report.durationSeconds);
    report.summary = QStringLiteral("The caller booked an appointment for next Tuesday at ten.");
    report.messages = sampleTranscript(result.outcome->spokenFirst);
    const QJsonObject structuredDataPlan = assistant.value(QStringLiteral("analysis_plan"))
                                               .toObject()
                                               .value(QStringLiteral("structured_data_plan"))
                                               .toObject();
    if (structuredDataPlan.value(QStringLiteral("enabled")).toBool(false)) {
        // Data shaped by the answer's own schema, so a webhook can test its parsing of the report.
        report.analysis =
            QJsonObject {{QStringLiteral("structured_data"),
                          sampleForSchema(structuredDataPlan.value(QStringLiteral("schema")).toObject())}};
    }
    plan(contract::EventType::EndOfCallReport, QStringLiteral("end-of-call-report"), report, events);
}

void CallScriptRunner::sendNext()
{
    // Skipped steps keep their place in the report, so it reads in call order.
    while (!m_plan.isEmpty() && !m_plan.first().skippedBecause.isEmpty()) {
        const CallStep skipped = m_plan.takeFirst();
        m_planned.removeFirst();
        m_report.steps.append(skipped);
        Q_EMIT stepFinished(skipped);
    }
    if (m_planned.isEmpty()) {
        m_running = false;
        Q_EMIT finished(m_report);
        return;
    }
    SendOptions options = m_options.call;
    options.event = m_planned.first();
    m_sender->send(options);
}

} // namespace dockside::composer
