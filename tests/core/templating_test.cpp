// SPDX-License-Identifier: GPL-3.0-or-later

#include "templating/jsonstring.h"
#include "templating/placeholder.h"
#include "templating/renderer.h"

#include "qtprinters.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace {

using dockside::contacts::Contact;
using dockside::templating::RenderContext;
using dockside::templating::RenderResult;

const QByteArray kRequest = R"({"message": {
    "type": "tool-calls",
    "call": {"id": "5c4d030f-43e3-4e65-899e-8148521e660f", "type": "inbound_phone_call", "status": "ringing"},
    "phone_number": {"number": "+31850835037", "name": "HMS Sovereign Demo"},
    "customer": {"number": "+31612345678"},
    "tool_call_list": [{"id": "tool-1", "type": "function",
                        "function": {"name": "book", "arguments": {"day": "friday", "seats": 2}}}],
    "duration_seconds": 42,
    "recording_url": null
}})";

RenderContext context(std::optional<Contact> contact = std::nullopt)
{
    RenderContext result;
    result.requestBody = QJsonDocument::fromJson(kRequest).object();
    result.requestHeaders = {{"Content-Type", "application/json"}, {"X-Tenant", "acme"}};
    result.callerNumber = QStringLiteral("+31612345678");
    result.contact = std::move(contact);
    result.now = QDateTime(QDate(2025, 12, 13), QTime(12, 0, 1, 250), QTimeZone::utc());
    result.uuid = QUuid::fromString(QStringLiteral("{7d444840-9dc0-41d1-a1b5-7b2b1d1d1d1d}"));
    return result;
}

Contact john()
{
    return {QStringLiteral("+31612345678"), QStringLiteral("John \"Johnny\" Smith"),
            QStringLiteral("2021"),         QStringLiteral("Line one\nline two </script>"),
            QStringLiteral("en"),           true};
}

QJsonObject renderedObject(const RenderResult &result)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << result.body.toStdString();
    return document.object();
}

std::string describe(const RenderResult &result)
{
    std::string text;
    for (const auto &error : result.errors)
        text += error.describe().toStdString() + '\n';
    return text;
}

QString text(const char *templateText, const RenderContext &renderContext = context())
{
    const RenderResult result = dockside::templating::renderText(QString::fromUtf8(templateText), renderContext);
    EXPECT_TRUE(result.isOk()) << describe(result);
    return QString::fromUtf8(result.body);
}

