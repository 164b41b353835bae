// SPDX-License-Identifier: GPL-3.0-or-later

#include "analysischeck.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace dockside::calls {

namespace {

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"string")
        return value.isString();
    if (type == u"number")
        return value.isDouble();
    if (type == u"integer")
        return value.isDouble() && value.toDouble() == std::floor(value.toDouble());
    if (type == u"boolean")
        return value.isBool();
    if (type == u"object")
        return value.isObject();
    if (type == u"array")
        return value.isArray();
    if (type == u"null")
        return value.isNull();
    return true; // a type JSON Schema does not know is the schema's problem, not the data's
}

// The schema's "type" as a list: a string, or an array of strings (any of them).
QStringList typesOf(const QJsonObject &propertySchema)
{
    const QJsonValue type = propertySchema.value(QStringLiteral("type"));
    if (type.isString())
        return {type.toString()};
    QStringList types;
    for (const QJsonValue &entry : type.toArray()) {
        if (entry.isString())
            types << entry.toString();
    }
    return types;
}

} // namespace

QString analysisProblemText(const AnalysisField &field)
{
    switch (field.problem) {
    case AnalysisField::Problem::None:
        return {};
    case AnalysisField::Problem::NotInSchema:
        return QCoreApplication::translate("Calls", "not in the plan's schema");
    case AnalysisField::Problem::WrongType:
        return QCoreApplication::translate("Calls", "expected %1").arg(field.expectedType);
    case AnalysisField::Problem::Missing:
        break;
    }
    return QCoreApplication::translate("Calls", "required by the schema, missing");
}

QList<AnalysisField> checkAnalysis(const QJsonObject &schema, const QJsonValue &structuredData)
{
    QList<AnalysisField> fields;
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    const QJsonObject data = structuredData.toObject();
    const bool checkNames = !properties.isEmpty();
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        AnalysisField field;
        field.name = it.key();
        field.value = it.value();
        if (checkNames && !properties.contains(it.key())) {
            field.problem = AnalysisField::Problem::NotInSchema;
        } else {
            const QStringList types = typesOf(properties.value(it.key()).toObject());
            field.expectedType = types.join(QStringLiteral(" or "));
            const bool fits = types.isEmpty() || std::any_of(types.cbegin(), types.cend(), [&](const QString &type) {
                                  return hasType(it.value(), type);
                              });
            if (!fits)
                field.problem = AnalysisField::Problem::WrongType;
        }
        fields.append(field);
    }
    for (const QJsonValue &required : schema.value(QStringLiteral("required")).toArray()) {
        if (!required.isString() || data.contains(required.toString()))
            continue;
        AnalysisField field;
        field.name = required.toString();
        field.value = QJsonValue(QJsonValue::Undefined);
        field.expectedType = typesOf(properties.value(field.name).toObject()).join(QStringLiteral(" or "));
        field.problem = AnalysisField::Problem::Missing;
        fields.append(field);
    }
    return fields;
}

} // namespace dockside::calls
