// SPDX-License-Identifier: GPL-3.0-or-later

#include "answervalidator.h"

#include "assistantsettings.h"
#include "base/keysuggestion.h"
#include "base/parsing.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <stdexcept>
#include <string>
#include <vector>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace dockside::contract {

namespace {

const auto kSchemaResource = QStringLiteral(":/dockside/schemas/assistant-request-answer.schema.json");

Source sourceFromSchema(const QJsonObject &schemaNode)
{
    const QString label = schemaNode.value(QStringLiteral("x-source")).toString();
    if (label == QLatin1String("sdk"))
        return Source::Sdk;
    if (label == QLatin1String("seed"))
        return Source::Seed;
    return Source::Assumed;
}

// The schema node that describes a child of `schemaNode` (a property or an array item).
QJsonObject childSchema(const QJsonObject &schemaNode, const QJsonValue &parentValue, const QString &segment)
{
    if (parentValue.isArray())
        return schemaNode.value(QStringLiteral("items")).toObject();
    return schemaNode.value(QStringLiteral("properties")).toObject().value(segment).toObject();
}

struct LocatedError {
    QString path;
    QJsonObject schemaNode;
    QJsonValue value;
    bool valueExists = true;
};

// Walks valijson's context ("<root>", "[assistant]", "[0]") through the answer and the schema together,
// so "[0]" means an index only where the value really is an array.
LocatedError locate(const std::vector<std::string> &context, const QJsonObject &answer, const QJsonObject &schema)
{
    LocatedError located {QStringLiteral("$"), schema, answer, true};
    for (const std::string &rawSegment : context) {
        if (rawSegment.size() < 2 || rawSegment.front() != '[' || rawSegment.back() != ']')
            continue;
        const QString segment = QString::fromStdString(rawSegment.substr(1, rawSegment.size() - 2));
        const QJsonValue parent = located.value;
        located.schemaNode = childSchema(located.schemaNode, parent, segment);
        if (parent.isArray()) {
            const qsizetype index = segment.toLongLong();
            located.path = base::parsing::index(located.path, index);
            located.value = parent.toArray().at(index);
        } else {
            located.path = base::parsing::child(located.path, segment);
            const QJsonObject object = parent.toObject();
            located.valueExists = object.contains(segment);
            located.value = object.value(segment);
        }
    }
    return located;
}

bool isStrictPrefix(const std::vector<std::string> &prefix, const std::vector<std::string> &whole)
{
    return prefix.size() < whole.size() && std::equal(prefix.begin(), prefix.end(), whole.begin());
}

// Returns the value without the keys the platform ignores (unknown to the schema, or not overridable per call),
// and warns about each one it drops.
// Without keepKnown only the warnings are wanted, and no copy of the answer is built.
QJsonValue dropIgnoredKeys(const QJsonValue &value, const QJsonObject &schemaNode, const QString &path,
                           Findings &warnings, bool keepKnown)
{
    if (value.isArray()) {
        const QJsonObject items = schemaNode.value(QStringLiteral("items")).toObject();
        const QJsonArray array = value.toArray();
        QJsonArray known;
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue item = dropIgnoredKeys(array.at(i), items, base::parsing::index(path, i), warnings, keepKnown);
            if (keepKnown)
                known.append(item);
        }
        return known;
    }
    if (!value.isObject())
        return value;
    const QJsonObject properties = schemaNode.value(QStringLiteral("properties")).toObject();
    // An object the schema declares open ("and more"), or does not describe, takes any key without a warning.
    const bool isOpen = schemaNode.value(QStringLiteral("additionalProperties")).toBool(false) || properties.isEmpty();
    const QJsonObject object = value.toObject();
    // The SDK's assistant has keys (its id, webhook, events) that belong to the assistant, not to one call.
    const bool isAssistant = path == QLatin1String("$.assistant");
    QJsonObject known;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString childPath = base::parsing::child(path, it.key());
        if (isAssistant && nonOverridableAssistantKeys().contains(it.key())) {
            warnings.append({Severity::Warning, childPath,
                             QStringLiteral("\"%1\" cannot be changed per call: the platform keeps the assistant's "
                                            "own value.")
                                 .arg(it.key()),
                             Source::Assumed});
        } else if (properties.contains(it.key())) {
            QJsonValue kept =
                dropIgnoredKeys(it.value(), properties.value(it.key()).toObject(), childPath, warnings, keepKnown);
            if (keepKnown)
                known.insert(it.key(), kept);
        } else if (isOpen) {
            if (keepKnown)
                known.insert(it.key(), it.value());
        } else {
            warnings.append({Severity::Warning, childPath,
                             QStringLiteral("Unknown key \"%1\": the platform ignores it.%2")
                                 .arg(it.key(), base::didYouMean(it.key(), properties.keys())),
                             Source::Assumed});
        }
    }
    return known;
}