TEST(TemplatingText, ResolvesEveryKindOfPlaceholder)
{
    EXPECT_EQ(text("{{message.customer.number}}"), QStringLiteral("+31612345678"));
    EXPECT_EQ(text("{{ message.customer.number }}"), QStringLiteral("+31612345678"));
    EXPECT_EQ(text("id={{message.tool_call_list.0.id}}"), QStringLiteral("id=tool-1"));
    EXPECT_EQ(text("{{message.tool_call_list.0.function.arguments.seats}}"), QStringLiteral("2"));
    EXPECT_EQ(text("{{call.id}}"), QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"));
    EXPECT_EQ(text("{{request.body.message.call.status}}"), QStringLiteral("ringing"));
    EXPECT_EQ(text("{{request.header.x-tenant}}"), QStringLiteral("acme"));
    EXPECT_EQ(text("{{now}}"), QStringLiteral("2025-12-13T12:00:01.250Z"));
    EXPECT_EQ(text("{{uuid}} {{uuid}}"),
              QStringLiteral("7d444840-9dc0-41d1-a1b5-7b2b1d1d1d1d 7d444840-9dc0-41d1-a1b5-7b2b1d1d1d1d"));
    EXPECT_EQ(text("{{message.tool_call_list.0.function.arguments}}"),
              QStringLiteral("{\"day\":\"friday\",\"seats\":2}"));
    EXPECT_EQ(text("Hi {{contact.name}} ({{contact.language}}, vip {{contact.vip}}, since {{contact.customer_since}})",
                   context(john())),
              QStringLiteral("Hi John \"Johnny\" Smith (en, vip true, since 2021)"));
}

// Contact text inside text is read straight from the contact: it must be what the placeholder resolves to, for every
// field, also empty and absent ones and without a contact.
TEST(TemplatingText, ContactTextInTextIsWhatThePlaceholderResolvesTo)
{
    Contact sparse = john();
    sparse.notes = QString();
    sparse.language = QStringLiteral("");
    for (const std::optional<Contact> &contact : {std::optional<Contact>(john()), std::optional<Contact>(sparse)}) {
        const RenderContext withContact = context(contact);
        for (const QString &field : Contact::fieldNames()) {
            const QString name = QStringLiteral("contact.") + field;
            const dockside::templating::PlaceholderValue resolved =
                dockside::templating::resolvePlaceholder(name, withContact);
            ASSERT_EQ(resolved.kind, dockside::templating::PlaceholderValue::Kind::Value) << name.toStdString();
            const QString expected = resolved.value.isString()
                ? resolved.value.toString()
                : (resolved.value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
            EXPECT_EQ(text(QStringLiteral("<{{%1}}>").arg(name).toUtf8().constData(), withContact),
                      QStringLiteral("<") + expected + QStringLiteral(">"))
                << name.toStdString();
        }
    }
    const RenderResult noContact = dockside::templating::renderText(u"<{{contact.name}}>", context());
    ASSERT_EQ(noContact.errors.size(), 1);
    EXPECT_TRUE(noContact.errors.first().describe().contains(QStringLiteral("no contact")))
        << noContact.errors.first().describe().toStdString();
}

TEST(TemplatingText, TheNowOfANonUtcClockIsWrittenInUtc)
{
    RenderContext amsterdam = context();
    amsterdam.now = QDateTime(QDate(2025, 7, 1), QTime(9, 30), QTimeZone(QByteArrayLiteral("Europe/Amsterdam")));
    EXPECT_EQ(text("{{now}}", amsterdam), QStringLiteral("2025-07-01T07:30:00.000Z"));
}

TEST(TemplatingText, PlatformAnalysisPlaceholdersStayAsWritten)
{
    EXPECT_EQ(text("Schema: {{schema}} / {{ transcript }} / {{ended_reason}}"),
              QStringLiteral("Schema: {{schema}} / {{ transcript }} / {{ended_reason}}"));
}

TEST(TemplatingText, EveryMissingValueIsAnErrorThatSaysWhy)
{
    struct Case {
        const char *templateText;
        QString placeholder;
        QString because;
    };
    const QList<Case> cases {
        {"{{contact.name}}", QStringLiteral("contact.name"), QStringLiteral("no contact for +31612345678")},
        {"{{message.foo}}", QStringLiteral("message.foo"), QStringLiteral("path message.foo is not in the request")},
        {"{{message.tool_call_list.3.id}}", QStringLiteral("message.tool_call_list.3.id"),
         QStringLiteral("has 1 items")},
        {"{{message.tool_call_list.first}}", QStringLiteral("message.tool_call_list.first"),
         QStringLiteral("not an index")},
        {"{{message.customer.number.x}}", QStringLiteral("message.customer.number.x"), QStringLiteral("not an object")},
        {"{{message.recording_url}}", QStringLiteral("message.recording_url"), QStringLiteral("null")},
        {"{{request.header.X-Missing}}", QStringLiteral("request.header.X-Missing"),
         QStringLiteral("no header \"X-Missing\"")},
        {"{{request.method}}", QStringLiteral("request.method"), QStringLiteral("request.header.<Name>")},
        {"{{}}", QString(), QStringLiteral("empty")},
        {"Hello {{contact.name", QString(), QStringLiteral("never closed")},
    };
    for (const Case &testCase : cases) {
        const RenderResult result =
            dockside::templating::renderText(QString::fromUtf8(testCase.templateText), context());
        ASSERT_EQ(result.errors.size(), 1) << testCase.templateText;
        EXPECT_TRUE(result.body.isEmpty()) << testCase.templateText;
        EXPECT_EQ(result.errors.first().placeholder, testCase.placeholder) << testCase.templateText;
        EXPECT_TRUE(result.errors.first().message.contains(testCase.because))
            << testCase.templateText << ": " << result.errors.first().message.toStdString();
    }
}

TEST(TemplatingText, ContactFieldErrors)
{
    RenderContext webCall = context();
    webCall.callerNumber.clear();
    const RenderResult noNumber = dockside::templating::renderText(u"{{contact.name}}", webCall);
    ASSERT_EQ(noNumber.errors.size(), 1);
    EXPECT_TRUE(noNumber.errors.first().message.contains(QStringLiteral("no caller number")));

    const RenderResult unknownField = dockside::templating::renderText(u"{{contact.email}}", context(john()));
    ASSERT_EQ(unknownField.errors.size(), 1);
    EXPECT_TRUE(unknownField.errors.first().message.contains(QStringLiteral("no field \"email\"")));
}

TEST(TemplatingText, ANonJsonBodyOnlyBreaksBodyPlaceholders)
{
    RenderContext raw = context(john());
    raw.requestBody = QJsonValue(QJsonValue::Undefined);
    EXPECT_EQ(text("{{contact.name}}", raw), QStringLiteral("John \"Johnny\" Smith"));
    const RenderResult result = dockside::templating::renderText(u"{{call.id}}", raw);
    ASSERT_EQ(result.errors.size(), 1);
    EXPECT_TRUE(result.errors.first().message.contains(QStringLiteral("not JSON")));
}

TEST(TemplatingJson, EscapesCallerDataSoItCannotBreakOrInjectIntoTheJson)
{
    Contact evil = john();
    evil.name = QStringLiteral("\", \"error\": \"rejected\", \"x\": \"\\ \u2028 \t");
    const QByteArray templateBody = R"({"assistant": {"first_message": "Hello {{contact.name}}!"}})";
    const RenderResult result = dockside::templating::renderBody(templateBody, true, context(evil));
    ASSERT_TRUE(result.isOk()) << describe(result);
    const QJsonObject answer = renderedObject(result);
    EXPECT_EQ(answer.keys(), QStringList {QStringLiteral("assistant")});
    EXPECT_EQ(answer.value(QStringLiteral("assistant")).toObject().value(QStringLiteral("first_message")).toString(),
              QStringLiteral("Hello ") + evil.name + QLatin1Char('!'));
}

TEST(TemplatingJson, AStringThatIsOnlyAPlaceholderTakesTheValuesType)
{
    const QByteArray templateBody = R"({
        "count": "{{message.tool_call_list.0.function.arguments.seats}}",
        "vip": "{{contact.vip}}",
        "args": "{{message.tool_call_list.0.function.arguments}}",
        "tools": "{{message.tool_call_list}}",
        "recording": "{{message.recording_url}}",
        "text": "seats: {{message.tool_call_list.0.function.arguments.seats}}",
        "name": "{{contact.name}}",
        "keep": "{{schema}}",
        "list": ["{{call.id}}", 7, true, null]
    })";
    const RenderResult result = dockside::templating::renderBody(templateBody, true, context(john()));
    ASSERT_TRUE(result.isOk()) << describe(result);
    const QJsonObject answer = renderedObject(result);
    EXPECT_EQ(answer.value(QStringLiteral("count")), QJsonValue(2));
    EXPECT_EQ(answer.value(QStringLiteral("vip")), QJsonValue(true));
    EXPECT_EQ(answer.value(QStringLiteral("args")).toObject().value(QStringLiteral("day")),
              QJsonValue(QStringLiteral("friday")));
    EXPECT_EQ(answer.value(QStringLiteral("tools")).toArray().size(), 1);
    EXPECT_TRUE(answer.value(QStringLiteral("recording")).isNull());
    EXPECT_EQ(answer.value(QStringLiteral("text")), QJsonValue(QStringLiteral("seats: 2")));
    EXPECT_EQ(answer.value(QStringLiteral("name")), QJsonValue(john().name));
    EXPECT_EQ(answer.value(QStringLiteral("keep")), QJsonValue(QStringLiteral("{{schema}}")));
    EXPECT_EQ(answer.value(QStringLiteral("list")).toArray(),
              (QJsonArray {QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"), 7, true, QJsonValue()}));
}

TEST(TemplatingJson, ErrorsNameTheJsonPathOfEveryMissingValue)
{
    const QByteArray templateBody = R"({"assistant": {"first_message": "Hi {{contact.name}}",
        "llm_config": {"messages": [{"role": "system", "content": "Caller {{message.caller.name}}"}]}}})";
    const RenderResult result = dockside::templating::renderBody(templateBody, true, context());
    EXPECT_TRUE(result.body.isEmpty());
    ASSERT_EQ(result.errors.size(), 2) << describe(result);
    EXPECT_EQ(result.errors.at(0).location, QStringLiteral("$.assistant.first_message"));
    EXPECT_EQ(
        result.errors.at(0).describe(),
        QStringLiteral("$.assistant.first_message: {{contact.name}}: no contact for +31612345678 in the contact book"));
    EXPECT_EQ(result.errors.at(1).location, QStringLiteral("$.assistant.llm_config.messages[0].content"));
    EXPECT_EQ(result.errors.at(1).placeholder, QStringLiteral("message.caller.name"));
}

