#include "callevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace dockside::contract {

namespace {

struct EventTypeName {
    EventType type;
    QLatin1StringView name;
};

constexpr EventTypeName kEventTypeNames[] = {
    {EventType::AssistantRequest, QLatin1StringView("assistant-request")},
    {EventType::StatusUpdate, QLatin1StringView("status-update")},
    {EventType::ToolCalls, QLatin1StringView("tool-calls")},
    {EventType::EndOfCallReport, QLatin1StringView("end-of-call-report")},
};

struct CallTypeName {
    CallType type;
    QLatin1StringView name;
};

constexpr CallTypeName kCallTypeNames[] = {
    {CallType::InboundPhoneCall, QLatin1StringView("inbound_phone_call")},
    {CallType::OutboundPhoneCall, QLatin1StringView("outbound_phone_call")},
    {CallType::WebCall, QLatin1StringView("web_call")},
};

QString defaultStatus(EventType type)
{
    switch (type) {
    case EventType::AssistantRequest:
        return QStringLiteral("ringing");
    case EventType::StatusUpdate:
    case EventType::ToolCalls:
        return QStringLiteral("in-progress");
    case EventType::EndOfCallReport:
        return QStringLiteral("ended");
    }
    return {};
}

QJsonValue numberOrNull(CallType callType, const QString &number)
{
    // Web calls have no phone numbers: the SDK sends null.
    if (callType == CallType::WebCall)
        return QJsonValue::Null;
    return number;
}

} // namespace

QString eventTypeName(EventType type)
{
    for (const auto &entry : kEventTypeNames) {
        if (entry.type == type)
            return entry.name;
    }
    return {};
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    for (const auto &entry : kEventTypeNames) {
        if (name == entry.name)
            return entry.type;
    }
    return std::nullopt;
}

QString callTypeName(CallType type)
{
    for (const auto &entry : kCallTypeNames) {
        if (entry.type == type)
            return entry.name;
    }
    return {};
}

std::optional<CallType> callTypeFromName(QStringView name)
{
    for (const auto &entry : kCallTypeNames) {
        if (name == entry.name)
            return entry.type;
    }
    return std::nullopt;
}

QStringList knownCallStatuses()
{
    return {QStringLiteral("connecting"), QStringLiteral("ringing"),          QStringLiteral("in-progress"),
            QStringLiteral("ended"),      QStringLiteral("ended-with-error"), QStringLiteral("transferred"),
            QStringLiteral("failed"),     QStringLiteral("rejected"),         QStringLiteral("insufficient-credits")};
}

QString isoTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString newCallId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject buildEventPayload(const EventOptions &options)
{
    const QDateTime timestamp = options.timestamp.isValid() ? options.timestamp : QDateTime::currentDateTimeUtc();

    QJsonObject call {
        {QStringLiteral("id"), options.callId.isEmpty() ? newCallId() : options.callId},
        {QStringLiteral("type"), callTypeName(options.callType)},
        {QStringLiteral("status"), options.callStatus.isEmpty() ? defaultStatus(options.type) : options.callStatus},
    };

    QJsonObject phoneNumber {
        {QStringLiteral("number"), numberOrNull(options.callType, options.phoneNumber)},
        {QStringLiteral("name"), options.phoneNumberName},
    };
    if (options.phoneNumberId)
        phoneNumber.insert(QStringLiteral("id"),
                           options.phoneNumberId->isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(*options.phoneNumberId));

    QJsonObject message {
        {QStringLiteral("type"), eventTypeName(options.type)},
        {QStringLiteral("timestamp"), isoTimestamp(timestamp)},
        {QStringLiteral("call"), call},
        {QStringLiteral("phone_number"), phoneNumber},
        {QStringLiteral("customer"),
         QJsonObject {{QStringLiteral("number"), numberOrNull(options.callType, options.customerNumber)}}},
    };
    if (options.assistant)
        message.insert(QStringLiteral("assistant"), *options.assistant);

    switch (options.type) {
    case EventType::AssistantRequest:
        break;
    case EventType::StatusUpdate:
        if (options.error)
            message.insert(QStringLiteral("error"), *options.error);
        if (options.endReason)
            message.insert(QStringLiteral("end_reason"), *options.endReason);
        break;
    case EventType::ToolCalls: {
        QJsonArray list;
        for (const ToolCall &toolCall : options.toolCalls) {
            list.append(QJsonObject {
                {QStringLiteral("id"), toolCall.id.isEmpty() ? newCallId() : toolCall.id},
                {QStringLiteral("type"), QStringLiteral("function")},
                {QStringLiteral("function"),
                 QJsonObject {{QStringLiteral("name"), toolCall.functionName},
                              {QStringLiteral("arguments"), toolCall.arguments}}},
            });
        }
        message.insert(QStringLiteral("tool_call_list"), list);
        break;
    }
    case EventType::EndOfCallReport: {
        message.insert(QStringLiteral("duration_seconds"), options.durationSeconds);
        if (options.endReason)
            message.insert(QStringLiteral("end_reason"), *options.endReason);
        if (options.startedAt)
            message.insert(QStringLiteral("started_at"), isoTimestamp(*options.startedAt));
        if (options.endedAt)
            message.insert(QStringLiteral("ended_at"), isoTimestamp(*options.endedAt));
        message.insert(QStringLiteral("summary"), options.summary);
        QJsonArray transcript;
        for (const TranscriptMessage &entry : options.messages)
            transcript.append(
                QJsonObject {{QStringLiteral("role"), entry.role}, {QStringLiteral("content"), entry.content}});
        message.insert(QStringLiteral("messages"), transcript);
        if (options.analysis)
            message.insert(QStringLiteral("analysis"), *options.analysis);
        if (options.recordingUrl)
            message.insert(QStringLiteral("recording_url"), *options.recordingUrl);
        break;
    }
    }
    return QJsonObject {{QStringLiteral("message"), message}};
}

QByteArray serializeEvent(const QJsonObject &payload)
{
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

} // namespace dockside::contract
