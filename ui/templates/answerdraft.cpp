// SPDX-License-Identifier: GPL-3.0-or-later

#include "answerdraft.h"

#include "assistant/assistantjson.h"
#include "base/parsing.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <array>
#include <cmath>
#include <utility>

namespace dockside::ui {

namespace {

using base::parsing::child;
using base::parsing::index;

const QString kName = QStringLiteral("name");
const QString kStatus = QStringLiteral("status");
const QString kDelay = QStringLiteral("delay_ms");
const QString kBody = QStringLiteral("body");
const QString kRawBody = QStringLiteral("raw_body");
const QString kAssistant = QStringLiteral("assistant");
const QString kError = QStringLiteral("error");
const QString kMaxDuration = QStringLiteral("max_duration_seconds");
const QString kFirstMessage = QStringLiteral("first_message");
const QString kLlmConfig = QStringLiteral("llm_config");
const QString kProvider = QStringLiteral("provider");
const QString kModel = QStringLiteral("model");
const QString kMessages = QStringLiteral("messages");
const QString kRole = QStringLiteral("role");
const QString kContent = QStringLiteral("content");
const QString kAnalysisPlan = QStringLiteral("analysis_plan");
const QString kStructuredDataPlan = QStringLiteral("structured_data_plan");
const QString kEnabled = QStringLiteral("enabled");
const QString kSchema = QStringLiteral("schema");
const QString kType = QStringLiteral("type");
const QString kProperties = QStringLiteral("properties");
const QString kEnum = QStringLiteral("enum");
const QString kDescription = QStringLiteral("description");

const QString kBodyPath = QStringLiteral("$.body");
const QString kAssistantPath = QStringLiteral("$.body.assistant");
const QString kLlmPath = QStringLiteral("$.body.assistant.llm_config");
const QString kPlanPath = QStringLiteral("$.body.assistant.analysis_plan.structured_data_plan");
const QString kSchemaPath = QStringLiteral("$.body.assistant.analysis_plan.structured_data_plan.schema");

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::AnswerDraft", text);
}

// The keys of object not in shown, as paths below path.
void keepOthers(const QJsonObject &object, const QString &path, const QStringList &shown, QStringList &kept)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!shown.contains(it.key()))
            kept.append(child(path, it.key()));
    }
}

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && std::isfinite(value.toDouble()) && std::trunc(value.toDouble()) == value.toDouble() &&
        std::abs(value.toDouble()) <= 1e9;
}

// Reads what the form shows of an object-valued key: absent reads as empty, anything but an object is a reason the
// form cannot show the template.
bool objectAt(const QJsonObject &parent, const QString &key, const QString &path, QJsonObject &out,
              QString &unsupported)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isObject()) {
        unsupported = tr("%1 is not a JSON object (%2); edit it in JSON.").arg(formFieldName(path), path);
        return false;
    }
    out = value.toObject();
    return true;
}

bool textAt(const QJsonObject &parent, const QString &key, const QString &path, QString &out, QString &unsupported)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString()) {
        unsupported = tr("%1 is not text (%2); edit it in JSON.").arg(formFieldName(path), path);
        return false;
    }
    out = value.toString();
    return true;
}