TEST(TemplatingJson, ATemplateRenderedAgainTakesEachRequestsOwnValuesAndErrors)
{
    // The parsed form of a template is kept between requests; what it renders must still come from each request.
    const QByteArray templateBody = R"({"assistant": {"first_message": "Hi {{contact.name}}", "keep": "plain",
        "messages": [{"content": "from {{message.customer.number}}"}, "{{message.duration_seconds}}"]}})";
    RenderContext other = context(john());
    other.requestBody = QJsonDocument::fromJson(R"({"message": {"customer": {"number": "+4930123"},
        "duration_seconds": "ten"}})")
                            .object();
    for (int round = 0; round < 2; ++round) {
        const QJsonObject first = renderedObject(dockside::templating::renderBody(templateBody, true, context(john())))
                                      .value(QStringLiteral("assistant"))
                                      .toObject();
        EXPECT_EQ(first.value(QStringLiteral("first_message")), QJsonValue(QStringLiteral("Hi ") + john().name));
        EXPECT_EQ(first.value(QStringLiteral("messages")).toArray(),
                  (QJsonArray {QJsonObject {{QStringLiteral("content"), QStringLiteral("from +31612345678")}}, 42}));
        EXPECT_EQ(first.value(QStringLiteral("keep")), QJsonValue(QStringLiteral("plain")));
        const QJsonObject second = renderedObject(dockside::templating::renderBody(templateBody, true, other))
                                       .value(QStringLiteral("assistant"))
                                       .toObject();
        EXPECT_EQ(second.value(QStringLiteral("messages")).toArray(),
                  (QJsonArray {QJsonObject {{QStringLiteral("content"), QStringLiteral("from +4930123")}},
                               QStringLiteral("ten")}));
        const RenderResult missing = dockside::templating::renderBody(templateBody, true, context());
        ASSERT_EQ(missing.errors.size(), 1) << describe(missing);
        EXPECT_EQ(missing.errors.first().location, QStringLiteral("$.assistant.first_message"));
        const RenderResult unclosed = dockside::templating::renderBody(R"({"a": ["x", "{{call.id"]})", true, context());
        ASSERT_EQ(unclosed.errors.size(), 1) << describe(unclosed);
        EXPECT_EQ(unclosed.errors.first().location, QStringLiteral("$.a[1]"));
    }
    // More templates than are kept: each still renders as its own.
    for (int i = 0; i < 200; ++i) {
        const QByteArray numbered = R"({"n": )" + QByteArray::number(i) + R"(, "id": "{{call.id}}"})";
        const QJsonObject rendered = renderedObject(dockside::templating::renderBody(numbered, true, context()));
        EXPECT_EQ(rendered.value(QStringLiteral("n")).toInt(), i);
        EXPECT_EQ(rendered.value(QStringLiteral("id")).toString(),
                  QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f"));
    }
}

QByteArray qtJsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray ownJsonString(const QString &text)
{
    QByteArray out = "prefix:";
    dockside::templating::appendJsonString(out, text);
    EXPECT_TRUE(out.startsWith("prefix:"));
    return out.mid(7);
}

TEST(TemplatingJson, StringsAreWrittenByteForByteAsQtWritesThem)
{
    // Every UTF-16 unit alone (surrogates included), and next to text on both sides.
    for (char32_t unit = 0; unit <= 0xffff; ++unit) {
        const QString alone {QChar(char16_t(unit))};
        ASSERT_EQ(ownJsonString(alone), qtJsonString(alone)) << "U+" << std::hex << unsigned(unit);
        const QString inText = QStringLiteral("a") + alone + QStringLiteral("\"z");
        ASSERT_EQ(ownJsonString(inText), qtJsonString(inText)) << "U+" << std::hex << unsigned(unit);
    }
    // Surrogates paired, reversed, doubled and cut off at the end.
    const QString emoji = QString::fromUtf8("\xf0\x9f\x93\x9e");
    const QList<QString> pairs {emoji,
                                QString(emoji.at(1)) + emoji.at(0),
                                QString(emoji.at(0)) + emoji.at(0) + emoji.at(1),
                                QStringLiteral("x") + emoji.at(0),
                                QString(emoji.at(0)) + QStringLiteral("x"),
                                QString::fromUcs4(U"\U0010FFFF\U00010000 caf\u00e9 \u2028\u0000"),
                                QString(),
                                QString(300, QLatin1Char('"'))};
    for (const QString &text : pairs)
        EXPECT_EQ(ownJsonString(text), qtJsonString(text)) << text.toStdString();
}

// Bytes that Qt's own writer would produce for the answer's document: parsing and writing it again changes nothing.
void expectWrittenAsQtWritesIt(const RenderResult &result)
{
    ASSERT_TRUE(result.isOk()) << describe(result);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << result.body.toStdString();
    EXPECT_EQ(result.body, document.toJson(QJsonDocument::Indented));
}

TEST(TemplatingJson, AnAnswerIsTheSameBytesAsQtWritesForTheRenderedDocument)
{
    // Placeholders at every depth, in objects and arrays, whole values of each JSON type (objects and arrays nested
    // deep, empty ones), keys out of order, and caller text that needs escaping.
    RenderContext deep = context(john());
    QJsonObject body = deep.requestBody.value().toObject();
    QJsonObject message = body.value(QStringLiteral("message")).toObject();
    message.insert(QStringLiteral("empty_object"), QJsonObject());
    message.insert(QStringLiteral("empty_array"), QJsonArray());
    message.insert(QStringLiteral("ratio"), 0.1);
    message.insert(QStringLiteral("big"), 12345678901234.0);
    message.insert(
        QStringLiteral("nested"),
        QJsonObject {{QStringLiteral("z"), QJsonArray {1, QJsonObject {{QStringLiteral("y"), QJsonArray {}}}}},
                     {QStringLiteral("a"), QStringLiteral("tab\there")}});
    body.insert(QStringLiteral("message"), message);
    deep.requestBody = body;
    const QByteArray templateBody = R"({"zeta": "{{message.nested}}", "alpha": [["{{message.tool_call_list}}",
        {"b": "{{message.empty_object}}", "a": "{{message.empty_array}}"}], "{{message.ratio}}", "{{message.big}}"],
        "mid": {"deeper": {"deepest": ["Hi {{contact.name}}, {{contact.notes}}", "{{message.recording_url}}",
        "{{contact.vip}}", "{{schema}}", "keep {{schema}} {{call.id}}", "\u00e9\u0001 {{call.id}}"]}},
        "plain": [1, 2.5, "three", null, false, {}, []]})";
    for (int round = 0; round < 2; ++round)
        expectWrittenAsQtWritesIt(dockside::templating::renderBody(templateBody, true, deep));
    const QJsonObject answer = renderedObject(dockside::templating::renderBody(templateBody, true, deep));
    EXPECT_EQ(answer.value(QStringLiteral("zeta")), message.value(QStringLiteral("nested")));
    EXPECT_EQ(answer.value(QStringLiteral("alpha")).toArray().at(0).toArray().at(0),
              message.value(QStringLiteral("tool_call_list")));
    EXPECT_EQ(answer.value(QStringLiteral("mid"))
                  .toObject()
                  .value(QStringLiteral("deeper"))
                  .toObject()
                  .value(QStringLiteral("deepest"))
                  .toArray()
                  .at(0),
              QJsonValue(QStringLiteral("Hi ") + john().name + QStringLiteral(", ") + john().notes));

    // A template whose own text spells the marker the renderer cuts at is still answered right, by rewriting it.
    const QByteArray spellsMarker = "{\"a\": \"\\u0001dockside-site-0\\u0001\", \"b\": \"{{call.id}}\"}";
    const RenderResult marked = dockside::templating::renderBody(spellsMarker, true, deep);
    expectWrittenAsQtWritesIt(marked);
    EXPECT_EQ(renderedObject(marked).value(QStringLiteral("a")),
              QJsonValue(QStringLiteral("\x01"
                                        "dockside-site-0\x01")));
    EXPECT_EQ(renderedObject(marked).value(QStringLiteral("b")),
              QJsonValue(QStringLiteral("5c4d030f-43e3-4e65-899e-8148521e660f")));
}

