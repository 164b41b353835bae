// SPDX-License-Identifier: GPL-3.0-or-later

#include "callformat.h"

#include "base/latencytext.h"
#include "history/exchangerecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace dockside::calls {

namespace {

QString timeText(qint64 microseconds)
{
    return QDateTime::fromMSecsSinceEpoch(microseconds / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString isoTime(qint64 microseconds)
{
    return QDateTime::fromMSecsSinceEpoch(microseconds / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString secondsText(qint64 microseconds)
{
    return QString::number(static_cast<double>(microseconds) / 1e6, 'f', 1) + QStringLiteral(" s");
}

} // namespace

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.isNull() ? QStringLiteral("null") : QString();
}

QString offsetText(qint64 offsetUs)
{
    return QStringLiteral("+%1 s").arg(static_cast<double>(offsetUs) / 1e6, 0, 'f', 3);
}

QString callSummaryLine(const CallSummary &call)
{
    QString line = QStringLiteral("%1  %2  %3  %4  %5  %6 event(s)")
                       .arg(call.callId, timeText(call.firstAtUs),
                            call.callerNumber.isEmpty() ? QStringLiteral("(no number)") : call.callerNumber,
                            secondsText(call.durationUs()), callOutcomeName(call.outcome))
                       .arg(call.exchangeCount());
    line += QStringLiteral("  worst %1 ms of %2 s")
                .arg(base::millisecondsText(call.worstLatencyUs))
                .arg(call.worstDeadlineMs / 1000);
    if (call.anyLate())
        line += QStringLiteral(" (late)");
    return line;
}

QJsonObject callSummaryToJson(const CallSummary &call)
{
    return {
        {QStringLiteral("call_id"), call.callId},
        {QStringLiteral("first_at"), isoTime(call.firstAtUs)},
        {QStringLiteral("last_at"), isoTime(call.lastAtUs)},
        {QStringLiteral("duration_ms"), static_cast<double>(call.durationUs() / 1000)},
        {QStringLiteral("caller"), call.callerNumber},
        {QStringLiteral("direction"), history::directionName(call.direction)},
        {QStringLiteral("events"), call.exchangeCount()},
        {QStringLiteral("outcome"), callOutcomeName(call.outcome)},
        {QStringLiteral("outcome_reason"), call.outcomeReason},
        {QStringLiteral("worst_latency_ms"), static_cast<double>(call.worstLatencyUs) / 1000.0},
        {QStringLiteral("worst_deadline_ms"), static_cast<double>(call.worstDeadlineMs)},
        {QStringLiteral("worst_exchange_id"), static_cast<double>(call.worstExchangeId)},
        {QStringLiteral("late"), call.anyLate()},
    };
}

QString callTrackToText(const CallTrack &track)
{
    QString text = QStringLiteral("Call %1\n").arg(track.callId);
    text += QStringLiteral("  from %1 to %2, %3, %4 exchange(s), %5\n")
                .arg(track.callerNumber.isEmpty() ? QStringLiteral("(no number)") : track.callerNumber,
                     track.calledNumber.isEmpty() ? QStringLiteral("(no number)") : track.calledNumber,
                     timeText(track.startUs))
                .arg(track.marks.size())
                .arg(secondsText(track.spanUs()));
    for (const CallMark &mark : track.marks) {
        text += QStringLiteral("%1  #%2  %3\n")
                    .arg(offsetText(mark.offsetUs).rightJustified(12))
                    .arg(mark.exchangeId)
                    .arg(mark.title);
        for (const QString &detail : mark.details)
            text += QStringLiteral("              %1\n").arg(detail);
        for (const CallFlag &flag : track.flags) {
            if (flag.exchangeId == mark.exchangeId)
                text += QStringLiteral("              %1: %2\n")
                            .arg(flagSeverityName(flag.severity).toUpper(), flag.message);
        }
    }
    for (const CallFlag &flag : track.flags) {
        if (flag.exchangeId == 0)
            text += QStringLiteral("%1: %2\n").arg(flagSeverityName(flag.severity).toUpper(), flag.message);
    }
    const qsizetype errors = std::count_if(track.flags.cbegin(), track.flags.cend(), [](const CallFlag &flag) {
        return flag.severity == CallFlag::Severity::Error;
    });
    text += errors == 0 ? QStringLiteral("The events follow the contract's order.\n")
                        : QStringLiteral("%1 break(s) of the contract's order.\n").arg(errors);
    return text;
}

QJsonObject callTrackToJson(const CallTrack &track)
{
    QJsonArray marks;
    for (const CallMark &mark : track.marks) {
        QJsonObject object {
            {QStringLiteral("exchange_id"), static_cast<double>(mark.exchangeId)},
            {QStringLiteral("event_type"), mark.eventType},
            {QStringLiteral("offset_ms"), static_cast<double>(mark.offsetUs) / 1000.0},
            {QStringLiteral("latency_ms"), static_cast<double>(mark.latencyUs) / 1000.0},
            {QStringLiteral("deadline_ms"), static_cast<double>(mark.deadlineMs)},
            {QStringLiteral("late"), mark.late()},
            {QStringLiteral("status"), mark.responseStatus},
            {QStringLiteral("title"), mark.title},
            {QStringLiteral("details"), QJsonArray::fromStringList(mark.details)},
        };
        if (!mark.callStatus.isEmpty())
            object.insert(QStringLiteral("call_status"), mark.callStatus);
        if (!mark.toolCalls.isEmpty()) {
            QJsonArray tools;
            for (const ToolCallMark &tool : mark.toolCalls)
                tools.append(
                    QJsonObject {{QStringLiteral("id"), tool.id},
                                 {QStringLiteral("name"), tool.name},
                                 {QStringLiteral("arguments"), tool.arguments},
                                 {QStringLiteral("result"), tool.result.isUndefined() ? QJsonValue() : tool.result}});
            object.insert(QStringLiteral("tool_calls"), tools);
        }
        marks.append(object);
    }
    QJsonArray flags;
    for (const CallFlag &flag : track.flags)
        flags.append(QJsonObject {{QStringLiteral("severity"), flagSeverityName(flag.severity)},
                                  {QStringLiteral("code"), flag.code},
                                  {QStringLiteral("message"), flag.message},
                                  {QStringLiteral("exchange_id"), static_cast<double>(flag.exchangeId)}});
    QJsonArray analysis;
    for (const AnalysisField &field : track.analysis)
        analysis.append(QJsonObject {{QStringLiteral("field"), field.name},
                                     {QStringLiteral("value"), field.value.isUndefined() ? QJsonValue() : field.value},
                                     {QStringLiteral("problem"), analysisProblemText(field)}});
    QJsonObject object {
        {QStringLiteral("call_id"), track.callId},
        {QStringLiteral("caller"), track.callerNumber},
        {QStringLiteral("called"), track.calledNumber},
        {QStringLiteral("direction"), history::directionName(track.direction)},
        {QStringLiteral("started_at"), isoTime(track.startUs)},
        {QStringLiteral("span_ms"), static_cast<double>(track.spanUs()) / 1000.0},
        {QStringLiteral("marks"), marks},
        {QStringLiteral("flags"), flags},
        {QStringLiteral("broke_order"), track.brokeOrder()},
    };
    if (track.outcome)
        object.insert(
            QStringLiteral("outcome"),
            QJsonObject {{QStringLiteral("disposition"), contract::dispositionName(track.outcome->disposition)},
                         {QStringLiteral("reason"), contract::reasonCode(track.outcome->reason)},
                         {QStringLiteral("spoken_first"), track.outcome->spokenFirst}});
    if (track.maxDurationSeconds > 0)
        object.insert(QStringLiteral("max_duration_seconds"), track.maxDurationSeconds);
    if (track.reportedDurationSeconds)
        object.insert(QStringLiteral("duration_seconds"), *track.reportedDurationSeconds);
    if (!track.summary.isEmpty())
        object.insert(QStringLiteral("summary"), track.summary);
    if (track.analysisPlanned || !track.analysis.isEmpty())
        object.insert(QStringLiteral("analysis"), analysis);
    return object;
}

} // namespace dockside::calls
