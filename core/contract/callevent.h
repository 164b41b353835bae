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

QString eventTypeName(EventType type);
std::optional<EventType> eventTypeFromName(QStringView name);
QString callTypeName(CallType type);
std::optional<CallType> callTypeFromName(QStringView name);
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
    QDateTime timestamp; // empty: now
    QString callId; // empty: a fresh UUID v4
    CallType callType = CallType::InboundPhoneCall;
    QString callStatus; // empty: the usual status for the event type
    std::optional<QString> phoneNumberId;
    QString phoneNumber = QStringLiteral("+31850835037");
    QString phoneNumberName = QStringLiteral("HMS Sovereign Demo");
    QString customerNumber = QStringLiteral("+31612345678");
    std::optional<QJsonObject> assistant;

    // status-update and end-of-call-report
    std::optional<QString> error;
    std::optional<QString> endReason;

    // tool-calls
    QList<ToolCall> toolCalls;

    // end-of-call-report
    int durationSeconds = 0;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> endedAt;
    QString summary;
    QList<TranscriptMessage> messages;
    std::optional<QJsonObject> analysis;
    std::optional<QString> recordingUrl;
};

QString isoTimestamp(const QDateTime &time);
QString newCallId();

// The JSON envelope {"message": {...}} exactly as CONTRACT.md §2 shows it.
QJsonObject buildEventPayload(const EventOptions &options);
// The bytes that go on the wire and get signed.
QByteArray serializeEvent(const QJsonObject &payload);

} // namespace dockside::contract