TEST(TemplatingJson, ATemplateWithoutPlaceholdersComesBackByteForByte)
{
    const QByteArray templateBody = "{\n  \"error\":   \"Sorry, we are closed.\"\n}\n";
    const RenderResult result = dockside::templating::renderBody(templateBody, true, context());
    ASSERT_TRUE(result.isOk()) << describe(result);
    EXPECT_EQ(result.body, templateBody);
    EXPECT_EQ(dockside::templating::renderBody(QByteArray(), true, context()).body, QByteArray());
}

TEST(TemplatingJson, AnInvalidJsonTemplateIsAnError)
{
    const RenderResult result = dockside::templating::renderBody("{\"a\": \"{{call.id}}\"", true, context());
    ASSERT_EQ(result.errors.size(), 1);
    EXPECT_EQ(result.errors.first().location, QStringLiteral("$"));
    EXPECT_TRUE(result.errors.first().message.contains(QStringLiteral("not valid JSON")));
}

TEST(TemplatingRaw, SubstitutesTextWithoutEscaping)
{
    const RenderResult result =
        dockside::templating::renderBody("<b>{{contact.name}}</b> {{call.id}}", false, context(john()));
    ASSERT_TRUE(result.isOk()) << describe(result);
    EXPECT_EQ(result.body, QByteArray("<b>John \"Johnny\" Smith</b> 5c4d030f-43e3-4e65-899e-8148521e660f"));
}