// A schema property the table can show: a scalar type, and an enum of that type's values.
std::optional<StructuredField> fieldOf(const QString &name, const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject property = value.toObject();
    StructuredField field;
    field.name = name;
    field.type = property.value(kType).toString();
    if (!structuredFieldTypes().contains(field.type))
        return std::nullopt;
    if (property.contains(kDescription) && !property.value(kDescription).isString())
        return std::nullopt;
    field.description = property.value(kDescription).toString();
    if (property.contains(kEnum)) {
        if (!property.value(kEnum).isArray())
            return std::nullopt;
        for (const QJsonValue &allowed : property.value(kEnum).toArray()) {
            if (allowed.isString() && field.type == QLatin1String("string"))
                field.allowedValues.append(allowed.toString());
            else if (allowed.isDouble() && field.type != QLatin1String("string") &&
                     field.type != QLatin1String("boolean"))
                field.allowedValues.append(QString::number(allowed.toDouble(), 'g', 15));
            else if (allowed.isBool() && field.type == QLatin1String("boolean"))
                field.allowedValues.append(allowed.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
            else
                return std::nullopt;
        }
    }
    return field;
}

// An allowed value as the field's type writes it; nullopt when the text is not of that type.
std::optional<QJsonValue> allowedValueOf(const StructuredField &field, const QString &text)
{
    if (field.type == QLatin1String("string"))
        return QJsonValue(text);
    if (field.type == QLatin1String("boolean")) {
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return QJsonValue(text == QLatin1String("true"));
        return std::nullopt;
    }
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    if (field.type == QLatin1String("integer") && std::trunc(number) != number)
        return std::nullopt;
    return QJsonValue(number);
}

void readAnalysis(const QJsonObject &assistant, AnswerReading &reading)
{
    QString &unsupported = reading.unsupported;
    QJsonObject plan;
    QJsonObject structured;
    QJsonObject schema;
    QJsonObject properties;
    if (!objectAt(assistant, kAnalysisPlan, QStringLiteral("$.body.assistant.analysis_plan"), plan, unsupported) ||
        !objectAt(plan, kStructuredDataPlan, kPlanPath, structured, unsupported) ||
        !objectAt(structured, kSchema, kSchemaPath, schema, unsupported) ||
        !objectAt(schema, kProperties, child(kSchemaPath, kProperties), properties, unsupported))
        return;
    keepOthers(plan, QStringLiteral("$.body.assistant.analysis_plan"), {kStructuredDataPlan}, reading.keptPaths);
    keepOthers(structured, kPlanPath, {kEnabled, kSchema}, reading.keptPaths);
    keepOthers(schema, kSchemaPath, {kType, kProperties}, reading.keptPaths);
    if (structured.contains(kEnabled) && !structured.value(kEnabled).isBool()) {
        unsupported = tr("Analysis is neither on nor off (%1); edit it in JSON.").arg(child(kPlanPath, kEnabled));
        return;
    }
    reading.draft.analysisEnabled = structured.value(kEnabled).toBool(false);
    const QString propertiesPath = child(kSchemaPath, kProperties);
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const std::optional<StructuredField> field = fieldOf(it.key(), it.value());
        if (!field) {
            reading.keptPaths.append(child(propertiesPath, it.key()));
            continue;
        }
        reading.draft.fields.append(*field);
        keepOthers(it.value().toObject(), child(propertiesPath, it.key()), {kType, kEnum, kDescription},
                   reading.keptPaths);
    }
}

