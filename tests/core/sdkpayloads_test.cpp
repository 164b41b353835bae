// SPDX-License-Identifier: GPL-3.0-or-later

// Type-checks the payloads Dockside sends against the SDK's shapes (CONTRACT.md §2), one JSON Schema per SDK version
// under tests/data/sdk-payloads/: the bytes on the wire, for every event and call type, with and without the optional
// fields.
#include "composer/eventstamper.h"
#include "contract/callevent.h"

#include "qtprinters.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {

using dockside::contract::CallType;
using dockside::contract::EventOptions;
using dockside::contract::EventType;
using dockside::contract::SdkVersion;

class PayloadSchema {
public:
    explicit PayloadSchema(SdkVersion version)
    {
        QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/sdk-payloads/v%1.schema.json")
                       .arg(dockside::contract::sdkVersionName(version)));
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot read " + file.fileName().toStdString());
        m_document = QJsonDocument::fromJson(file.readAll()).object();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::QtJsonAdapter adapter(m_document);
        parser.populateSchema(adapter, m_schema);
    }

    // Every violation as "<root> [message] [phone_number]: description"; empty when the payload fits.
    QStringList violations(const QJsonObject &payload) const
    {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::QtJsonAdapter target(payload);
        validator.validate(m_schema, target, &results);
        QStringList found;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const std::string &segment : error.context)
                where += segment + ' ';
            found.append(QString::fromStdString(where + ": " + error.description));
        }
        return found;
    }

private:
    QJsonObject m_document;
    valijson::Schema m_schema;
};

const PayloadSchema &schemaFor(SdkVersion version)
{
    static const PayloadSchema current(SdkVersion::V1_0_1);
    static const PayloadSchema earlier(SdkVersion::V1_0_0);
    return version == SdkVersion::V1_0_1 ? current : earlier;
}

// What goes on the wire, read back: the check covers the serialisation too.
QJsonObject sent(const EventOptions &options)
{
    return QJsonDocument::fromJson(dockside::contract::serializeEvent(dockside::contract::buildEventPayload(options)))
        .object();
}

QJsonObject messageOf(const QJsonObject &payload)
{
    return payload.value(QStringLiteral("message")).toObject();
}

// Every optional field set, as a form or a whole call would fill them; the ones only 1.0.0 has included.
EventOptions everyField(EventType type, CallType callType, SdkVersion sdk)
{
    EventOptions options;
    options.type = type;
    options.callType = callType;
    options.sdk = sdk;
    options.timestamp = QDateTime(QDate(2025, 12, 13), QTime(12, 1, 30, 250), Qt::UTC);
    options.phoneNumberId = QStringLiteral("9b2f0c1e-1111-4222-8333-444455556666");
    options.assistant = QJsonObject {{QStringLiteral("first_message"), QStringLiteral("Hello!")}};
    options.error = QStringLiteral("LLM provider unavailable");
    options.endReason = QStringLiteral("customer-ended-call");
    options.toolCalls = {{QStringLiteral("call_1"), QStringLiteral("book_appointment"),
                          QJsonObject {{QStringLiteral("day"), QStringLiteral("tuesday")}}},
                         {QString(), QStringLiteral("lookup_customer"), QJsonObject {}}};
    options.durationSeconds = 90;
    options.startedAt = QDateTime(QDate(2025, 12, 13), QTime(12, 0, 0), Qt::UTC);
    options.endedAt = QDateTime(QDate(2025, 12, 13), QTime(12, 1, 30), Qt::UTC);
    options.summary = QStringLiteral("The caller booked Tuesday at ten.");
    options.messages = {{QStringLiteral("assistant"), QStringLiteral("Hello!")},
                        {QStringLiteral("user"), QStringLiteral("Tuesday at ten, please.")}};
    options.analysis = QJsonObject {
        {QStringLiteral("structured_data"), QJsonObject {{QStringLiteral("intent"), QStringLiteral("booking")}}}};
    options.recordingUrl = QStringLiteral("https://example.invalid/recording.wav");
    return options;
}

// Nothing optional set, as `dockside-cli send --event TYPE` builds it.
EventOptions noOptionalField(EventType type, CallType callType, SdkVersion sdk)
{
    EventOptions options;
    options.type = type;
    options.callType = callType;
    options.sdk = sdk;
    return options;
}

struct Case {
    SdkVersion sdk;
    CallType callType;
    EventType type;
    bool everyOptionalField;
};

std::string caseName(const ::testing::TestParamInfo<Case> &info)
{
    std::string name = "v" + dockside::contract::sdkVersionName(info.param.sdk).toStdString() + "_" +
        dockside::contract::callTypeName(info.param.callType).toStdString() + "_" +
        dockside::contract::eventTypeName(info.param.type).toStdString() +
        (info.param.everyOptionalField ? "_every_field" : "_minimal");
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    }
    return name;
}

