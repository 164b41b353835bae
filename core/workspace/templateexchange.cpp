// SPDX-License-Identifier: GPL-3.0-or-later

#include "templateexchange.h"

#include "base/jsonlocator.h"
#include "workspaceshapes.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

namespace dockside::workspace {

namespace {

using namespace Qt::StringLiterals;

const QString kFormatKey = QStringLiteral("dockside_templates");

void readTemplateList(const QJsonArray &array, const QString &path, TemplateImport &result)
{
    QHash<QString, QString> firstPathById;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = base::parsing::index(path, i);
        std::optional<ResponseTemplate> responseTemplate = templateFromJson(array.at(i), itemPath, result.errors);
        if (!responseTemplate)
            continue;
        if (firstPathById.contains(responseTemplate->id)) {
            result.errors.append({base::parsing::child(itemPath, QStringLiteral("id")), 0, 0,
                                  QStringLiteral("The id \"%1\" is used twice in this file (first at %2).")
                                      .arg(responseTemplate->id, firstPathById.value(responseTemplate->id))});
            continue;
        }
        firstPathById.insert(responseTemplate->id, itemPath);
        result.templates.append(*responseTemplate);
    }
}

void readDocument(const QJsonDocument &document, TemplateImport &result)
{
    const QString root = QStringLiteral("$");
    if (document.isArray()) {
        readTemplateList(document.array(), root, result);
        return;
    }
    const QJsonObject object = document.object();
    if (object.contains(kFormatKey)) {
        const QJsonValue version = object.value(kFormatKey);
        if (!version.isDouble() || version.toDouble() < 1.0) {
            result.errors.append({base::parsing::child(root, kFormatKey), 0, 0,
                                  QStringLiteral("Expected the template export format version (1); got %1.")
                                      .arg(base::parsing::describe(version))});
            return;
        }
        if (version.toDouble() > kTemplateExchangeVersion) {
            result.errors.append({base::parsing::child(root, kFormatKey), 0, 0,
                                  QStringLiteral("These templates were exported in format version %1; this Dockside "
                                                 "reads up to %2. Update Dockside to import them.")
                                      .arg(version.toDouble())
                                      .arg(kTemplateExchangeVersion)});
            return;
        }
        const QJsonValue templates = object.value(QStringLiteral("templates"));
        if (!templates.isArray()) {
            result.errors.append(
                {base::parsing::child(root, QStringLiteral("templates")), 0, 0,
                 QStringLiteral("Expected an array of templates; got %1.").arg(base::parsing::describe(templates))});
            return;
        }
        readTemplateList(templates.toArray(), base::parsing::child(root, QStringLiteral("templates")), result);
        return;
    }
    if (object.contains(QStringLiteral("templates"))) {
        result.errors.append({root, 0, 0,
                              QStringLiteral("This looks like a workspace file, not exported templates. Export its "
                                             "templates first: dockside-cli templates export --workspace FILE "
                                             "--output templates.json")});
        return;
    }
    if (std::optional<ResponseTemplate> responseTemplate = templateFromJson(object, root, result.errors))
        result.templates.append(*responseTemplate);
}

QString freeId(const QString &id, const QSet<QString> &taken)
{
    for (int suffix = 2;; ++suffix) {
        const QString candidate = id + QLatin1Char('-') + QString::number(suffix);
        if (!taken.contains(candidate))
            return candidate;
    }
}

// The same template under its own id, or under the id an earlier import renamed it to ("reject-2").
bool alreadyThere(const Workspace &workspace, const ResponseTemplate &candidate)
{
    static const QRegularExpression renamedSuffix(QStringLiteral("^-[0-9]+$"));
    for (const ResponseTemplate &existing : workspace.templates) {
        const bool sameOrRenamed = existing.id == candidate.id ||
            (existing.id.startsWith(candidate.id) &&
             renamedSuffix.match(QStringView(existing.id).mid(candidate.id.size())).hasMatch());
        if (!sameOrRenamed)
            continue;
        ResponseTemplate renamed = candidate;
        renamed.id = existing.id;
        if (renamed == existing)
            return true;
    }
    return false;
}

} // namespace

QByteArray exportTemplates(const QList<ResponseTemplate> &templates)
{
    static const base::JsonShape shape {{"dockside_templates"_L1, "templates"_L1},
                                        {{"templates"_L1, &templateShape()}}};
    QJsonArray list;
    for (const ResponseTemplate &responseTemplate : templates)
        list.append(templateToJson(responseTemplate));
    return base::toOrderedJson(
        QJsonObject {{kFormatKey, kTemplateExchangeVersion}, {QStringLiteral("templates"), list}}, shape);
}

TemplateImport importTemplates(const QByteArray &json)
{
    TemplateImport result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const base::TextPosition position = base::textPositionOfOffset(json, parseError.offset);
        result.errors.append({QStringLiteral("$"), position.line, position.column,
                              QStringLiteral("Not valid JSON: %1.").arg(parseError.errorString())});
        return result;
    }
    readDocument(document, result);
    base::locateLoadErrors(json, result.errors);
    return result;
}

TemplateMerge mergeTemplates(Workspace &workspace, const QList<ResponseTemplate> &imported)
{
    TemplateMerge merge;
    QSet<QString> taken;
    for (const ResponseTemplate &existing : workspace.templates)
        taken.insert(existing.id);
    for (ResponseTemplate responseTemplate : imported) {
        if (alreadyThere(workspace, responseTemplate)) {
            merge.unchanged.append(responseTemplate.id);
            continue;
        }
        if (taken.contains(responseTemplate.id)) {
            const QString renamed = freeId(responseTemplate.id, taken);
            merge.renamed.append({responseTemplate.id, renamed});
            responseTemplate.id = renamed;
        }
        taken.insert(responseTemplate.id);
        merge.added.append(responseTemplate.id);
        workspace.templates.append(responseTemplate);
    }
    return merge;
}

} // namespace dockside::workspace