void readOverrides(const QJsonObject &body, AnswerReading &reading)
{
    QString &unsupported = reading.unsupported;
    AnswerDraft &draft = reading.draft;
    QJsonObject assistant;
    QJsonObject llm;
    if (!objectAt(body, kAssistant, kAssistantPath, assistant, unsupported) ||
        !textAt(assistant, kFirstMessage, child(kAssistantPath, kFirstMessage), draft.greeting, unsupported) ||
        !objectAt(assistant, kLlmConfig, kLlmPath, llm, unsupported) ||
        !textAt(llm, kProvider, child(kLlmPath, kProvider), draft.provider, unsupported) ||
        !textAt(llm, kModel, child(kLlmPath, kModel), draft.model, unsupported))
        return;
    keepOthers(assistant, kAssistantPath, {kFirstMessage, kLlmConfig, kAnalysisPlan, kMaxDuration}, reading.keptPaths);
    keepOthers(llm, kLlmPath, {kProvider, kModel, kMessages}, reading.keptPaths);
    const QJsonValue messagesValue = llm.value(kMessages);
    if (!messagesValue.isUndefined() && !messagesValue.isArray()) {
        unsupported = tr("The messages are not a list (%1); edit them in JSON.").arg(child(kLlmPath, kMessages));
        return;
    }
    const QJsonArray messages = messagesValue.toArray();
    const qsizetype system = systemMessageIndex(messages);
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (i != system)
            reading.keptPaths.append(index(child(kLlmPath, kMessages), i));
    }
    if (system >= 0) {
        const QJsonObject message = messages.at(system).toObject();
        const QString path = index(child(kLlmPath, kMessages), system);
        if (!textAt(message, kContent, child(path, kContent), draft.systemPrompt, unsupported))
            return;
        keepOthers(message, path, {kRole, kContent}, reading.keptPaths);
    }

    // The seed puts the limit at the top level; an answer may also carry it inside the assistant (§3a).
    const bool topLevel = body.contains(kMaxDuration);
    const QJsonValue limit = topLevel ? body.value(kMaxDuration) : assistant.value(kMaxDuration);
    const QString limitPath = topLevel ? child(kBodyPath, kMaxDuration) : child(kAssistantPath, kMaxDuration);
    if (topLevel && assistant.contains(kMaxDuration))
        reading.keptPaths.append(child(kAssistantPath, kMaxDuration));
    if (!limit.isUndefined() && !limit.isNull()) {
        if (!isWholeNumber(limit) || limit.toDouble() < 0) {
            unsupported =
                tr("The duration limit is not a whole number of seconds (%1); edit it in JSON.").arg(limitPath);
            return;
        }
        draft.maxDurationSeconds = static_cast<int>(limit.toDouble());
    } else if (limit.isNull()) {
        reading.keptPaths.append(limitPath);
    }
    readAnalysis(assistant, reading);
}

} // namespace

QStringList structuredFieldTypes()
{
    return {QStringLiteral("string"), QStringLiteral("number"), QStringLiteral("integer"), QStringLiteral("boolean")};
}

AnswerReading readAnswerDraft(const QJsonObject &templateJson)
{
    AnswerReading reading;
    AnswerDraft &draft = reading.draft;
    draft.name = templateJson.value(kName).toString();
    draft.status = templateJson.value(kStatus).toInt(200);
    draft.delayMs = templateJson.value(kDelay).toInt(0);
    keepOthers(templateJson, QStringLiteral("$"),
               {QStringLiteral("id"), kName, kStatus, kDelay, kBody, QStringLiteral("headers"), kDescription},
               reading.keptPaths);
    const QJsonArray headers = templateJson.value(QStringLiteral("headers")).toArray();
    const bool jsonContentTypeOnly = headers.size() == 1 &&
        headers.first().toObject().value(kName).toString().compare(QLatin1String("Content-Type"),
                                                                   Qt::CaseInsensitive) == 0 &&
        headers.first()
            .toObject()
            .value(QStringLiteral("value"))
            .toString()
            .startsWith(QLatin1String("application/json"));
    if (!headers.isEmpty() && !jsonContentTypeOnly)
        reading.keptPaths.append(QStringLiteral("$.headers"));
    if (!templateJson.value(kDescription).toString().isEmpty())
        reading.keptPaths.append(QStringLiteral("$.description"));

    if (templateJson.contains(kRawBody)) {
        reading.unsupported = tr("This template answers with text, not with JSON the platform reads; edit it in JSON.");
        return reading;
    }
    const QJsonValue bodyValue = templateJson.value(kBody);
    if (!bodyValue.isUndefined() && !bodyValue.isObject()) {
        reading.unsupported = tr("This template's answer is not a JSON object; edit it in JSON.");
        return reading;
    }
    const QJsonObject body = bodyValue.toObject();
    keepOthers(body, kBodyPath, {kAssistant, kMaxDuration, kError}, reading.keptPaths);
    if (body.contains(kError)) {
        draft.kind = AnswerKind::Reject;
        if (!textAt(body, kError, child(kBodyPath, kError), draft.rejection, reading.unsupported))
            return reading;
        // The platform ignores an answer beside a rejection; the form keeps it without showing it.
        for (const QString &key : {kAssistant, kMaxDuration}) {
            if (body.contains(key))
                reading.keptPaths.append(child(kBodyPath, key));
        }
        return reading;
    }
    if (body.contains(kAssistant) || body.contains(kMaxDuration)) {
        draft.kind = AnswerKind::Overrides;
        readOverrides(body, reading);
    }
    return reading;
}