std::vector<Case> allCases()
{
    std::vector<Case> cases;
    for (const SdkVersion sdk : dockside::contract::sdkVersions()) {
        for (const CallType callType : {CallType::InboundPhoneCall, CallType::OutboundPhoneCall, CallType::WebCall}) {
            for (const EventType type : {EventType::AssistantRequest, EventType::StatusUpdate, EventType::ToolCalls,
                                         EventType::EndOfCallReport}) {
                cases.push_back({sdk, callType, type, true});
                cases.push_back({sdk, callType, type, false});
            }
        }
    }
    return cases;
}

class SdkPayloads : public ::testing::TestWithParam<Case> {
protected:
    EventOptions options() const
    {
        const Case &c = GetParam();
        return c.everyOptionalField ? everyField(c.type, c.callType, c.sdk)
                                    : noOptionalField(c.type, c.callType, c.sdk);
    }
};

TEST_P(SdkPayloads, FitTheSchemaOfTheirVersion)
{
    const QJsonObject payload = sent(options());
    EXPECT_EQ(schemaFor(GetParam().sdk).violations(payload), QStringList())
        << QJsonDocument(payload).toJson().toStdString();
}

TEST_P(SdkPayloads, OnlyTheEarlierSdkCarriesItsFields)
{
    const Case &c = GetParam();
    const QJsonObject message = messageOf(sent(options()));
    const bool earlier = c.sdk == SdkVersion::V1_0_0;
    EXPECT_EQ(message.value(QStringLiteral("phone_number")).toObject().contains(QStringLiteral("id")), earlier);
    const bool endReason =
        earlier && c.everyOptionalField && (c.type == EventType::StatusUpdate || c.type == EventType::EndOfCallReport);
    EXPECT_EQ(message.contains(QStringLiteral("end_reason")), endReason);
    const bool times = earlier && c.everyOptionalField && c.type == EventType::EndOfCallReport;
    EXPECT_EQ(message.contains(QStringLiteral("started_at")), times);
    EXPECT_EQ(message.contains(QStringLiteral("ended_at")), times);
}

// A webhook written for 1.0.1 types must not get a 1.0.0 payload by default: every full 1.0.0 payload has a field
// (phone_number.id at least) that the 1.0.1 types do not have, while the 1.0.1 payload fits the older types too.
TEST_P(SdkPayloads, CrossVersionChecks)
{
    const Case &c = GetParam();
    EventOptions options = this->options();
    const QJsonObject payload = sent(options);
    if (c.sdk == SdkVersion::V1_0_0)
        EXPECT_NE(schemaFor(SdkVersion::V1_0_1).violations(payload), QStringList())
            << QJsonDocument(payload).toJson().toStdString();
    else
        EXPECT_EQ(schemaFor(SdkVersion::V1_0_0).violations(payload), QStringList())
            << QJsonDocument(payload).toJson().toStdString();
}

INSTANTIATE_TEST_SUITE_P(EveryEventCallTypeAndVersion, SdkPayloads, ::testing::ValuesIn(allCases()), caseName);

TEST(SdkPayloadSchemas, AnEarlierReportFailsTheCurrentSchemaOnEachOfItsFields)
{
    const QJsonObject earlier =
        messageOf(sent(everyField(EventType::EndOfCallReport, CallType::InboundPhoneCall, SdkVersion::V1_0_0)));
    const QJsonObject current =
        messageOf(sent(everyField(EventType::EndOfCallReport, CallType::InboundPhoneCall, SdkVersion::V1_0_1)));
    ASSERT_EQ(schemaFor(SdkVersion::V1_0_0).violations({{QStringLiteral("message"), earlier}}), QStringList());
    ASSERT_EQ(schemaFor(SdkVersion::V1_0_1).violations({{QStringLiteral("message"), current}}), QStringList());

    // The current report with one field of the earlier one added: each alone is enough to fail, and is named.
    for (const QString &field :
         {QStringLiteral("end_reason"), QStringLiteral("started_at"), QStringLiteral("ended_at")}) {
        ASSERT_TRUE(earlier.contains(field)) << field.toStdString();
        QJsonObject message = current;
        message.insert(field, earlier.value(field));
        const QStringList violations = schemaFor(SdkVersion::V1_0_1).violations({{QStringLiteral("message"), message}});
        EXPECT_TRUE(violations.join(QLatin1Char('\n')).contains(field))
            << field.toStdString() << '\n'
            << violations.join(QLatin1Char('\n')).toStdString();
        EXPECT_EQ(schemaFor(SdkVersion::V1_0_0).violations({{QStringLiteral("message"), message}}), QStringList());
    }
    QJsonObject message = current;
    message.insert(QStringLiteral("phone_number"), earlier.value(QStringLiteral("phone_number")));
    const QStringList violations = schemaFor(SdkVersion::V1_0_1).violations({{QStringLiteral("message"), message}});
    EXPECT_TRUE(violations.join(QLatin1Char('\n')).contains(QLatin1String("'id'")))
        << violations.join(QLatin1Char('\n')).toStdString();
}

