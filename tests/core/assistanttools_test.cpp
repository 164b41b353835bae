// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/assistanttools.h"
#include "composer/samplejson.h"
#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

struct SamplerCase {
    const char *what;
    const char *parameters; // a function tool's parameters schema
    const char *arguments; // what sampleArgumentsFor gives
};

const SamplerCase kSamplerCases[] = {
    {"no schema", "{}", "{}"},
    {"an object without properties", R"({"type": "object"})", "{}"},
    {"a schema that is not an object", R"({"type": "string"})", "{}"},
    {"a plain string", R"({"properties": {"intent": {"type": "string"}}})", R"({"intent": "sample"})"},
    {"enum: the first value", R"({"properties": {"day": {"type": "string", "enum": ["tue", "wed"]}}})",
     R"({"day": "tue"})"},
    {"const wins over enum", R"({"properties": {"kind": {"const": "x", "enum": ["y"]}}})", R"({"kind": "x"})"},
    {"examples: the first one", R"({"properties": {"code": {"type": "string", "examples": ["A-7", "B-8"]}}})",
     R"({"code": "A-7"})"},
    {"an OpenAPI example", R"({"properties": {"code": {"type": "string", "example": "Z-1"}}})", R"({"code": "Z-1"})"},
    {"default", R"({"properties": {"party": {"type": "integer", "default": 4}}})", R"({"party": 4})"},
    {"integer: the minimum", R"({"properties": {"n": {"type": "integer", "minimum": 3}}})", R"({"n": 3})"},
    {"integer: a minimum of 0", R"({"properties": {"n": {"type": "integer", "minimum": 0}}})", R"({"n": 0})"},
    {"integer: 1 without bounds", R"({"properties": {"n": {"type": "integer"}}})", R"({"n": 1})"},
    {"integer: above an exclusive minimum", R"({"properties": {"n": {"type": "integer", "exclusiveMinimum": 5}}})",
     R"({"n": 6})"},
    {"integer: 1 capped by the maximum", R"({"properties": {"n": {"type": "integer", "maximum": -2}}})",
     R"({"n": -2})"},
    {"number: capped by the maximum", R"({"properties": {"x": {"type": "number", "maximum": 0.25}}})",
     R"({"x": 0.25})"},
    {"boolean", R"({"properties": {"urgent": {"type": "boolean"}}})", R"({"urgent": true})"},
    {"a nullable string", R"({"properties": {"note": {"type": ["null", "string"]}}})",
     R"({"note": "The caller would like an update."})"},
    {"anyOf: the first branch", R"({"properties": {"v": {"anyOf": [{"type": "integer"}, {"type": "string"}]}}})",
     R"({"v": 1})"},
    {"a required name without a schema", R"({"type": "object", "required": ["order_id"]})",
     R"({"order_id": "ORD-10042"})"},
    {"formats", R"({"properties": {"a": {"type": "string", "format": "date"},
        "b": {"type": "string", "format": "date-time"}, "c": {"type": "string", "format": "email"},
        "d": {"type": "string", "format": "uuid"}, "e": {"type": "string", "format": "uri"}}})",
     R"({"a": "2026-03-17", "b": "2026-03-17T10:00:00Z", "c": "ann.jansen@example.com",
        "d": "3f2b8c1e-7d4a-4b9e-9c61-2a5d8e0f4b17", "e": "https://example.com/"})"},
    {"names as hints", R"({"properties": {"order_id": {"type": "string"}, "phone_number": {"type": "string"},
        "customer_name": {"type": "string"}, "callback_date": {"type": "string"}, "customerId": {"type": "string"}}})",
     R"({"order_id": "ORD-10042", "phone_number": "+31612345678", "customer_name": "Ann Jansen",
        "callback_date": "2026-03-17", "customerId": "12345"})"},
    {"lengths", R"({"properties": {"x": {"type": "string", "maxLength": 3}, "y": {"type": "string", "minLength": 8}}})",
     R"({"x": "sam", "y": "samplexx"})"},
    {"nested objects and arrays", R"({"properties": {"customer": {"type": "object", "properties": {
        "vip": {"type": "boolean"}}}, "items": {"type": "array", "items": {"type": "object", "properties": {
        "sku": {"type": "string", "enum": ["S-1"]}, "qty": {"type": "integer", "minimum": 1}}}}}})",
     R"({"customer": {"vip": true}, "items": [{"sku": "S-1", "qty": 1}]})"},
    {"array lengths", R"({"properties": {"two": {"type": "array", "minItems": 2, "items": {"type": "boolean"}},
        "none": {"type": "array", "maxItems": 0, "items": {"type": "boolean"}},
        "many": {"type": "array", "minItems": 50, "items": {"type": "boolean"}},
        "pair": {"type": "array", "items": [{"type": "integer"}, {"type": "boolean"}]}}})",
     R"({"two": [true, true], "none": [], "many": [true, true, true], "pair": [1, true]})"},
};

} // namespace