namespace {

void writeAnalysis(const AnswerDraft &draft, QJsonObject &assistant)
{
    if (!draft.analysisEnabled && draft.fields.isEmpty() && !assistant.contains(kAnalysisPlan))
        return;
    QJsonObject plan = assistant.value(kAnalysisPlan).toObject();
    QJsonObject structured = plan.value(kStructuredDataPlan).toObject();
    structured.insert(kEnabled, draft.analysisEnabled);
    if (!draft.fields.isEmpty() || structured.contains(kSchema)) {
        QJsonObject schema = structured.value(kSchema).toObject();
        if (!schema.contains(kType))
            schema.insert(kType, QStringLiteral("object"));
        const QJsonObject oldProperties = schema.value(kProperties).toObject();
        QJsonObject properties;
        // Properties the table cannot show stay; the table's fields replace the ones it showed.
        for (auto it = oldProperties.begin(); it != oldProperties.end(); ++it) {
            if (!fieldOf(it.key(), it.value()))
                properties.insert(it.key(), it.value());
        }
        for (const StructuredField &field : draft.fields) {
            QJsonObject property = oldProperties.value(field.name).toObject();
            property.insert(kType, field.type);
            setOrRemove(property, kDescription, field.description, field.description.isEmpty());
            QJsonArray allowed;
            for (const QString &text : field.allowedValues) {
                if (const std::optional<QJsonValue> value = allowedValueOf(field, text))
                    allowed.append(*value);
            }
            setOrRemove(property, kEnum, allowed, allowed.isEmpty());
            properties.insert(field.name, property);
        }
        schema.insert(kProperties, properties);
        structured.insert(kSchema, schema);
    }
    plan.insert(kStructuredDataPlan, structured);
    assistant.insert(kAnalysisPlan, plan);
}

void writeOverrides(const AnswerDraft &draft, QJsonObject &body)
{
    QJsonObject assistant = body.value(kAssistant).toObject();
    setOrRemove(assistant, kFirstMessage, draft.greeting, draft.greeting.isEmpty());

    QJsonObject llm = assistant.value(kLlmConfig).toObject();
    setOrRemove(llm, kProvider, draft.provider, draft.provider.isEmpty());
    const QString model = draft.model.trimmed();
    setOrRemove(llm, kModel, model, model.isEmpty());
    QJsonArray messages = llm.value(kMessages).toArray();
    setSystemPrompt(messages, draft.systemPrompt);
    setOrRemove(llm, kMessages, messages, messages.isEmpty());
    setOrRemove(assistant, kLlmConfig, llm, llm.isEmpty());

    // The limit stays where the answer had it; a new one goes to the top level, where the seed puts it.
    const bool inAssistant = !body.contains(kMaxDuration) && assistant.contains(kMaxDuration);
    QJsonObject &limitHolder = inAssistant ? assistant : body;
    setOrRemove(limitHolder, kMaxDuration, draft.maxDurationSeconds, draft.maxDurationSeconds <= 0);

    writeAnalysis(draft, assistant);
    setOrRemove(body, kAssistant, assistant, assistant.isEmpty());
}

} // namespace

