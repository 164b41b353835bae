// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/callevent.h"

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <gtest/gtest.h>

namespace {

using dockside::contract::buildEventPayload;
using dockside::contract::CallType;
using dockside::contract::EventOptions;
using dockside::contract::EventType;
using dockside::contract::SdkVersion;

const QRegularExpression kIsoUtcWithMs(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));
// UUID v4: version nibble 4, variant bits 10xx.
const QRegularExpression
    kUuidV4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

QJsonObject messageOf(const EventOptions &options)
{
    return buildEventPayload(options).value(QStringLiteral("message")).toObject();
}

EventOptions optionsFor(EventType type)
{
    EventOptions options;
    options.type = type;
    return options;
}

// The envelope every event shares (CONTRACT.md §2).
void expectEnvelope(const QJsonObject &message, const QString &type, const QString &status)
{
    EXPECT_EQ(message.value(QStringLiteral("type")).toString(), type);
    const QString timestamp = message.value(QStringLiteral("timestamp")).toString();
    EXPECT_TRUE(kIsoUtcWithMs.match(timestamp).hasMatch()) << timestamp.toStdString();

    const QJsonObject call = message.value(QStringLiteral("call")).toObject();
    const QString id = call.value(QStringLiteral("id")).toString();
    EXPECT_TRUE(kUuidV4.match(id).hasMatch()) << id.toStdString();
    EXPECT_EQ(call.value(QStringLiteral("type")).toString(), QStringLiteral("inbound_phone_call"));
    EXPECT_EQ(call.value(QStringLiteral("status")).toString(), status);

    const QJsonObject phoneNumber = message.value(QStringLiteral("phone_number")).toObject();
    EXPECT_EQ(phoneNumber.value(QStringLiteral("number")).toString(), QStringLiteral("+31850835037"));
    EXPECT_EQ(phoneNumber.value(QStringLiteral("name")).toString(), QStringLiteral("HMS Sovereign Demo"));
    EXPECT_FALSE(phoneNumber.contains(QStringLiteral("id")));

    EXPECT_EQ(message.value(QStringLiteral("customer")).toObject().value(QStringLiteral("number")).toString(),
              QStringLiteral("+31612345678"));
    EXPECT_FALSE(message.contains(QStringLiteral("assistant")));
}

TEST(CallEvent, PayloadIsWrappedInMessage)
{
    const QJsonObject payload = buildEventPayload(EventOptions {});
    EXPECT_EQ(payload.keys(), QStringList {QStringLiteral("message")});
    EXPECT_TRUE(payload.value(QStringLiteral("message")).isObject());
}

TEST(CallEvent, AssistantRequestEnvelope)
{
    const QJsonObject message = messageOf(optionsFor(EventType::AssistantRequest));
    expectEnvelope(message, QStringLiteral("assistant-request"), QStringLiteral("ringing"));
    // No extra fields for an assistant-request.
    QStringList keys = message.keys();
    keys.sort();
    EXPECT_EQ(keys,
              (QStringList {QStringLiteral("call"), QStringLiteral("customer"), QStringLiteral("phone_number"),
                            QStringLiteral("timestamp"), QStringLiteral("type")}));
}

TEST(CallEvent, StatusUpdateEnvelopeAndExtraFields)
{
    EventOptions options = optionsFor(EventType::StatusUpdate);
    QJsonObject message = messageOf(options);
    expectEnvelope(message, QStringLiteral("status-update"), QStringLiteral("in-progress"));
    EXPECT_FALSE(message.contains(QStringLiteral("error")));
    EXPECT_FALSE(message.contains(QStringLiteral("end_reason")));

    options.callStatus = QStringLiteral("ended-with-error");
    options.error = QStringLiteral("LLM provider unavailable");
    options.endReason = QStringLiteral("pipeline-error");
    message = messageOf(options);
    EXPECT_EQ(message.value(QStringLiteral("call")).toObject().value(QStringLiteral("status")).toString(),
              QStringLiteral("ended-with-error"));
    EXPECT_EQ(message.value(QStringLiteral("error")).toString(), QStringLiteral("LLM provider unavailable"));
    // SDK v1.0.1 has no end_reason on a status update; 1.0.0 had it.
    EXPECT_FALSE(message.contains(QStringLiteral("end_reason")));
    options.sdk = SdkVersion::V1_0_0;
    message = messageOf(options);
    EXPECT_EQ(message.value(QStringLiteral("end_reason")).toString(), QStringLiteral("pipeline-error"));
}

