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
// (with valijson) and adds the rules a schema cannot say. Unknown keys are warnings, never violations.
class AnswerValidator final {
public:
    AnswerValidator();
    ~AnswerValidator();
    AnswerValidator(const AnswerValidator &) = delete;
    AnswerValidator &operator=(const AnswerValidator &) = delete;

    AnswerValidation validate(const QJsonObject &answer) const;
    // The answer without the keys validate() warns about as unknown: the platform ignores them.
    QJsonObject withoutUnknownKeys(const QJsonObject &answer) const;

    // The shared instance: parsing the schema once is enough for the whole process.
    static const AnswerValidator &instance();
    static QJsonObject schemaDocument();

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace dockside::contract