TEST(SdkPayloadSchemas, AnEarlierStatusUpdateFailsTheCurrentSchema)
{
    EventOptions options = noOptionalField(EventType::StatusUpdate, CallType::WebCall, SdkVersion::V1_0_0);
    options.endReason = QStringLiteral("customer-ended-call");
    const QJsonObject payload = sent(options);
    ASSERT_EQ(schemaFor(SdkVersion::V1_0_0).violations(payload), QStringList());
    EXPECT_NE(schemaFor(SdkVersion::V1_0_1).violations(payload), QStringList());
}

// The schemas are not vacuous: each mistake a builder could make fails both versions.
TEST(SdkPayloadSchemas, MistakesFailEveryVersion)
{
    const auto changed = [](const std::function<void(QJsonObject &)> &change) {
        QJsonObject message =
            messageOf(sent(everyField(EventType::EndOfCallReport, CallType::InboundPhoneCall, SdkVersion::V1_0_0)));
        change(message);
        return QJsonObject {{QStringLiteral("message"), message}};
    };
    const auto inObject = [](QJsonObject &message, const QString &key, const QString &field, const QJsonValue &value) {
        QJsonObject object = message.value(key).toObject();
        object.insert(field, value);
        message.insert(key, object);
    };
    const std::pair<const char *, QJsonObject> mistakes[] = {
        {"extra message field", changed([](QJsonObject &m) { m.insert(QStringLiteral("call_id"), 1); })},
        {"extra customer field",
         changed([&](QJsonObject &m) { inObject(m, QStringLiteral("customer"), QStringLiteral("id"), 7); })},
        {"extra phone number field",
         changed([&](QJsonObject &m) { inObject(m, QStringLiteral("phone_number"), QStringLiteral("sid"), 7); })},
        {"null number on a phone call",
         changed([&](QJsonObject &m) { inObject(m, QStringLiteral("customer"), QStringLiteral("number"), {}); })},
        {"number on a web call", changed([&](QJsonObject &m) {
             inObject(m, QStringLiteral("call"), QStringLiteral("type"), QStringLiteral("web_call"));
         })},
        {"duration as text",
         changed([](QJsonObject &m) { m.insert(QStringLiteral("duration_seconds"), QStringLiteral("90")); })},
        {"no summary", changed([](QJsonObject &m) { m.remove(QStringLiteral("summary")); })},
        {"timestamp without milliseconds", changed([](QJsonObject &m) {
             m.insert(QStringLiteral("timestamp"), QStringLiteral("2025-12-13T12:00:00Z"));
         })},
        {"a tool call list on a report",
         changed([](QJsonObject &m) { m.insert(QStringLiteral("tool_call_list"), QJsonArray()); })},
        {"no call", changed([](QJsonObject &m) { m.remove(QStringLiteral("call")); })},
    };
    for (const auto &[name, payload] : mistakes) {
        for (const SdkVersion sdk : dockside::contract::sdkVersions())
            EXPECT_NE(schemaFor(sdk).violations(payload), QStringList())
                << name << " under " << dockside::contract::sdkVersionName(sdk).toStdString();
    }
    EXPECT_NE(
        schemaFor(SdkVersion::V1_0_1)
            .violations(QJsonObject {{QStringLiteral("message"), QJsonObject {}}, {QStringLiteral("extra"), true}}),
        QStringList());
}

// A burst stamps copies of one built body; the copies are what goes out, so they are checked too.
TEST(SdkPayloadSchemas, BurstCopiesFitTheirVersion)
{
    for (const SdkVersion sdk : dockside::contract::sdkVersions()) {
        for (const EventType type : {EventType::AssistantRequest, EventType::EndOfCallReport}) {
            EventOptions options = noOptionalField(type, CallType::InboundPhoneCall, sdk);
            dockside::contract::fillEarlierSdkReportFields(options, QDateTime::currentDateTimeUtc());
            const dockside::composer::EventStamper stamper(options);
            ASSERT_TRUE(stamper.isUsable());
            dockside::composer::TimestampClock clock;
            const QByteArray body = stamper.stamp(dockside::composer::freshCallId(), clock.now());
            const QJsonObject payload = QJsonDocument::fromJson(body).object();
            EXPECT_EQ(schemaFor(sdk).violations(payload), QStringList()) << body.toStdString();
            EXPECT_EQ(messageOf(payload).contains(QStringLiteral("ended_at")),
                      sdk == SdkVersion::V1_0_0 && type == EventType::EndOfCallReport);
        }
    }
}

} // namespace