TEST(CallEvent, ToolCallsEnvelopeAndToolCallList)
{
    EventOptions options = optionsFor(EventType::ToolCalls);
    options.toolCalls.append({QStringLiteral("call_1"), QStringLiteral("book_appointment"),
                              QJsonObject {{QStringLiteral("day"), QStringLiteral("tuesday")}}});
    options.toolCalls.append({QString(), QStringLiteral("lookup_customer"), QJsonObject {}});
    const QJsonObject message = messageOf(options);
    expectEnvelope(message, QStringLiteral("tool-calls"), QStringLiteral("in-progress"));

    const QJsonArray list = message.value(QStringLiteral("tool_call_list")).toArray();
    ASSERT_EQ(list.size(), 2);
    const QJsonObject first = list.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("id")).toString(), QStringLiteral("call_1"));
    EXPECT_EQ(first.value(QStringLiteral("type")).toString(), QStringLiteral("function"));
    const QJsonObject function = first.value(QStringLiteral("function")).toObject();
    EXPECT_EQ(function.value(QStringLiteral("name")).toString(), QStringLiteral("book_appointment"));
    EXPECT_EQ(function.value(QStringLiteral("arguments")).toObject(),
              (QJsonObject {{QStringLiteral("day"), QStringLiteral("tuesday")}}));

    // An empty tool call id gets a fresh one.
    const QJsonObject second = list.at(1).toObject();
    EXPECT_FALSE(second.value(QStringLiteral("id")).toString().isEmpty());
    EXPECT_TRUE(second.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).isObject());
}

TEST(CallEvent, EndOfCallReportEnvelopeAndFields)
{
    EventOptions options = optionsFor(EventType::EndOfCallReport);
    QJsonObject message = messageOf(options);
    expectEnvelope(message, QStringLiteral("end-of-call-report"), QStringLiteral("ended"));
    // Required fields are always present; optional ones only when set.
    EXPECT_EQ(message.value(QStringLiteral("duration_seconds")), QJsonValue(0));
    EXPECT_EQ(message.value(QStringLiteral("summary")), QJsonValue(QString()));
    EXPECT_TRUE(message.value(QStringLiteral("messages")).isArray());
    for (const auto &key : {QStringLiteral("end_reason"), QStringLiteral("started_at"), QStringLiteral("ended_at"),
                            QStringLiteral("analysis"), QStringLiteral("recording_url")})
        EXPECT_FALSE(message.contains(key)) << key.toStdString();

    options.durationSeconds = 95;
    options.endReason = QStringLiteral("customer-ended-call");
    options.startedAt = QDateTime(QDate(2025, 12, 13), QTime(12, 0, 0), Qt::UTC);
    options.endedAt = QDateTime(QDate(2025, 12, 13), QTime(12, 1, 35, 250), Qt::UTC);
    options.summary = QStringLiteral("Booked Tuesday at ten.");
    options.messages = {{QStringLiteral("assistant"), QStringLiteral("Hello!")},
                        {QStringLiteral("user"), QStringLiteral("Hi.")}};
    options.analysis = QJsonObject {{QStringLiteral("intent"), QStringLiteral("booking")}};
    options.recordingUrl = QStringLiteral("https://example.invalid/recording.wav");
    message = messageOf(options);
    EXPECT_EQ(message.value(QStringLiteral("duration_seconds")), QJsonValue(95));
    // SDK v1.0.1 sends none of end_reason, started_at, ended_at, even when they are set.
    for (const auto &key : {QStringLiteral("end_reason"), QStringLiteral("started_at"), QStringLiteral("ended_at")})
        EXPECT_FALSE(message.contains(key)) << key.toStdString();
    options.sdk = SdkVersion::V1_0_0;
    message = messageOf(options);
    EXPECT_EQ(message.value(QStringLiteral("end_reason")).toString(), QStringLiteral("customer-ended-call"));
    EXPECT_EQ(message.value(QStringLiteral("started_at")).toString(), QStringLiteral("2025-12-13T12:00:00.000Z"));
    EXPECT_EQ(message.value(QStringLiteral("ended_at")).toString(), QStringLiteral("2025-12-13T12:01:35.250Z"));
    EXPECT_EQ(message.value(QStringLiteral("summary")).toString(), QStringLiteral("Booked Tuesday at ten."));
    const QJsonArray transcript = message.value(QStringLiteral("messages")).toArray();
    ASSERT_EQ(transcript.size(), 2);
    EXPECT_EQ(transcript.at(0).toObject(),
              (QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("content"), QStringLiteral("Hello!")}}));
    EXPECT_EQ(message.value(QStringLiteral("analysis")).toObject().value(QStringLiteral("intent")).toString(),
              QStringLiteral("booking"));
    EXPECT_EQ(message.value(QStringLiteral("recording_url")).toString(),
              QStringLiteral("https://example.invalid/recording.wav"));
}