TEST(SampleArguments, FitTheToolsParametersSchema)
{
    for (const SamplerCase &testCase : kSamplerCases) {
        SCOPED_TRACE(testCase.what);
        const QJsonObject parameters = object(testCase.parameters);
        const QJsonObject expected = object(testCase.arguments);
        ASSERT_TRUE(!expected.isEmpty() || QByteArray(testCase.arguments) == "{}") << "the table's own JSON";
        EXPECT_EQ(composer::sampleArgumentsFor(parameters), expected);
    }
}

TEST(SampleArguments, ADeepOrSelfReferencingSchemaEnds)
{
    QJsonObject schema {{QStringLiteral("type"), QStringLiteral("string")}};
    for (int i = 0; i < 20; ++i)
        schema = QJsonObject {{QStringLiteral("properties"), QJsonObject {{QStringLiteral("next"), schema}}}};
    QJsonValue value = composer::sampleArgumentsFor(schema);
    int depth = 0;
    while (value.isObject()) {
        value = value.toObject().value(QStringLiteral("next"));
        ++depth;
    }
    EXPECT_TRUE(value.isNull());
    EXPECT_LE(depth, 10);
}

TEST(AssistantTools, FunctionToolsBecomeToolCallsWithSampleArguments)
{
    const QJsonObject assistant = object(R"({"llm_config": {"tools": [
        {"type": "function", "function": {"name": "check_order_status", "description": "Order status",
         "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}},
        {"type": "function", "function": {"name": "transfer"}, "server": {"url": "https://tools.example.com/t",
         "secret": "s"}, "async": true},
        {"type": "code_interpreter"},
        {"type": "function", "function": {"description": "no name"}}]}})");
    const QList<composer::AssistantTool> tools = composer::assistantTools(assistant);
    ASSERT_EQ(tools.size(), 2) << "another type and a nameless function are left out";
    EXPECT_EQ(tools.at(0).call.functionName, QStringLiteral("check_order_status"));
    EXPECT_EQ(tools.at(0).call.arguments, object(R"({"order_id": "ORD-10042"})"));
    EXPECT_TRUE(tools.at(0).serverUrl.isEmpty());
    EXPECT_TRUE(tools.at(0).call.id.isEmpty());
    EXPECT_EQ(tools.at(1).call.functionName, QStringLiteral("transfer"));
    EXPECT_TRUE(tools.at(1).call.arguments.isEmpty());
    EXPECT_EQ(tools.at(1).serverUrl, QStringLiteral("https://tools.example.com/t"));
}

TEST(AssistantTools, AnAssistantWithoutToolsHasNone)
{
    EXPECT_TRUE(composer::assistantTools({}).isEmpty());
    EXPECT_TRUE(composer::assistantTools(object(R"({"llm_config": {"model": "gpt-4o"}})")).isEmpty());
    EXPECT_TRUE(composer::assistantTools(object(R"({"llm_config": {"tools": "check_order"}})")).isEmpty());
}
