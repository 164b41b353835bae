// SPDX-License-Identifier: GPL-3.0-or-later

#include "templatevalidation.h"

#include "base/jsonlocator.h"
#include "workspace/workspaceshapes.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::TemplateValidation", text);
}

JsonProblem problemAt(const QByteArray &text, const QString &path, const QString &message, JsonMark::Severity severity)
{
    QList<base::LoadError> located {{path, 0, 0, message}};
    base::locateLoadErrors(text, located);
    return JsonProblem::fromLoadError(located.constFirst(), severity);
}

QSet<QString> templateIds(const QList<workspace::ResponseTemplate> &templates)
{
    QSet<QString> ids;
    for (const workspace::ResponseTemplate &responseTemplate : templates)
        ids.insert(responseTemplate.id);
    return ids;
}

} // namespace

TemplateValidation validateTemplateText(const QByteArray &utf8Text, const workspace::Workspace &workspace,
                                        const QString &originalId)
{
    TemplateValidation result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8Text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const base::TextPosition position = base::textPositionOfOffset(utf8Text, parseError.offset);
        result.problems.append({QStringLiteral("$"), position.line, position.column,
                                tr("Not valid JSON: %1.").arg(parseError.errorString()), JsonMark::Severity::Error});
        return result;
    }
    if (!document.isObject()) {
        result.problems.append(problemAt(utf8Text, QStringLiteral("$"),
                                         tr("A template is a JSON object, like {\"id\": \"greeting\", \"status\": "
                                            "200, \"body\": {}}."),
                                         JsonMark::Severity::Error));
        return result;
    }

    QList<base::LoadError> errors;
    std::optional<workspace::ResponseTemplate> parsed =
        workspace::templateFromJson(document.object(), QStringLiteral("$"), errors);
    base::locateLoadErrors(utf8Text, errors);
    for (const base::LoadError &error : errors)
        result.problems.append(JsonProblem::fromLoadError(error));

    const QJsonObject object = document.object();
    const QList<QLatin1StringView> &knownKeys = workspace::templateShape().keys;
    QStringList known;
    for (const QLatin1StringView key : knownKeys)
        known.append(key);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            result.problems.append(problemAt(
                utf8Text, QStringLiteral("$.") + it.key(),
                tr("Unknown key \"%1\" is ignored; a template has %2.").arg(it.key(), known.join(QStringLiteral(", "))),
                JsonMark::Severity::Warning));
    }
    if (object.contains(QStringLiteral("raw_body")) && object.contains(QStringLiteral("body")))
        result.problems.append(problemAt(utf8Text, QStringLiteral("$.body"),
                                         tr("Both \"body\" and \"raw_body\": raw_body is sent and body is ignored."),
                                         JsonMark::Severity::Warning));

    if (parsed) {
        QList<workspace::ResponseTemplate> others = workspace.templates;
        others.removeIf([&originalId](const workspace::ResponseTemplate &t) { return t.id == originalId; });
        if (templateIds(others).contains(parsed->id)) {
            result.problems.append(problemAt(
                utf8Text, QStringLiteral("$.id"),
                tr("Another template already has the id \"%1\"; choose one no other template uses.").arg(parsed->id),
                JsonMark::Severity::Error));
        } else if (!originalId.isEmpty() && parsed->id != originalId) {
            QSet<QString> before = templateIds(workspace.templates);
            QSet<QString> after = templateIds(others);
            after.insert(parsed->id);
            const QList<base::LoadError> brokenBefore =
                workspace.rules.unknownTemplateReferences(before, QStringLiteral("$.rules"));
            QStringList newlyBroken;
            for (const base::LoadError &broken :
                 workspace.rules.unknownTemplateReferences(after, QStringLiteral("$.rules"))) {
                const bool wasBroken = std::any_of(brokenBefore.cbegin(), brokenBefore.cend(),
                                                   [&broken](const auto &b) { return b.path == broken.path; });
                if (!wasBroken)
                    newlyBroken.append(broken.path);
            }
            if (workspace.fallbackTemplateId == originalId)
                newlyBroken.append(tr("the fallback template"));
            if (!newlyBroken.isEmpty())
                result.problems.append(problemAt(utf8Text, QStringLiteral("$.id"),
                                                 tr("Renaming \"%1\" leaves %2 without a template; update them "
                                                    "in the rules editor.")
                                                     .arg(originalId, newlyBroken.join(QStringLiteral(", "))),
                                                 JsonMark::Severity::Warning));
        }
    }

    const bool hasError = std::any_of(result.problems.cbegin(), result.problems.cend(),
                                      [](const JsonProblem &problem) { return problem.isError(); });
    if (!hasError)
        result.responseTemplate = parsed;
    return result;
}

QString templateText(const workspace::ResponseTemplate &responseTemplate)
{
    return QString::fromUtf8(
        base::toOrderedJson(workspace::templateToJson(responseTemplate), workspace::templateShape()));
}

} // namespace dockside::ui