TEST(CallEvent, ExplicitTimestampIsRenderedInUtcWithMilliseconds)
{
    EventOptions options;
    // 13:00 in UTC+1 is 12:00 UTC.
    options.timestamp = QDateTime(QDate(2025, 12, 13), QTime(13, 0, 0, 7), Qt::OffsetFromUTC, 3600);
    EXPECT_EQ(messageOf(options).value(QStringLiteral("timestamp")).toString(),
              QStringLiteral("2025-12-13T12:00:00.007Z"));
    EXPECT_EQ(dockside::contract::isoTimestamp(QDateTime(QDate(2025, 12, 13), QTime(12, 0), Qt::UTC)),
              QStringLiteral("2025-12-13T12:00:00.000Z"));
}

TEST(CallEvent, CallIdIsFreshUuidV4UnlessGiven)
{
    const QString first = dockside::contract::newCallId();
    const QString second = dockside::contract::newCallId();
    EXPECT_TRUE(kUuidV4.match(first).hasMatch()) << first.toStdString();
    EXPECT_EQ(first.at(14), QLatin1Char('4'));
    EXPECT_NE(first, second);

    EventOptions options;
    options.callId = QStringLiteral("3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b");
    EXPECT_EQ(messageOf(options).value(QStringLiteral("call")).toObject().value(QStringLiteral("id")).toString(),
              QStringLiteral("3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"));
}

TEST(CallEvent, ExplicitStatusAndCallTypeAreKept)
{
    EventOptions options;
    options.callType = CallType::OutboundPhoneCall;
    options.callStatus = QStringLiteral("some-future-status");
    const QJsonObject call = messageOf(options).value(QStringLiteral("call")).toObject();
    EXPECT_EQ(call.value(QStringLiteral("type")).toString(), QStringLiteral("outbound_phone_call"));
    EXPECT_EQ(call.value(QStringLiteral("status")).toString(), QStringLiteral("some-future-status"));
}

TEST(CallEvent, WebCallHasNullNumbers)
{
    EventOptions options;
    options.callType = CallType::WebCall;
    const QJsonObject message = messageOf(options);
    EXPECT_EQ(message.value(QStringLiteral("call")).toObject().value(QStringLiteral("type")).toString(),
              QStringLiteral("web_call"));
    const QJsonObject phoneNumber = message.value(QStringLiteral("phone_number")).toObject();
    ASSERT_TRUE(phoneNumber.contains(QStringLiteral("number")));
    EXPECT_TRUE(phoneNumber.value(QStringLiteral("number")).isNull());
    const QJsonObject customer = message.value(QStringLiteral("customer")).toObject();
    ASSERT_TRUE(customer.contains(QStringLiteral("number")));
    EXPECT_TRUE(customer.value(QStringLiteral("number")).isNull());

    // The nulls survive serialisation as JSON null.
    const QByteArray wire = dockside::contract::serializeEvent(buildEventPayload(options));
    EXPECT_TRUE(wire.contains("\"customer\":{\"number\":null}")) << wire.toStdString();
}