TEST(TemplatingLimits, OutputLargerThanTheLimitIsACleanError)
{
    dockside::templating::RenderOptions options;
    options.maxOutputBytes = 1000;
    RenderContext big = context(john());
    big.contact->notes = QString(400, QLatin1Char('x'));

    const RenderResult fits =
        dockside::templating::renderBody("[\"{{contact.notes}}\", \"{{contact.notes}}\"]", true, big, options);
    EXPECT_TRUE(fits.isOk()) << describe(fits);

    const RenderResult json = dockside::templating::renderBody(
        "[\"{{contact.notes}}\", \"{{contact.notes}} {{contact.notes}}\", \"{{contact.notes}}\"]", true, big, options);
    EXPECT_TRUE(json.body.isEmpty());
    ASSERT_EQ(json.errors.size(), 1) << describe(json);
    EXPECT_TRUE(json.errors.first().message.contains(QStringLiteral("limit of 1000 bytes")));

    const RenderResult raw =
        dockside::templating::renderBody("{{contact.notes}}{{contact.notes}}{{contact.notes}}", false, big, options);
    EXPECT_TRUE(raw.body.isEmpty());
    ASSERT_EQ(raw.errors.size(), 1) << describe(raw);
    EXPECT_TRUE(raw.errors.first().message.contains(QStringLiteral("limit of 1000 bytes")));

    // The default limit is 1 MiB: 3 x 400 KiB of notes is over it.
    big.contact->notes = QString(400 * 1024, QLatin1Char('y'));
    const RenderResult defaultLimit =
        dockside::templating::renderBody("{{contact.notes}}{{contact.notes}}{{contact.notes}}", false, big);
    ASSERT_EQ(defaultLimit.errors.size(), 1);
    EXPECT_TRUE(defaultLimit.errors.first().message.contains(QStringLiteral("1048576")));
}