bool isTrue(const QJsonValue &value)
{
    return value.isBool() && value.toBool();
}

// The value the call will use: the answer's own, else the default assistant's.
QJsonValue effectiveValue(const QJsonObject &assistant, const QJsonObject &defaultAssistant, const QString &key)
{
    return assistant.contains(key) ? assistant.value(key) : defaultAssistant.value(key);
}

void addAnalysisPlanWarnings(const QJsonObject &assistant, Findings &warnings)
{
    const QString planPath = QStringLiteral("$.assistant.analysis_plan.structured_data_plan");
    const QJsonObject plan = assistant.value(QStringLiteral("analysis_plan"))
                                 .toObject()
                                 .value(QStringLiteral("structured_data_plan"))
                                 .toObject();
    const bool hasTemplate = plan.contains(QStringLiteral("template_id"));
    const bool hasInline = plan.contains(QStringLiteral("schema")) || plan.contains(QStringLiteral("messages"));
    if (hasTemplate && hasInline)
        warnings.append({Severity::Warning, planPath + QStringLiteral(".template_id"),
                         QStringLiteral("Both a template_id (the SDK's plan) and an inline schema or messages (the "
                                        "seed's plan): which one the platform uses is not documented."),
                         Source::Assumed});
    if (!plan.value(QStringLiteral("enabled")).toBool(false) || hasTemplate)
        return;
    const QJsonArray messages = plan.value(QStringLiteral("messages")).toArray();
    bool mentionsTranscript = false;
    for (const QJsonValue &message : messages)
        mentionsTranscript |=
            message.toObject().value(QStringLiteral("content")).toString().contains(QLatin1String("{{transcript}}"));
    if (!mentionsTranscript)
        warnings.append({Severity::Warning, planPath + QStringLiteral(".messages"),
                         QStringLiteral("No analysis message contains {{transcript}}: the model never sees the call."),
                         Source::Assumed});
    if (!plan.contains(QStringLiteral("schema")))
        warnings.append({Severity::Warning, planPath + QStringLiteral(".schema"),
                         QStringLiteral("Analysis is enabled without a schema: nothing says what to extract."),
                         Source::Assumed});
}

// Settings that only take effect together with another one, judged on what the call will use.
void addDependentSettingWarnings(const QJsonObject &answer, const QJsonObject &defaultAssistant, Findings &warnings)
{
    const QJsonObject assistant = answer.value(QStringLiteral("assistant")).toObject();
    if (assistant.value(QStringLiteral("voicemail_message")).isString() &&
        !isTrue(effectiveValue(assistant, defaultAssistant, QStringLiteral("voicemail_detection"))))
        warnings.append({Severity::Warning, QStringLiteral("$.assistant.voicemail_message"),
                         QStringLiteral("Voicemail detection is off for this call, so the voicemail message is never "
                                        "left: set voicemail_detection to true."),
                         Source::Assumed});
    if (assistant.contains(QStringLiteral("silence_timeout_seconds")) &&
        !isTrue(effectiveValue(assistant, defaultAssistant, QStringLiteral("autonomous_silence_handling"))))
        warnings.append({Severity::Warning, QStringLiteral("$.assistant.silence_timeout_seconds"),
                         QStringLiteral("Autonomous silence handling is off for this call, so the silence timeout "
                                        "has no effect: set autonomous_silence_handling to true."),
                         Source::Assumed});
    const QJsonValue inner = assistant.value(QStringLiteral("max_duration_seconds"));
    const QJsonValue outer = answer.value(QStringLiteral("max_duration_seconds"));
    if (inner.isDouble() && outer.isDouble() && inner.toDouble() != outer.toDouble())
        warnings.append({Severity::Warning, QStringLiteral("$.assistant.max_duration_seconds"),
                         QStringLiteral("Two duration limits: the top-level max_duration_seconds (%1 s) wins over "
                                        "this one.")
                             .arg(outer.toDouble()),
                         Source::Assumed});
}

