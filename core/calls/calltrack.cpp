// SPDX-License-Identifier: GPL-3.0-or-later

#include "calltrack.h"

#include "callformat.h"
#include "callsummary.h"

#include "base/latencytext.h"
#include "contract/callevent.h"
#include "history/exchangechecks.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace dockside::calls {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Calls", text);
}

bool isFinalStatus(const QString &status)
{
    return status == u"ended" || status == u"ended-with-error" || status == u"transferred" || status == u"failed";
}

QString name(contract::EventType type)
{
    return contract::eventTypeName(type);
}

// The tool results a webhook answered with: {"results": [{"tool_call_id", "result"}]} as the SDK's examples show,
// matched by id; any other answer is shown whole against every call.
QJsonValue resultFor(const QJsonDocument &answer, const QString &toolCallId)
{
    const QJsonArray results = answer.object().value(QStringLiteral("results")).toArray();
    for (const QJsonValue &entry : results) {
        const QJsonObject result = entry.toObject();
        if (result.value(QStringLiteral("tool_call_id")).toString() == toolCallId)
            return result.contains(QStringLiteral("result")) ? result.value(QStringLiteral("result"))
                                                             : QJsonValue(result);
    }
    if (answer.isObject())
        return answer.object();
    if (answer.isArray())
        return answer.array();
    return QJsonValue(QJsonValue::Undefined);
}

class TrackBuilder {
public:
    TrackBuilder(CallTrack &track, const QJsonObject &defaultAssistant, bool callHasStatusUpdates)
        : m_track(track)
        , m_defaultAssistant(defaultAssistant)
        , m_callHasStatusUpdates(callHasStatusUpdates)
    {
    }

    void add(const history::ExchangeRecord &record)
    {
        CallMark mark;
        mark.exchangeId = record.id;
        mark.eventType = record.eventType;
        mark.offsetUs = record.request.receivedAtUs - m_track.startUs;
        mark.latencyUs = record.latencyUs;
        mark.deadlineMs = deadlineMsFor(record.eventType);
        mark.responseStatus = record.responseStatus;
        const QJsonObject message =
            QJsonDocument::fromJson(record.request.body).object().value(QStringLiteral("message")).toObject();
        mark.callStatus = message.value(QStringLiteral("call")).toObject().value(QStringLiteral("status")).toString();

        const bool duplicateReport = m_reportSeen && record.eventType == name(contract::EventType::EndOfCallReport);
        if (m_reportSeen && !duplicateReport)
            flag(CallFlag::Severity::Error, QStringLiteral("event_after_report"),
                 tr("%1 arrived after the end-of-call report; nothing should follow it.").arg(describe(record)),
                 record.id);

        if (record.eventType == name(contract::EventType::AssistantRequest))
            addAssistantRequest(record, mark);
        else if (record.eventType == name(contract::EventType::StatusUpdate))
            addStatusUpdate(record, message, mark);
        else if (record.eventType == name(contract::EventType::ToolCalls))
            addToolCalls(record, message, mark);
        else if (record.eventType == name(contract::EventType::EndOfCallReport))
            addReport(record, message, mark, duplicateReport);
        else
            mark.title = QStringLiteral("%1 %2").arg(QString::fromLatin1(record.request.method),
                                                     QString::fromUtf8(record.request.target));

        if (record.responseStatus == 0)
            mark.details << (record.error.isEmpty() ? tr("No answer.") : tr("No answer: %1").arg(record.error));
        else
            mark.details << tr("Answered %1 in %2 ms of %3 s%4")
                                .arg(record.responseStatus)
                                .arg(base::millisecondsText(record.latencyUs))
                                .arg(mark.deadlineMs / 1000)
                                .arg(mark.late() ? tr(": too late") : QString());
        m_track.marks.append(mark);
    }

    void finish()
    {
        if (!m_assistantRequestSeen && !m_track.marks.isEmpty())
            flag(CallFlag::Severity::Note, QStringLiteral("no_assistant_request"),
                 tr("No assistant-request was seen for this call: the assistant may not subscribe to it, or it went "
                    "elsewhere."),
                 0);
    }

private:
    static QString describe(const history::ExchangeRecord &record)
    {
        return record.eventType.isEmpty() ? tr("A request") : record.eventType;
    }

    void flag(CallFlag::Severity severity, const QString &code, const QString &message, qint64 exchangeId)
    {
        m_track.flags.append({severity, code, message, exchangeId});
    }