TEST(CallEvent, PhoneNumberIdOnlyUnderTheEarlierSdk)
{
    EventOptions options;
    options.phoneNumberId = QStringLiteral("9b2f0c1e-1111-4222-8333-444455556666");
    EXPECT_FALSE(messageOf(options).value(QStringLiteral("phone_number")).toObject().contains(QStringLiteral("id")));

    // Under 1.0.0: the given id, null when empty.
    options.sdk = SdkVersion::V1_0_0;
    QJsonObject phoneNumber = messageOf(options).value(QStringLiteral("phone_number")).toObject();
    EXPECT_EQ(phoneNumber.value(QStringLiteral("id")).toString(),
              QStringLiteral("9b2f0c1e-1111-4222-8333-444455556666"));
    options.phoneNumberId = QString();
    phoneNumber = messageOf(options).value(QStringLiteral("phone_number")).toObject();
    ASSERT_TRUE(phoneNumber.contains(QStringLiteral("id")));
    EXPECT_TRUE(phoneNumber.value(QStringLiteral("id")).isNull());

    // Unset: one stable UUID per number, so every event of a call names the same number record.
    options.phoneNumberId.reset();
    const QString derived =
        messageOf(options).value(QStringLiteral("phone_number")).toObject().value(QStringLiteral("id")).toString();
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
                    .match(derived)
                    .hasMatch())
        << derived.toStdString();
    EXPECT_EQ(messageOf(options).value(QStringLiteral("phone_number")).toObject().value(QStringLiteral("id")),
              QJsonValue(derived));
    options.phoneNumber = QStringLiteral("+31201234567");
    EXPECT_NE(messageOf(options).value(QStringLiteral("phone_number")).toObject().value(QStringLiteral("id")),
              QJsonValue(derived));
    // A web call has no number record.
    options.callType = CallType::WebCall;
    phoneNumber = messageOf(options).value(QStringLiteral("phone_number")).toObject();
    ASSERT_TRUE(phoneNumber.contains(QStringLiteral("id")));
    EXPECT_TRUE(phoneNumber.value(QStringLiteral("id")).isNull());
}

TEST(CallEvent, SdkVersionNamesRoundTripAndTheCurrentOneIsTheDefault)
{
    EXPECT_EQ(EventOptions {}.sdk, SdkVersion::V1_0_1);
    EXPECT_EQ(dockside::contract::kCurrentSdkVersion, SdkVersion::V1_0_1);
    EXPECT_EQ(dockside::contract::sdkVersionName(SdkVersion::V1_0_1), QStringLiteral("1.0.1"));
    EXPECT_EQ(dockside::contract::sdkVersionName(SdkVersion::V1_0_0), QStringLiteral("1.0.0"));
    for (const SdkVersion version : dockside::contract::sdkVersions())
        EXPECT_EQ(dockside::contract::sdkVersionFromName(dockside::contract::sdkVersionName(version)), version);
    EXPECT_EQ(dockside::contract::sdkVersions().constFirst(), dockside::contract::kCurrentSdkVersion);
    for (const QString &bad :
         {QStringLiteral("1.0"), QStringLiteral("v1.0.0"), QStringLiteral(""), QStringLiteral("2.0.0")})
        EXPECT_FALSE(dockside::contract::sdkVersionFromName(bad).has_value()) << bad.toStdString();
}