void addSemanticWarnings(const QJsonObject &answer, const QJsonObject &defaultAssistant, Findings &warnings)
{
    const QJsonObject assistant = answer.value(QStringLiteral("assistant")).toObject();
    const QJsonValue firstMessage = assistant.value(QStringLiteral("first_message"));
    if (firstMessage.isString() && firstMessage.toString().trimmed().isEmpty())
        warnings.append({Severity::Warning, QStringLiteral("$.assistant.first_message"),
                         QStringLiteral("The greeting is blank: the caller hears silence until they speak."),
                         Source::Assumed});
    addAnalysisPlanWarnings(assistant, warnings);
    addDependentSettingWarnings(answer, defaultAssistant, warnings);
    warnings.append(assistantSettingWarnings(assistant, defaultAssistant, QStringLiteral("$.assistant")));
}

} // namespace

struct AnswerValidator::Private {
    QJsonObject schemaJson;
    valijson::Schema schema;
};

AnswerValidator::AnswerValidator()
    : m_private(std::make_unique<Private>())
{
    m_private->schemaJson = schemaDocument();
    valijson::SchemaParser parser;
    valijson::adapters::QtJsonAdapter schemaAdapter(m_private->schemaJson);
    parser.populateSchema(schemaAdapter, m_private->schema);
}

AnswerValidator::~AnswerValidator() = default;

const AnswerValidator &AnswerValidator::instance()
{
    static const AnswerValidator validator;
    return validator;
}

QJsonObject AnswerValidator::schemaDocument()
{
    QFile file(kSchemaResource);
    if (!file.open(QIODevice::ReadOnly))
        throw std::logic_error("the answer schema is missing from the resources");
    return QJsonDocument::fromJson(file.readAll()).object();
}

AnswerValidation AnswerValidator::validate(const QJsonObject &answer, const QJsonObject &defaultAssistant,
                                           Warnings warnings) const
{
    AnswerValidation result;

    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::QtJsonAdapter target(answer);
    validator.validate(m_private->schema, target, &results);

    std::vector<valijson::ValidationResults::Error> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
        errors.push_back(error);

    QSet<QString> reportedPaths;
    for (const auto &candidate : errors) {
        // valijson repeats each failure as a summary at every level above it; the deepest one says the most.
        const bool isSummary =
            candidate.description.rfind("Failed to validate against schema associated with property", 0) == 0 ||
            candidate.description.rfind("Failed to validate item #", 0) == 0;
        const bool hasDeeper = std::any_of(errors.begin(), errors.end(), [&](const auto &other) {
            return isStrictPrefix(candidate.context, other.context);
        });
        if (isSummary && hasDeeper)
            continue;
        const LocatedError located = locate(candidate.context, answer, m_private->schemaJson);
        const QString description = QString::fromStdString(candidate.description);
        QString message;
        if (description.contains(QLatin1String("required property"))) {
            static const QRegularExpression propertyName(QStringLiteral("'([^']*)'"));
            const auto match = propertyName.match(description);
            message = QStringLiteral("Missing required key \"%1\".").arg(match.captured(1));
        } else {
            const QString expected = located.schemaNode.value(QStringLiteral("description")).toString();
            message = QStringLiteral("Expected %1; got %2.").arg(expected, base::parsing::describe(located.value));
        }
        const QString key = located.path + QLatin1Char('|') + message;
        if (reportedPaths.contains(key))
            continue;
        reportedPaths.insert(key);
        result.violations.append({Severity::Error, located.path, message, sourceFromSchema(located.schemaNode)});
    }

    if (warnings == Warnings::Skip)
        return result;
    dropIgnoredKeys(answer, m_private->schemaJson, QStringLiteral("$"), result.warnings, false);
    addSemanticWarnings(answer, defaultAssistant, result.warnings);
    return result;
}

QJsonObject AnswerValidator::withoutIgnoredKeys(const QJsonObject &answer) const
{
    Findings ignored;
    return dropIgnoredKeys(answer, m_private->schemaJson, QStringLiteral("$"), ignored, true).toObject();
}

} // namespace dockside::contract
