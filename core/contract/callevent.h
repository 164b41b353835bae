// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::contract {

enum class EventType { AssistantRequest, StatusUpdate, ToolCalls, EndOfCallReport };
enum class CallType { InboundPhoneCall, OutboundPhoneCall, WebCall };
// The SDK whose payload types the events follow (CONTRACT.md §2). V1_0_1, the current one, has no phone_number.id,
// no status-update end_reason and no report end_reason, started_at or ended_at; V1_0_0 and earlier had them.
enum class SdkVersion { V1_0_1, V1_0_0 };
inline constexpr SdkVersion kCurrentSdkVersion = SdkVersion::V1_0_1;

QString eventTypeName(EventType type);
std::optional<EventType> eventTypeFromName(QStringView name);
QString callTypeName(CallType type);
std::optional<CallType> callTypeFromName(QStringView name);
QString sdkVersionName(SdkVersion version); // "1.0.1"
std::optional<SdkVersion> sdkVersionFromName(QStringView name);
QList<SdkVersion> sdkVersions(); // the current one first
// Statuses the SDK names; others may appear and are accepted.
QStringList knownCallStatuses();

struct ToolCall {
    QString id;
    QString functionName;
    QJsonObject arguments;
};

struct TranscriptMessage {
    QString role;
    QString content;
};

// Everything needed to build one platform event; the GUI form and the CLI flags both fill this.
struct EventOptions {
    EventType type = EventType::AssistantRequest;
    SdkVersion sdk = kCurrentSdkVersion; // decides which of the fields below only V1_0_0 has are sent
    QDateTime timestamp; // empty: now
    QString callId; // empty: a fresh UUID v4
    CallType callType = CallType::InboundPhoneCall;
    QString callStatus; // empty: the usual status for the event type
    // V1_0_0; web calls and an empty id: null; unset: a UUID derived from phoneNumber, the same for every event.
    std::optional<QString> phoneNumberId;
    QString phoneNumber = QStringLiteral("+31850835037");
    QString phoneNumberName = QStringLiteral("HMS Sovereign Demo");
    QString customerNumber = QStringLiteral("+31612345678");
    std::optional<QJsonObject> assistant;

    // status-update and end-of-call-report
    std::optional<QString> error;
    std::optional<QString> endReason; // V1_0_0

    // tool-calls
    QList<ToolCall> toolCalls;

    // end-of-call-report
    int durationSeconds = 0;
    std::optional<QDateTime> startedAt; // V1_0_0
    std::optional<QDateTime> endedAt; // V1_0_0
    QString summary;
    QList<TranscriptMessage> messages;
    std::optional<QJsonObject> analysis;
    std::optional<QString> recordingUrl;
};

QString isoTimestamp(const QDateTime &time);
QString newCallId();

// The JSON envelope {"message": {...}} exactly as CONTRACT.md §2 shows it, in the shape of options.sdk: under V1_0_1
// the fields only earlier SDKs had are never sent, even when set.
QJsonObject buildEventPayload(const EventOptions &options);
// Under V1_0_0, the end-of-call-report fields a form or a flag left unset, as for a call that ended at endedAt:
// end_reason "customer-ended-call" [assumed], ended_at, and started_at durationSeconds before it. Otherwise nothing.
void fillEarlierSdkReportFields(EventOptions &options, const QDateTime &endedAt);
// The bytes that go on the wire and get signed.
QByteArray serializeEvent(const QJsonObject &payload);

} // namespace dockside::contract
