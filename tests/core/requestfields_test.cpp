// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/capturedrequest.h"
#include "base/jsonbody.h"
#include "contacts/contactbook.h"
#include "rules/requestcontext.h"
#include "rules/requestfields.h"

#include "qtprinters.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <gtest/gtest.h>

namespace {

using dockside::rules::RequestFields;
using dockside::rules::scanRequestFields;

// What the platform sends, as wrk's benchmark script sends it.
const QByteArray kAssistantRequest =
    R"({"message":{"type":"assistant-request","timestamp":"2025-12-13T12:00:00.000Z",)"
    R"("call":{"id":"5c4d030f-43e3-4e65-899e-8148521e660f","type":"inbound_phone_call","status":"ringing"},)"
    R"("phone_number":{"number":"+31850835037","name":"HMS Sovereign Demo"},"customer":{"number":"+31 6 1234-5678"}}})";

const RequestFields kExpected {QStringLiteral("assistant-request"), QStringLiteral("+31 6 1234-5678"),
                               QStringLiteral("+31850835037"), QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f")};

// The invariant the endpoint relies on: a scan that answers agrees with Qt's parser.
::testing::AssertionResult agreesWithQt(const QByteArray &json)
{
    const std::optional<RequestFields> scanned = scanRequestFields(json);
    if (!scanned)
        return ::testing::AssertionSuccess();
    const QJsonValue parsed = dockside::base::JsonBody::parse(json);
    if (!parsed.isObject())
        return ::testing::AssertionFailure()
            << "scanned, but Qt does not parse it as an object: " << json.toStdString();
    if (!(RequestFields::of(parsed) == *scanned))
        return ::testing::AssertionFailure() << "scanned other fields than Qt parsed: " << json.toStdString();
    return ::testing::AssertionSuccess();
}

TEST(RequestFields, APlatformRequestIsReadWithoutParsing)
{
    const std::optional<RequestFields> scanned = scanRequestFields(kAssistantRequest);
    ASSERT_TRUE(scanned);
    EXPECT_EQ(*scanned, kExpected);
    EXPECT_EQ(RequestFields::of(dockside::base::JsonBody::parse(kAssistantRequest)), kExpected);

    // Pretty-printed, with every JSON kind around the fields, escapes outside them, fields of other types.
    const QByteArray pretty = QJsonDocument::fromJson(kAssistantRequest).toJson(QJsonDocument::Indented);
    EXPECT_EQ(scanRequestFields(pretty), kExpected);
    const QByteArray kinds = R"( {"a": [1, -2.5, 0, true, false, null, {"b": []}, "x\"\\\/\b\f\n\r\t\u00e9"],
        "message": {"type": 7, "customer": {"number": null}, "phone_number": [], "call": {"id": {"deep": 1}},
        "extra": {"message": {"type": "not this one"}}}} )";
    const std::optional<RequestFields> other = scanRequestFields(kinds);
    ASSERT_TRUE(other);
    EXPECT_EQ(*other, RequestFields {});
    EXPECT_TRUE(agreesWithQt(kinds));
}

TEST(RequestFields, WhatOnlyTheParserCanJudgeIsLeftToIt)
{
    const QList<QByteArray> unsure {
        R"({"message": {"type": "assistant-\u0072equest"}})", // an escape in a field it reads
        R"({"message": {"ty\u0070e": "assistant-request"}})", // a key of interest could be spelled with one
        R"({"message": {"type": "a"}, "message": {"type": "b"}})", // a key of interest twice
        R"({"message": {"call": {"id": "1", "id": "2"}}})",
        "{\"message\": {\"type\": \"caf\xc3\xa9\"}}", // not plain ASCII
        "{\"x\": \"\xff\"}",
        "\xef\xbb\xbf{}", // a byte-order mark
        R"({"x": 1e5})", // an exponent
        R"({"x": 1234567890123456789})", // a long number
        R"({"x": "\ud83d\udcde"})", // surrogates
        R"({"x": "\uDC00"})",
        R"([{"message": {}}])", // not an object at the top
        QByteArray(100, '[').prepend("{\"x\": ") + QByteArray(100, ']') + "}", // deeper than 64
        R"({"x": 01})", // not JSON: the parser decides, and says so
        R"({"x": 1,})",
        R"({"x": "a)",
        R"({"x": tru})",
        "{\"x\": \"tab\there\"}",
        "{} {}",
        "",
    };
    for (const QByteArray &json : unsure)
        EXPECT_FALSE(scanRequestFields(json)) << json.toStdString();
}