TEST(CallEvent, EarlierSdkReportFieldsAreFilledOnlyWhenUnsetAndOnlyUnderOneZeroZero)
{
    const QDateTime end(QDate(2025, 12, 13), QTime(12, 1, 30), Qt::UTC);
    EventOptions options = optionsFor(EventType::EndOfCallReport);
    options.durationSeconds = 90;
    dockside::contract::fillEarlierSdkReportFields(options, end);
    EXPECT_FALSE(options.endReason || options.startedAt || options.endedAt) << "1.0.1 has none of them";

    options.sdk = SdkVersion::V1_0_0;
    dockside::contract::fillEarlierSdkReportFields(options, end);
    EXPECT_EQ(options.endReason, QStringLiteral("customer-ended-call"));
    EXPECT_EQ(options.endedAt, end);
    EXPECT_EQ(options.startedAt, QDateTime(QDate(2025, 12, 13), QTime(12, 0, 0), Qt::UTC));

    options.endReason = QStringLiteral("assistant-ended-call");
    dockside::contract::fillEarlierSdkReportFields(options, end.addSecs(60));
    EXPECT_EQ(options.endReason, QStringLiteral("assistant-ended-call"));
    EXPECT_EQ(options.endedAt, end);

    EventOptions request = optionsFor(EventType::AssistantRequest);
    request.sdk = SdkVersion::V1_0_0;
    dockside::contract::fillEarlierSdkReportFields(request, end);
    EXPECT_FALSE(request.endReason || request.startedAt || request.endedAt);
}

TEST(CallEvent, AssistantIsIncludedWhenGiven)
{
    EventOptions options;
    options.assistant = QJsonObject {{QStringLiteral("first_message"), QStringLiteral("Hi")}};
    EXPECT_EQ(messageOf(options).value(QStringLiteral("assistant")).toObject(), *options.assistant);
}

TEST(CallEvent, EventNamesRoundTrip)
{
    const std::pair<EventType, QString> expected[] = {
        {EventType::AssistantRequest, QStringLiteral("assistant-request")},
        {EventType::StatusUpdate, QStringLiteral("status-update")},
        {EventType::ToolCalls, QStringLiteral("tool-calls")},
        {EventType::EndOfCallReport, QStringLiteral("end-of-call-report")},
    };
    for (const auto &[type, name] : expected) {
        EXPECT_EQ(dockside::contract::eventTypeName(type), name);
        EXPECT_EQ(dockside::contract::eventTypeFromName(name), type) << name.toStdString();
    }
    EXPECT_FALSE(dockside::contract::eventTypeFromName(u"call-started").has_value());
    EXPECT_FALSE(dockside::contract::eventTypeFromName(u"").has_value());
}

TEST(CallEvent, CallTypeNamesRoundTrip)
{
    for (CallType type : {CallType::InboundPhoneCall, CallType::OutboundPhoneCall, CallType::WebCall})
        EXPECT_EQ(dockside::contract::callTypeFromName(dockside::contract::callTypeName(type)), type);
    EXPECT_FALSE(dockside::contract::callTypeFromName(u"sip_call").has_value());
}

TEST(CallEvent, KnownCallStatusesMatchContract)
{
    const QStringList statuses = dockside::contract::knownCallStatuses();
    EXPECT_EQ(statuses.size(), 9);
    for (const auto &status :
         {QStringLiteral("connecting"), QStringLiteral("ringing"), QStringLiteral("in-progress"),
          QStringLiteral("ended"), QStringLiteral("ended-with-error"), QStringLiteral("transferred"),
          QStringLiteral("failed"), QStringLiteral("rejected"), QStringLiteral("insufficient-credits")})
        EXPECT_TRUE(statuses.contains(status)) << status.toStdString();
}

TEST(CallEvent, SerializedEventIsCompactAndParsesBack)
{
    const QJsonObject payload = buildEventPayload(EventOptions {});
    const QByteArray wire = dockside::contract::serializeEvent(payload);
    EXPECT_FALSE(wire.contains('\n'));
    EXPECT_EQ(QJsonDocument::fromJson(wire).object(), payload);
}

} // namespace
