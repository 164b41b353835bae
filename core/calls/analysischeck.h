// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace dockside::calls {

// One field of an end-of-call report's structured data, read against the analysis plan's schema.
struct AnalysisField {
    enum class Problem { None, NotInSchema, WrongType, Missing };
    QString name;
    QJsonValue value; // undefined when missing
    QString expectedType; // the schema's "type", as written; empty when the schema says none
    Problem problem = Problem::None;
};

QString analysisProblemText(const AnalysisField &field);

// Each top-level field of the extracted data against the schema's properties, their types and its required list.
// A schema without properties checks only that the data is an object.
QList<AnalysisField> checkAnalysis(const QJsonObject &schema, const QJsonValue &structuredData);

} // namespace dockside::calls