TEST(TemplatingNames, PlatformPlaceholdersStayAsWritten)
{
    const QStringList names = dockside::templating::platformPlaceholderNames();
    EXPECT_EQ(names,
              (QStringList {QStringLiteral("schema"), QStringLiteral("transcript"), QStringLiteral("ended_reason")}));
    for (const QString &name : names)
        EXPECT_EQ(dockside::templating::resolvePlaceholder(name, context(john())).kind,
                  dockside::templating::PlaceholderValue::Kind::KeepVerbatim)
            << name.toStdString();
    EXPECT_EQ(dockside::templating::resolvePlaceholder(QStringLiteral("schemas"), context(john())).kind,
              dockside::templating::PlaceholderValue::Kind::Missing);
}

TEST(TemplatingSafety, PlaceholdersReachNoEnvironmentVariableAndNoFile)
{
    qputenv("DOCKSIDE_TEMPLATE_CANARY", "canary-from-the-environment");
    QTemporaryFile file;
    ASSERT_TRUE(file.open());
    file.write("canary-from-a-file");
    file.close();
    const QByteArray path = file.fileName().toUtf8();
    const QList<QByteArray> names {"env.DOCKSIDE_TEMPLATE_CANARY",
                                   "$DOCKSIDE_TEMPLATE_CANARY",
                                   "ENV:DOCKSIDE_TEMPLATE_CANARY",
                                   "DOCKSIDE_TEMPLATE_CANARY",
                                   " ${DOCKSIDE_TEMPLATE_CANARY} ",
                                   "file://" + path,
                                   path,
                                   "../../../../.." + path,
                                   "include " + path,
                                   "request.body." + path,
                                   "request.file",
                                   "contact.../../../.." + path};
    for (const QByteArray &name : names) {
        for (const bool json : {false, true}) {
            const QByteArray templateBody =
                json ? QByteArray("{\"a\": \"{{" + name + "}}\"}") : QByteArray("{{" + name + "}}");
            const RenderResult result = dockside::templating::renderBody(templateBody, json, context(john()));
            EXPECT_FALSE(result.isOk()) << templateBody.toStdString() << " rendered " << result.body.toStdString();
            for (const auto &error : result.errors) {
                EXPECT_FALSE(error.describe().contains(QStringLiteral("canary-from"))) << templateBody.toStdString();
            }
        }
    }
    qunsetenv("DOCKSIDE_TEMPLATE_CANARY");
}