    bool answered() const
    {
        // A call without status updates (an assistant need not subscribe to them) is answered by its
        // assistant-request's answer; with them, by "in-progress".
        return m_inProgress ||
            (!m_callHasStatusUpdates && m_track.outcome &&
             m_track.outcome->disposition == contract::Disposition::Answered);
    }

    bool rejected() const { return m_track.outcome && m_track.outcome->disposition == contract::Disposition::Rejected; }

    void addAssistantRequest(const history::ExchangeRecord &record, CallMark &mark)
    {
        if (m_assistantRequestSeen) {
            flag(CallFlag::Severity::Error, QStringLiteral("second_assistant_request"),
                 tr("A second assistant-request for the same call; the platform sends one."), record.id);
            mark.title = tr("assistant-request (again)");
            return;
        }
        m_assistantRequestSeen = true;
        m_track.outcome = history::recordedOutcome(record, m_defaultAssistant);
        const contract::CallOutcome &outcome = *m_track.outcome;
        m_track.maxDurationSeconds =
            outcome.disposition == contract::Disposition::Answered ? outcome.maxDurationSeconds : 0;
        const QJsonObject plan = outcome.effectiveAssistant.value(QStringLiteral("analysis_plan"))
                                     .toObject()
                                     .value(QStringLiteral("structured_data_plan"))
                                     .toObject();
        m_track.analysisPlanned = plan.value(QStringLiteral("enabled")).toBool(false);
        m_analysisSchema = plan.value(QStringLiteral("schema")).toObject();

        const CallOutcomeKind kind = m_track.outcomeKind();
        mark.title = QStringLiteral("assistant-request: %1").arg(callOutcomeLabel(kind).toLower());
        if (kind == CallOutcomeKind::DefaultAssistant)
            mark.details << tr("Why: %1").arg(outcome.explanation);
        if (!outcome.spokenFirst.isEmpty())
            mark.details << tr("The caller hears first: \"%1\"").arg(outcome.spokenFirst);
        if (m_track.maxDurationSeconds > 0)
            mark.details << tr("Duration limit: %1 s").arg(m_track.maxDurationSeconds);
    }

    void addStatusUpdate(const history::ExchangeRecord &record, const QJsonObject &message, CallMark &mark)
    {
        m_statusSeen = true;
        const QString status = mark.callStatus;
        mark.title = QStringLiteral("status-update: %1").arg(status.isEmpty() ? tr("(no status)") : status);
        for (const char *key : {"end_reason", "error"}) {
            const QString value = message.value(QLatin1String(key)).toString();
            if (!value.isEmpty())
                mark.details << QStringLiteral("%1: %2").arg(QLatin1String(key), value);
        }
        if (rejected() && status != u"rejected" && !m_reportSeen)
            flag(CallFlag::Severity::Error, QStringLiteral("event_after_rejection"),
                 tr("status-update \"%1\" after the call was rejected; only \"rejected\" and the report may follow.")
                     .arg(status),
                 record.id);
        if (status == u"in-progress")
            m_inProgress = true;
        if (isFinalStatus(status))
            m_ended = true;
    }

    void addToolCalls(const history::ExchangeRecord &record, const QJsonObject &message, CallMark &mark)
    {
        const QJsonDocument answer = QJsonDocument::fromJson(record.responseBody);
        QStringList names;
        for (const QJsonValue &entry : message.value(QStringLiteral("tool_call_list")).toArray()) {
            const QJsonObject call = entry.toObject();
            const QJsonObject function = call.value(QStringLiteral("function")).toObject();
            ToolCallMark tool;
            tool.id = call.value(QStringLiteral("id")).toString();
            tool.name = function.value(QStringLiteral("name")).toString();
            tool.arguments = function.value(QStringLiteral("arguments"));
            tool.result = resultFor(answer, tool.id);
            names << tool.name;
            mark.details << QStringLiteral("%1(%2) → %3")
                                .arg(tool.name, jsonText(tool.arguments),
                                     tool.result.isUndefined() ? tr("no result") : jsonText(tool.result));
            mark.toolCalls.append(tool);
        }
        mark.title = QStringLiteral("tool-calls: %1")
                         .arg(names.isEmpty() ? tr("(empty list)") : names.join(QStringLiteral(", ")));
        if (m_reportSeen)
            return;
        if (rejected())
            flag(CallFlag::Severity::Error, QStringLiteral("event_after_rejection"),
                 tr("A tool call on a rejected call; it never started."), record.id);
        else if (m_ended)
            flag(CallFlag::Severity::Error, QStringLiteral("tool_call_after_end"),
                 tr("A tool call after the call ended."), record.id);
        else if (!answered() && (m_assistantRequestSeen || m_statusSeen))
            flag(CallFlag::Severity::Error, QStringLiteral("tool_call_before_answer"),
                 tr("A tool call before the call was answered (no in-progress status yet)."), record.id);
    }

