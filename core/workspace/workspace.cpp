// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace.h"

#include "base/jsonlocator.h"
#include "migrations.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"
#include "contract/defaultassistant.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace dockside::workspace {

namespace {

// Matched against top-level keys: a secret in a shared, committed file is a leak waiting to happen.
bool looksLikeSecret(const QString &key)
{
    static const QRegularExpression secretish(QStringLiteral("secret|password|passwd|token|api_?key|private_?key"),
                                              QRegularExpression::CaseInsensitiveOption);
    return secretish.match(key).hasMatch();
}

// The format version, 0 for the format before versions, or nullopt (with an error) when it is neither.
std::optional<int> formatVersion(const QJsonObject &root, QList<base::LoadError> &errors)
{
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (version.isUndefined() && root.value(QStringLiteral("templates")).isArray())
        return 0;
    const double number = version.toDouble(-1.0);
    if (!version.isDouble() || number < 0.0 || number != std::floor(number) || number > 1000000.0) {
        errors.append({QStringLiteral("$.version"), 0, 0,
                       QStringLiteral("Expected the workspace format version (a whole number); got %1. Is this "
                                      "a Dockside workspace?")
                           .arg(base::parsing::describe(version))});
        return std::nullopt;
    }
    return static_cast<int>(number);
}

// "clock": {"pinned": "2026-12-24T18:00:00+01:00"} or {"offset_seconds": 7200}, with an optional "allow_header".
void readClock(const QJsonValue &value, Workspace &workspace, QList<base::LoadError> &errors)
{
    const QString path = QStringLiteral("$.clock");
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        errors.append({path, 0, 0,
                       QStringLiteral("Expected an object such as {\"pinned\": \"2026-12-24T18:00:00+01:00\"} or "
                                      "{\"offset_seconds\": 7200}; got %1.")
                           .arg(base::parsing::describe(value))});
        return;
    }
    const QJsonObject object = value.toObject();
    base::parsing::rejectUnknownKeys(
        object, path, {QStringLiteral("pinned"), QStringLiteral("offset_seconds"), QStringLiteral("allow_header")},
        errors);
    const QJsonValue pinned = object.value(QStringLiteral("pinned"));
    const QJsonValue offset = object.value(QStringLiteral("offset_seconds"));
    if (!pinned.isUndefined() && !offset.isUndefined()) {
        errors.append({path, 0, 0,
                       QStringLiteral("A clock is either pinned or offset, not both: remove \"pinned\" or "
                                      "\"offset_seconds\".")});
        return;
    }
    if (!pinned.isUndefined()) {
        QString error;
        const std::optional<QDateTime> instant =
            pinned.isString() ? base::parseClockInstant(pinned.toString(), &error) : std::nullopt;
        if (!pinned.isString())
            error = QStringLiteral("Expected an ISO 8601 instant such as \"2026-12-24T18:00:00+01:00\"; got %1.")
                        .arg(base::parsing::describe(pinned));
        if (instant)
            workspace.clock = base::MockClock::pinnedAt(*instant);
        else
            errors.append({base::parsing::child(path, QStringLiteral("pinned")), 0, 0, error});
    }
    if (!offset.isUndefined()) {
        const double seconds = offset.toDouble(0.5);
        if (!offset.isDouble() || seconds != std::floor(seconds) ||
            std::fabs(seconds) > static_cast<double>(base::kMaxClockOffsetSeconds))
            errors.append({base::parsing::child(path, QStringLiteral("offset_seconds")), 0, 0,
                           QStringLiteral("Expected whole seconds to add to the real time (negative: behind), at most "
                                          "a hundred years; got %1.")
                               .arg(base::parsing::describe(offset))});
        else
            workspace.clock = base::MockClock::offsetBy(static_cast<qint64>(seconds));
    }
    const QJsonValue allow = object.value(QStringLiteral("allow_header"));
    if (!allow.isUndefined() && !allow.isBool())
        errors.append({base::parsing::child(path, QStringLiteral("allow_header")), 0, 0,
                       QStringLiteral("Expected true or false; got %1.").arg(base::parsing::describe(allow))});
    workspace.allowClockHeader = allow.toBool(false);
}