TEST(TemplatingSafety, ValuesFromTheRequestAreNeverExpandedAgain)
{
    RenderContext sneaky = context(john());
    QJsonObject message = sneaky.requestBody.value().toObject().value(QStringLiteral("message")).toObject();
    message.insert(QStringLiteral("note"), QStringLiteral("{{now}} {{contact.notes}} {{env.HOME}} {{"));
    sneaky.requestBody = QJsonObject {{QStringLiteral("message"), message}};
    EXPECT_EQ(text("[{{message.note}}]", sneaky), QStringLiteral("[{{now}} {{contact.notes}} {{env.HOME}} {{]"));
    const RenderResult json =
        dockside::templating::renderBody(R"({"a": "{{message.note}}", "b": "x {{message.note}}"})", true, sneaky);
    ASSERT_TRUE(json.isOk()) << describe(json);
    EXPECT_EQ(renderedObject(json).value(QStringLiteral("a")).toString(),
              QStringLiteral("{{now}} {{contact.notes}} {{env.HOME}} {{"));
}

TEST(TemplatingSafety, ATemplateThatWouldExpandWithoutBoundFailsCleanlyAndQuickly)
{
    // 100 KiB of caller data named 64 times would be 6.4 MiB: past the 1 MiB limit, so an error and no body.
    RenderContext big = context(john());
    QJsonObject message = big.requestBody.value().toObject().value(QStringLiteral("message")).toObject();
    message.insert(QStringLiteral("blob"), QString(100 * 1024, QLatin1Char('z')));
    big.requestBody = QJsonObject {{QStringLiteral("message"), message}};
    QByteArray raw;
    QJsonArray items;
    for (int i = 0; i < 64; ++i) {
        raw += "{{message.blob}}";
        items.append(QStringLiteral("{{message}}"));
    }
    QElapsedTimer clock;
    clock.start();
    for (const auto &[body, json] :
         {std::pair<QByteArray, bool>(raw, false), std::pair<QByteArray, bool>(QJsonDocument(items).toJson(), true)}) {
        const RenderResult result = dockside::templating::renderBody(body, json, big);
        EXPECT_TRUE(result.body.isEmpty());
        ASSERT_EQ(result.errors.size(), 1) << describe(result);
        EXPECT_TRUE(result.errors.first().message.contains(QStringLiteral("larger than the limit of 1048576 bytes")))
            << describe(result);
    }
    EXPECT_LT(clock.elapsed(), 5000);
}

