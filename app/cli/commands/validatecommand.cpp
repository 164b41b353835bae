// SPDX-License-Identifier: GPL-3.0-or-later

#include "validatecommand.h"

#include "commandline.h"
#include "inputfiles.h"

#include "contract/answervalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace dockside::cli {

using namespace dockside::contract;

QString ValidateCommand::summary() const
{
    return QStringLiteral("Checks an assistant-request answer against the VoiceDock contract.\n"
                          "Prints every violation and warning with its JSON path; exits 1 when the answer is "
                          "invalid.");
}

int ValidateCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON."));
    parser.addOption(jsonOption);
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("ANSWER.json"), streams))
        return *exit;

    const QString fileName = parser.positionalArguments().constFirst();
    const std::optional<QByteArray> content = readInputFile(fileName, streams);
    if (!content)
        return kExitInput;

    AnswerValidation validation;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QString where = positionInFile(fileName, *content, parseError.offset);
        streams.err << where << ": not valid JSON: " << parseError.errorString() << '\n';
        validation.violations.append({Severity::Error, QStringLiteral("$"),
                                      QStringLiteral("Not valid JSON at %1: %2.").arg(where, parseError.errorString()),
                                      Source::Assumed});
    } else if (!document.isObject()) {
        validation.violations.append({Severity::Error, QStringLiteral("$"),
                                      QStringLiteral("An answer must be a JSON object."), Source::Assumed});
    } else {
        validation = AnswerValidator::instance().validate(document.object());
    }

    if (parser.isSet(jsonOption)) {
        const QJsonObject result {{QStringLiteral("valid"), validation.isValid()},
                                  {QStringLiteral("violations"), findingsToJson(validation.violations)},
                                  {QStringLiteral("warnings"), findingsToJson(validation.warnings)}};
        streams.out << QJsonDocument(result).toJson(QJsonDocument::Indented);
    } else {
        for (const Finding &finding : validation.violations + validation.warnings)
            streams.out << severityLabel(finding.severity) << "  " << finding.path << ": " << finding.message << " ["
                        << sourceLabel(finding.source) << "]\n";
        streams.out << fileName << ": " << (validation.isValid() ? QStringLiteral("valid") : QStringLiteral("INVALID"))
                    << " (" << validation.violations.size() << " violation(s), " << validation.warnings.size()
                    << " warning(s))\n";
    }
    return validation.isValid() ? kExitOk : kExitCheckFailed;
}

} // namespace dockside::cli
