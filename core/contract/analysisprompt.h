// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace dockside::contract {

struct PromptMessage {
    QString role;
    QString content;
};

struct AnalysisContext {
    QString transcript;
    QString endedReason;
};

// A short, believable call used to show what the analysis model would be asked.
AnalysisContext sampleAnalysisContext();

// Fills {{schema}}, {{transcript}} and {{ended_reason}} in the structured data plan's messages.
QList<PromptMessage> renderAnalysisPrompt(const QJsonObject &structuredDataPlan, const AnalysisContext &context);

} // namespace dockside::contract