WorkspaceLoad parseWorkspaceObject(const QJsonObject &original)
{
    WorkspaceLoad load;
    for (auto it = original.begin(); it != original.end(); ++it) {
        if (looksLikeSecret(it.key()))
            load.errors.append({base::parsing::child(QStringLiteral("$"), it.key()), 0, 0,
                                QStringLiteral("Secrets do not belong in a workspace file, which is shared and often "
                                               "committed: remove \"%1\" and keep the secret in the system keychain "
                                               "(Dockside's settings) or, for dockside-cli, in the environment "
                                               "variable DOCKSIDE_WEBHOOK_SECRET.")
                                    .arg(it.key())});
    }
    if (!load.errors.isEmpty())
        return load;
    const std::optional<int> version = formatVersion(original, load.errors);
    if (!version)
        return load;
    load.migratedFromVersion = *version;
    if (load.migratedFromVersion > kCurrentWorkspaceVersion) {
        load.errors.append({QStringLiteral("$.version"), 0, 0,
                            QStringLiteral("This workspace has format version %1; this Dockside reads up to %2. "
                                           "Update Dockside to open it.")
                                .arg(load.migratedFromVersion)
                                .arg(kCurrentWorkspaceVersion)});
        return load;
    }
    const QJsonObject root = migrateWorkspace(original, load.migratedFromVersion, load.errors);
    if (!load.errors.isEmpty())
        return load;

    Workspace workspace;
    workspace.name = root.value(QStringLiteral("name")).toString(QStringLiteral("Untitled workspace"));

    const QJsonValue templateList = root.value(QStringLiteral("templates"));
    if (!templateList.isUndefined() && !templateList.isArray())
        load.errors.append({QStringLiteral("$.templates"), 0, 0,
                            QStringLiteral("Expected an array; got %1.").arg(base::parsing::describe(templateList))});
    const QJsonArray templates = root.value(QStringLiteral("templates")).toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < templates.size(); ++i) {
        const QString path = base::parsing::index(QStringLiteral("$.templates"), i);
        if (auto responseTemplate = templateFromJson(templates.at(i), path, load.errors)) {
            if (ids.contains(responseTemplate->id)) {
                load.errors.append({base::parsing::child(path, QStringLiteral("id")), 0, 0,
                                    QStringLiteral("The id \"%1\" is used twice.").arg(responseTemplate->id)});
                continue;
            }
            ids.insert(responseTemplate->id);
            workspace.templates.append(*responseTemplate);
        }
    }

    const QJsonValue assistant = root.value(QStringLiteral("default_assistant"));
    if (assistant.isUndefined()) {
        workspace.defaultAssistant = contract::builtinDefaultAssistant();
    } else if (!assistant.isObject()) {
        load.errors.append({QStringLiteral("$.default_assistant"), 0, 0,
                            QStringLiteral("Expected an object; got %1.").arg(base::parsing::describe(assistant))});
    } else {
        workspace.defaultAssistant = assistant.toObject();
        for (const contract::Finding &finding : contract::validateDefaultAssistant(workspace.defaultAssistant)) {
            if (finding.severity == contract::Severity::Error)
                load.errors.append(
                    {QStringLiteral("$.default_assistant") + finding.path.mid(1), 0, 0, finding.message});
        }
    }
    workspace.contacts = contacts::ContactBook::fromJson(root.value(QStringLiteral("contacts")),
                                                         QStringLiteral("$.contacts"), load.errors);
    workspace.rules =
        rules::RuleSet::fromJson(root.value(QStringLiteral("rules")), QStringLiteral("$.rules"), load.errors);
    load.errors += workspace.rules.unknownTemplateReferences(ids, QStringLiteral("$.rules"));
    const QJsonValue fallback = root.value(QStringLiteral("fallback_template"));
    if (!fallback.isUndefined()) {
        workspace.fallbackTemplateId = fallback.toString();
        if (!ids.contains(workspace.fallbackTemplateId))
            load.errors.append({QStringLiteral("$.fallback_template"), 0, 0,
                                QStringLiteral("Expected the id of a template in this workspace; got %1.")
                                    .arg(base::parsing::describe(fallback))});
    }
    if (const QJsonValue forward = root.value(QStringLiteral("default_forward")); !forward.isUndefined()) {
        workspace.defaultForward =
            rules::ForwardTo::fromJson(forward, QStringLiteral("$.default_forward"), load.errors);
        if (workspace.defaultForward && workspace.defaultForward->fallback &&
            !ids.contains(workspace.defaultForward->fallbackTemplateId))
            load.errors.append({QStringLiteral("$.default_forward.fallback_template"), 0, 0,
                                QStringLiteral("No template has the id %1.")
                                    .arg(base::parsing::quoted(workspace.defaultForward->fallbackTemplateId))});
    }
    readClock(root.value(QStringLiteral("clock")), workspace, load.errors);
    workspace.scenarios = composer::scenariosFromJson(root.value(QStringLiteral("scenarios")),
                                                      QStringLiteral("$.scenarios"), load.errors);

    if (load.errors.isEmpty())
        load.workspace = workspace;
    return load;
}

} // namespace

WorkspaceLoad parseWorkspace(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        WorkspaceLoad load;
        const base::TextPosition position = base::textPositionOfOffset(json, parseError.offset);
        load.errors.append({QStringLiteral("$"), position.line, position.column,
                            QStringLiteral("Not valid JSON: %1.").arg(parseError.errorString())});
        return load;
    }
    if (!document.isObject()) {
        WorkspaceLoad load;
        load.errors.append({QStringLiteral("$"), 0, 0, QStringLiteral("A workspace is a JSON object.")});
        base::locateLoadErrors(json, load.errors);
        return load;
    }
    WorkspaceLoad load = parseWorkspaceObject(document.object());
    base::locateLoadErrors(json, load.errors);
    return load;
}

const ResponseTemplate *Workspace::findTemplate(const QString &id) const
{
    for (const ResponseTemplate &candidate : templates) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

const ResponseTemplate *Workspace::fallbackTemplate() const
{
    if (const ResponseTemplate *chosen = findTemplate(fallbackTemplateId))
        return chosen;
    return templates.isEmpty() ? nullptr : &templates.first();
}

WorkspaceLoad loadWorkspaceFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        WorkspaceLoad load;
        load.errors.append(
            {QStringLiteral("$"), 0, 0, QStringLiteral("Cannot read the file: %1.").arg(file.errorString())});
        return load;
    }
    return parseWorkspace(file.readAll());
}

Workspace builtinSampleWorkspace()
{
    WorkspaceLoad load = loadWorkspaceFile(QStringLiteral(":/dockside/workspaces/sample.dockside.json"));
    Q_ASSERT(load.workspace);
    return load.workspace.value_or(Workspace {});
}

QString migrationNotice(const WorkspaceLoad &load)
{
    if (!load.wasMigrated())
        return {};
    return QStringLiteral("migrated from version %1; save to update the file").arg(load.migratedFromVersion);
}

} // namespace dockside::workspace