QJsonObject writeAnswerDraft(const AnswerDraft &draft, const QJsonObject &templateJson)
{
    QJsonObject result = templateJson;
    result.insert(kName, draft.name);
    result.insert(kStatus, draft.status);
    result.insert(kDelay, draft.delayMs);
    if (result.contains(kRawBody))
        return result;
    QJsonObject body = result.value(kBody).toObject();
    switch (draft.kind) {
    case AnswerKind::DefaultAssistant:
        body.remove(kAssistant);
        body.remove(kMaxDuration);
        body.remove(kError);
        break;
    case AnswerKind::Reject:
        body.remove(kAssistant);
        body.remove(kMaxDuration);
        body.insert(kError, draft.rejection);
        break;
    case AnswerKind::Overrides:
        body.remove(kError);
        writeOverrides(draft, body);
        break;
    }
    result.insert(kBody, body);
    return result;
}

QList<DraftProblem> draftProblems(const AnswerDraft &draft)
{
    QList<DraftProblem> problems;
    if (draft.name.trimmed().isEmpty())
        problems.append({tr("Give the template a name."), QStringLiteral("$.name")});
    if (draft.kind == AnswerKind::Reject && draft.rejection.trimmed().isEmpty())
        problems.append(
            {tr("Type the sentence the caller hears when the call is rejected."), child(kBodyPath, kError)});
    if (draft.kind != AnswerKind::Overrides)
        return problems;
    const QString fieldsPath = child(kSchemaPath, kProperties);
    if (draft.analysisEnabled && draft.fields.isEmpty())
        problems.append({tr("Add a field for the analysis to extract, or switch the analysis off."), fieldsPath});
    QSet<QString> names;
    for (qsizetype i = 0; i < draft.fields.size(); ++i) {
        const StructuredField &field = draft.fields.at(i);
        if (field.name.trimmed().isEmpty()) {
            problems.append({tr("Analysis field %1 has no name.").arg(i + 1), fieldsPath});
            continue;
        }
        if (names.contains(field.name))
            problems.append(
                {tr("Two analysis fields are called “%1”.").arg(field.name), child(fieldsPath, field.name)});
        names.insert(field.name);
        for (const QString &allowed : field.allowedValues) {
            if (!allowedValueOf(field, allowed))
                problems.append(
                    {tr("Analysis field “%1” holds a %2, but “%3” is not one.").arg(field.name, field.type, allowed),
                     child(child(fieldsPath, field.name), kEnum)});
        }
    }
    return problems;
}

QString formFieldName(const QString &jsonPath)
{
    static const std::array<std::pair<QLatin1StringView, const char *>, 14> names {{
        {QLatin1StringView("$.name"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Name")},
        {QLatin1StringView("$.status"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Status code")},
        {QLatin1StringView("$.delay_ms"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Delay")},
        {QLatin1StringView("$.body.error"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Rejection sentence")},
        {QLatin1StringView("$.body.max_duration_seconds"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Duration limit")},
        {QLatin1StringView("$.body.assistant.max_duration_seconds"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Duration limit")},
        {QLatin1StringView("$.body.assistant.first_message"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Greeting")},
        {QLatin1StringView("$.body.assistant.llm_config.provider"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Provider")},
        {QLatin1StringView("$.body.assistant.llm_config.model"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Model")},
        {QLatin1StringView("$.body.assistant.llm_config.messages"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "System prompt")},
        {QLatin1StringView("$.body.assistant.llm_config"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Model")},
        {QLatin1StringView("$.body.assistant.analysis_plan"),
         QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Analysis")},
        {QLatin1StringView("$.body.assistant"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Overrides")},
        {QLatin1StringView("$.body"), QT_TRANSLATE_NOOP("dockside::ui::AnswerDraft", "Answer")},
    }};
    // The longest listed path that jsonPath starts with names it: the first match, as the list is most specific first.
    for (const auto &[path, name] : names) {
        const QString prefix(path);
        if (jsonPath == prefix || jsonPath.startsWith(prefix + QLatin1Char('.')) ||
            jsonPath.startsWith(prefix + QLatin1Char('[')))
            return tr(name);
    }
    return {};
}

} // namespace dockside::ui
