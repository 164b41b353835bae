#include "workspace.h"

#include "contract/answervalidator.h"
#include "contract/defaultassistant.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace dockside::workspace {

using contract::describeJsonValue;
using contract::jsonPathChild;
using contract::jsonPathIndex;

namespace {

struct TextPosition {
    int line = 1;
    int column = 1;
};

TextPosition positionOfOffset(const QByteArray &text, qsizetype offset)
{
    TextPosition position;
    const qsizetype end = std::min(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text.at(i) == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

class TemplateReader {
public:
    explicit TemplateReader(QList<LoadError> &errors)
        : m_errors(errors)
    {
    }

    std::optional<ResponseTemplate> read(const QJsonValue &value, const QString &path)
    {
        if (!value.isObject()) {
            fail(path, QStringLiteral("Expected a template object; got %1.").arg(describeJsonValue(value)));
            return std::nullopt;
        }
        const QJsonObject object = value.toObject();
        const qsizetype errorsBefore = m_errors.size();
        ResponseTemplate result;
        result.id = requiredString(object, path, QStringLiteral("id"));
        result.name = object.value(QStringLiteral("name")).toString(result.id);
        result.description = object.value(QStringLiteral("description")).toString();
        result.status = integerIn(object, path, QStringLiteral("status"), 100, 599, 200);
        result.delayMs = integerIn(object, path, QStringLiteral("delay_ms"), 0, 600000, 0);
        readHeaders(object.value(QStringLiteral("headers")), jsonPathChild(path, QStringLiteral("headers")), result);
        if (object.contains(QStringLiteral("fault"))) {
            const auto fault = faultFromName(object.value(QStringLiteral("fault")).toString());
            if (fault)
                result.fault = *fault;
            else
                fail(jsonPathChild(path, QStringLiteral("fault")),
                     QStringLiteral("Expected one of none, hang, close, broken_json; got %1.")
                         .arg(describeJsonValue(object.value(QStringLiteral("fault")))));
        }
        if (object.contains(QStringLiteral("raw_body"))) {
            result.bodyIsJson = false;
            result.body = object.value(QStringLiteral("raw_body")).toString().toUtf8();
        } else if (object.value(QStringLiteral("body")).isObject()) {
            result.body =
                QJsonDocument(object.value(QStringLiteral("body")).toObject()).toJson(QJsonDocument::Indented);
        } else if (object.value(QStringLiteral("body")).isArray()) {
            result.body = QJsonDocument(object.value(QStringLiteral("body")).toArray()).toJson(QJsonDocument::Indented);
        } else if (object.contains(QStringLiteral("body"))) {
            fail(jsonPathChild(path, QStringLiteral("body")),
                 QStringLiteral("Expected a JSON object or array (use \"raw_body\" for text); got %1.")
                     .arg(describeJsonValue(object.value(QStringLiteral("body")))));
        }
        if (m_errors.size() != errorsBefore)
            return std::nullopt;
        return result;
    }

private:
    void fail(const QString &path, const QString &message) { m_errors.append({path, 0, 0, message}); }

    QString requiredString(const QJsonObject &object, const QString &path, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (!value.isString() || value.toString().trimmed().isEmpty())
            fail(jsonPathChild(path, key),
                 QStringLiteral("Expected a non-empty string; got %1.").arg(describeJsonValue(value)));
        return value.toString();
    }

    int integerIn(const QJsonObject &object, const QString &path, const QString &key, int minimum, int maximum,
                  int fallback)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return fallback;
        const double number = value.toDouble(-1.0);
        if (!value.isDouble() || number != static_cast<double>(static_cast<int>(number)) || number < minimum ||
            number > maximum) {
            fail(jsonPathChild(path, key),
                 QStringLiteral("Expected a whole number from %1 to %2; got %3.")
                     .arg(QString::number(minimum), QString::number(maximum), describeJsonValue(value)));
            return fallback;
        }
        return static_cast<int>(number);
    }

    void readHeaders(const QJsonValue &value, const QString &path, ResponseTemplate &result)
    {
        if (value.isUndefined())
            return;
        if (!value.isArray()) {
            fail(path, QStringLiteral("Expected an array of {name, value}; got %1.").arg(describeJsonValue(value)));
            return;
        }
        const QJsonArray headers = value.toArray();
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QJsonObject header = headers.at(i).toObject();
            const QString name = header.value(QStringLiteral("name")).toString();
            if (name.isEmpty() || !header.value(QStringLiteral("value")).isString()) {
                fail(jsonPathIndex(path, i), QStringLiteral("Expected {\"name\": string, \"value\": string}."));
                continue;
            }
            result.headers.append({name.toLatin1(), header.value(QStringLiteral("value")).toString().toLatin1()});
        }
    }

    QList<LoadError> &m_errors;
};

} // namespace

WorkspaceLoad parseWorkspace(const QByteArray &json)
{
    WorkspaceLoad load;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const TextPosition position = positionOfOffset(json, parseError.offset);
        load.errors.append({QStringLiteral("$"), position.line, position.column,
                            QStringLiteral("Not valid JSON: %1.").arg(parseError.errorString())});
        return load;
    }
    if (!document.isObject()) {
        load.errors.append({QStringLiteral("$"), 1, 1, QStringLiteral("A workspace is a JSON object.")});
        return load;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toInt() < 1) {
        load.errors.append({QStringLiteral("$.version"), 0, 0,
                            QStringLiteral("Expected the workspace format version (a whole number); got %1. Is this "
                                           "a Dockside workspace?")
                                .arg(describeJsonValue(version))});
        return load;
    }
    load.migratedFromVersion = version.toInt();
    if (load.migratedFromVersion > kCurrentWorkspaceVersion) {
        load.errors.append({QStringLiteral("$.version"), 0, 0,
                            QStringLiteral("This workspace has format version %1; this Dockside reads up to %2. "
                                           "Update Dockside to open it.")
                                .arg(load.migratedFromVersion)
                                .arg(kCurrentWorkspaceVersion)});
        return load;
    }

    Workspace workspace;
    workspace.name = root.value(QStringLiteral("name")).toString(QStringLiteral("Untitled workspace"));

    TemplateReader reader(load.errors);
    const QJsonArray templates = root.value(QStringLiteral("templates")).toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < templates.size(); ++i) {
        const QString path = jsonPathIndex(QStringLiteral("$.templates"), i);
        if (auto responseTemplate = reader.read(templates.at(i), path)) {
            if (ids.contains(responseTemplate->id)) {
                load.errors.append({jsonPathChild(path, QStringLiteral("id")), 0, 0,
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
                            QStringLiteral("Expected an object; got %1.").arg(describeJsonValue(assistant))});
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
                                    .arg(describeJsonValue(fallback))});
    }
    workspace.scenarios = root.value(QStringLiteral("scenarios")).toArray();

    if (load.errors.isEmpty())
        load.workspace = workspace;
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

QString formatLoadError(const QString &fileName, const LoadError &error)
{
    const QString where =
        error.line > 0 ? QStringLiteral("%1:%2:%3").arg(fileName).arg(error.line).arg(error.column) : fileName;
    return QStringLiteral("%1: %2: %3").arg(where, error.path, error.message);
}

} // namespace dockside::workspace
