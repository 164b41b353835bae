// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::ui {

// What an assistant-request answer does, as a support agent chooses it.
enum class AnswerKind { DefaultAssistant, Overrides, Reject };

// One field of the structured data the analysis extracts: a property of structured_data_plan.schema.
struct StructuredField {
    QString name;
    QString type = QStringLiteral("string"); // string, number, integer or boolean
    QStringList allowedValues; // the property's enum; empty allows any value
    QString description;

    friend bool operator==(const StructuredField &, const StructuredField &) = default;
};

// The part of a response template the override form shows, in the form's own terms.
struct AnswerDraft {
    QString name;
    int status = 200;
    int delayMs = 0;
    AnswerKind kind = AnswerKind::DefaultAssistant;
    QString greeting; // assistant.first_message
    QString provider; // assistant.llm_config.provider
    QString model; // assistant.llm_config.model
    QString systemPrompt; // the first system message of assistant.llm_config.messages
    int maxDurationSeconds = 0; // 0: the answer sets no limit
    bool analysisEnabled = false;
    QList<StructuredField> fields;
    QString rejection; // error: the sentence the caller hears

    friend bool operator==(const AnswerDraft &, const AnswerDraft &) = default;
};

// A template read for the form. Everything the form does not show is named in keptPaths; it stays in the
// template as it is.
struct AnswerReading {
    AnswerDraft draft;
    QStringList keptPaths; // JSON paths, "$.headers", "$.body.assistant.tts_config"
    QString unsupported; // set when the form cannot show this template at all, saying why
};

AnswerReading readAnswerDraft(const QJsonObject &templateJson);

// templateJson with the draft written into it. Keys the form does not show are kept; switching the kind removes
// only the keys of the other kinds (answer, limit or error).
QJsonObject writeAnswerDraft(const AnswerDraft &draft, const QJsonObject &templateJson);

// Something the draft still needs before the form writes it, in words, with the path where it would go.
struct DraftProblem {
    QString text;
    QString jsonPath;

    friend bool operator==(const DraftProblem &, const DraftProblem &) = default;
};
QList<DraftProblem> draftProblems(const AnswerDraft &draft);

// The words the form uses for a path in the template ("Greeting" for $.body.assistant.first_message); empty when
// the path is not one of the form's fields.
QString formFieldName(const QString &jsonPath);

// The structured-data types the form offers.
QStringList structuredFieldTypes();

} // namespace dockside::ui
