// SPDX-License-Identifier: GPL-3.0-or-later

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

struct SdkVersionName {
    SdkVersion version;
    QLatin1StringView name;
};

constexpr SdkVersionName kSdkVersionNames[] = {
    {SdkVersion::V1_0_1, QLatin1StringView("1.0.1")},
    {SdkVersion::V1_0_0, QLatin1StringView("1.0.0")},
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

// SDK 1.0.0 typed phone_number.id as a UUID or null; a web call has no number, so null, like the numbers. Without
// an id given, every event of a number carries the same one, as the platform's number record would: a name-based
// UUID, so building the event twice gives the same bytes.
QJsonValue phoneNumberIdFor(const EventOptions &options)
{
    if (options.callType == CallType::WebCall)
        return QJsonValue::Null;
    if (options.phoneNumberId)
        return options.phoneNumberId->isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(*options.phoneNumberId);
    static const QUuid kNumberNamespace = QUuid::fromString(QLatin1StringView("5c1f3c2e-6d1a-4f0b-9e57-1d0c8a4b7e21"));
    return QUuid::createUuidV5(kNumberNamespace, options.phoneNumber).toString(QUuid::WithoutBraces);
}

} // namespace

QString sdkVersionName(SdkVersion version)
{
    for (const auto &entry : kSdkVersionNames) {
        if (entry.version == version)
            return entry.name;
    }
    return {};
}

std::optional<SdkVersion> sdkVersionFromName(QStringView name)
{
    for (const auto &entry : kSdkVersionNames) {
        if (name == entry.name)
            return entry.version;
    }
    return std::nullopt;
}

QList<SdkVersion> sdkVersions()
{
    QList<SdkVersion> versions;
    for (const auto &entry : kSdkVersionNames)
        versions.append(entry.version);
    return versions;
}

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
    const bool earlierSdk = options.sdk == SdkVersion::V1_0_0;
    if (earlierSdk)
        phoneNumber.insert(QStringLiteral("id"), phoneNumberIdFor(options));

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
        if (earlierSdk && options.endReason)
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
        if (earlierSdk && options.endReason)
            message.insert(QStringLiteral("end_reason"), *options.endReason);
        if (earlierSdk && options.startedAt)
            message.insert(QStringLiteral("started_at"), isoTimestamp(*options.startedAt));
        if (earlierSdk && options.endedAt)
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

void fillEarlierSdkReportFields(EventOptions &options, const QDateTime &endedAt)
{
    if (options.sdk != SdkVersion::V1_0_0 || options.type != EventType::EndOfCallReport)
        return;
    if (!options.endReason)
        options.endReason = QStringLiteral("customer-ended-call");
    if (!options.endedAt)
        options.endedAt = endedAt;
    if (!options.startedAt)
        options.startedAt = options.endedAt->addSecs(-options.durationSeconds);
}

QByteArray serializeEvent(const QJsonObject &payload)
{
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

} // namespace dockside::contract
