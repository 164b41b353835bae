// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "finding.h"

#include <QJsonObject>
#include <QJsonValue>

#include <memory>

namespace dockside::contract {

struct AnswerValidation {
    Findings violations;
    Findings warnings;

    bool isValid() const { return violations.isEmpty(); }
};

// Checks an assistant-request answer against resources/schemas/assistant-request-answer.schema.json
// (with valijson) and adds the rules a schema cannot say (CONTRACT.md §3a): unknown keys, keys a call cannot
// override, provider-only keys under another provider and stale providers are warnings, never violations.
class AnswerValidator final {
public:
    AnswerValidator();
    ~AnswerValidator();
    AnswerValidator(const AnswerValidator &) = delete;
    AnswerValidator &operator=(const AnswerValidator &) = delete;

    enum class Warnings { Collect, Skip };
    // `defaultAssistant` decides which provider a config's keys are judged by when the answer names none. Skipping the
    // warnings leaves the violations, which alone decide the outcome (a history row needs no more).
    AnswerValidation validate(const QJsonObject &answer, const QJsonObject &defaultAssistant = {},
                              Warnings warnings = Warnings::Collect) const;
    // The answer without the keys the platform ignores: unknown ones and those a call cannot override.
    QJsonObject withoutIgnoredKeys(const QJsonObject &answer) const;

    // The shared instance: parsing the schema once is enough for the whole process.
    static const AnswerValidator &instance();
    static QJsonObject schemaDocument();

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace dockside::contract