TEST(TemplatingNames, ListsFixedNamesContactFieldsHeadersAndBodyPaths)
{
    const QStringList names = dockside::templating::placeholderNames(QJsonDocument::fromJson(kRequest).object(),
                                                                     {{"X-Webhook-Event", "tool-calls"}});
    for (const char *expected : {"now", "uuid", "call.id", "contact.name", "contact.customer_since", "contact.vip",
                                 "request.header.X-Webhook-Event", "message", "message.customer.number",
                                 "message.tool_call_list.0.id", "message.tool_call_list.0.function.arguments.seats"})
        EXPECT_TRUE(names.contains(QString::fromUtf8(expected))) << expected;
    EXPECT_EQ(names.count(QStringLiteral("now")), 1);

    // Every listed name resolves against the request it came from (contact names need a contact).
    RenderContext withContact = context(john());
    withContact.requestHeaders = {{"X-Webhook-Event", "tool-calls"}};
    for (const QString &name : names) {
        const auto resolved = dockside::templating::resolvePlaceholder(name, withContact);
        if (name == QLatin1String("message.recording_url"))
            continue;
        EXPECT_EQ(resolved.kind, dockside::templating::PlaceholderValue::Kind::Value)
            << name.toStdString() << ": " << resolved.error.toStdString();
    }
}

} // namespace