    void addReport(const history::ExchangeRecord &record, const QJsonObject &message, CallMark &mark, bool duplicate)
    {
        mark.title = QStringLiteral("end-of-call-report");
        if (duplicate) {
            flag(CallFlag::Severity::Error, QStringLiteral("duplicate_report"),
                 tr("A second end-of-call report; the platform sends exactly one."), record.id);
            mark.title = tr("end-of-call-report (again)");
            return;
        }
        m_reportSeen = true;
        const QJsonValue duration = message.value(QStringLiteral("duration_seconds"));
        if (duration.isDouble()) {
            m_track.reportedDurationSeconds = duration.toDouble();
            mark.title += m_track.maxDurationSeconds > 0
                ? tr(": %1 s of %2 s").arg(duration.toDouble()).arg(m_track.maxDurationSeconds)
                : tr(": %1 s").arg(duration.toDouble());
            if (m_track.maxDurationSeconds > 0 && duration.toDouble() > m_track.maxDurationSeconds)
                flag(CallFlag::Severity::Error, QStringLiteral("duration_over_limit"),
                     tr("The call lasted %1 s, over its effective limit of %2 s.")
                         .arg(duration.toDouble())
                         .arg(m_track.maxDurationSeconds),
                     record.id);
        }
        m_track.summary = message.value(QStringLiteral("summary")).toString();
        if (!m_track.summary.isEmpty())
            mark.details << tr("Summary: %1").arg(m_track.summary);
        const QJsonValue data =
            message.value(QStringLiteral("analysis")).toObject().value(QStringLiteral("structured_data"));
        if (m_track.analysisPlanned || !data.isUndefined()) {
            m_track.analysis = checkAnalysis(m_analysisSchema, data);
            for (const AnalysisField &field : std::as_const(m_track.analysis)) {
                const QString problem = analysisProblemText(field);
                mark.details << QStringLiteral("%1 = %2%3")
                                    .arg(field.name,
                                         field.value.isUndefined() ? tr("(missing)") : jsonText(field.value),
                                         problem.isEmpty() ? QString() : QStringLiteral("  ⚠ ") + problem);
            }
        }
    }

    CallTrack &m_track;
    const QJsonObject &m_defaultAssistant;
    const bool m_callHasStatusUpdates;
    QJsonObject m_analysisSchema;
    bool m_assistantRequestSeen = false;
    bool m_statusSeen = false;
    bool m_inProgress = false;
    bool m_ended = false;
    bool m_reportSeen = false;
};

} // namespace

bool CallTrack::brokeOrder() const
{
    return std::any_of(flags.cbegin(), flags.cend(),
                       [](const CallFlag &flag) { return flag.severity == CallFlag::Severity::Error; });
}

CallOutcomeKind CallTrack::outcomeKind() const
{
    return outcome ? outcomeKindOf(outcome->disposition, outcome->reason) : CallOutcomeKind::NoAssistantRequest;
}

QString flagSeverityName(CallFlag::Severity severity)
{
    return severity == CallFlag::Severity::Note ? QStringLiteral("note") : QStringLiteral("error");
}

CallTrack trackCall(QList<history::ExchangeRecord> records, const QJsonObject &defaultAssistant)
{
    CallTrack track;
    if (records.isEmpty())
        return track;
    std::stable_sort(records.begin(), records.end(), [](const auto &a, const auto &b) {
        return a.request.receivedAtUs != b.request.receivedAtUs ? a.request.receivedAtUs < b.request.receivedAtUs
                                                                : a.id < b.id;
    });
    track.callId = records.first().callId;
    track.direction = records.first().direction;
    track.startUs = records.first().request.receivedAtUs;
    for (const history::ExchangeRecord &record : records) {
        track.endUs = std::max(track.endUs, record.request.receivedAtUs + record.latencyUs);
        if (track.callerNumber.isEmpty())
            track.callerNumber = record.callerNumber;
        if (track.calledNumber.isEmpty())
            track.calledNumber = record.calledNumber;
    }
    const bool hasStatusUpdates = std::any_of(records.cbegin(), records.cend(), [](const auto &record) {
        return record.eventType == name(contract::EventType::StatusUpdate);
    });
    TrackBuilder builder(track, defaultAssistant, hasStatusUpdates);
    for (const history::ExchangeRecord &record : std::as_const(records))
        builder.add(record);
    builder.finish();
    return track;
}

} // namespace dockside::calls