TEST(RequestFields, TheScanAgreesWithQtOnThousandsOfMutatedRequests)
{
    const QList<QByteArray> seeds {kAssistantRequest, QJsonDocument::fromJson(kAssistantRequest).toJson(),
                                   R"({"message":{"type":"status-update","call":{"id":"c1"},"status":"ended"}})",
                                   R"({"a":[1,2,{"b":null}],"message":{"customer":{"number":"+1"}}})"};
    const QByteArray alphabet = R"({}[]":,\ u0123456789-+.eEtrfalsn/bd8)";
    QRandomGenerator random(20261207);
    int scanned = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray json = seeds.at(random.bounded(seeds.size()));
        const int edits = 1 + random.bounded(3);
        for (int edit = 0; edit < edits && !json.isEmpty(); ++edit) {
            const qsizetype at = random.bounded(json.size());
            switch (random.bounded(4)) {
            case 0:
                json.remove(at, 1);
                break;
            case 1:
                json.insert(at, alphabet.at(random.bounded(alphabet.size())));
                break;
            case 2:
                json[at] = alphabet.at(random.bounded(alphabet.size()));
                break;
            default:
                json.insert(at, json.mid(random.bounded(json.size()), random.bounded(12)));
            }
        }
        ASSERT_TRUE(agreesWithQt(json));
        if (scanRequestFields(json))
            ++scanned;
    }
    // Both ways are exercised: mutations that stay JSON are scanned, broken ones are left to the parser.
    EXPECT_GT(scanned, 1000);
    EXPECT_LT(scanned, 19000);
}

TEST(RequestFields, TheContextReadsTheSameWhetherScannedOrParsed)
{
    dockside::contacts::ContactBook book;
    dockside::base::CapturedRequest scannedRequest;
    scannedRequest.body = kAssistantRequest;
    dockside::base::CapturedRequest parsedRequest;
    // Spelled with an escape, so the scan leaves it to the parser.
    parsedRequest.body =
        QByteArray(kAssistantRequest).replace("\"type\":\"assistant-request\"", "\"type\":\"assistant-\\u0072equest\"");
    ASSERT_TRUE(scanRequestFields(scannedRequest.body));
    ASSERT_FALSE(scanRequestFields(parsedRequest.body));
    const auto scanned = dockside::rules::RequestContext::fromRequest(scannedRequest, book);
    const auto parsed = dockside::rules::RequestContext::fromRequest(parsedRequest, book);
    for (const auto *context : {&scanned, &parsed}) {
        EXPECT_EQ(context->eventType, QStringLiteral("assistant-request"));
        EXPECT_EQ(context->callerNumber, QStringLiteral("+31612345678"));
        EXPECT_EQ(context->calledNumber, QStringLiteral("+31850835037"));
        EXPECT_EQ(context->callId, QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"));
    }
    EXPECT_EQ(scanned.body.value(), parsed.body.value());
    // Copies share the one parse.
    const dockside::base::JsonBody copy = scanned.body;
    EXPECT_EQ(&copy.value(), &scanned.body.value());

    dockside::base::CapturedRequest notJson;
    notJson.body = "not json";
    EXPECT_TRUE(dockside::rules::RequestContext::fromRequest(notJson, book).body.value().isUndefined());
}

} // namespace
