// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspacedocument.h"

#include "workspace/workspacewriter.h"

#include <QFileInfo>

namespace dockside::ui {

WorkspaceDocument::WorkspaceDocument(workspace::Workspace workspace, QString fileName, QObject *parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_fileName(std::move(fileName))
{
}

WorkspaceDocument::~WorkspaceDocument() = default;

QString WorkspaceDocument::displayName() const
{
    if (!m_workspace.name.isEmpty())
        return m_workspace.name;
    if (!m_fileName.isEmpty())
        return QFileInfo(m_fileName).completeBaseName();
    return tr("Untitled workspace");
}

void WorkspaceDocument::reset(workspace::Workspace workspace, const QString &fileName)
{
    m_workspace = std::move(workspace);
    const bool renamed = m_fileName != fileName;
    m_fileName = fileName;
    setModified(false);
    if (renamed)
        Q_EMIT fileNameChanged(m_fileName);
    Q_EMIT workspaceReset();
}

void WorkspaceDocument::setTemplates(const QList<workspace::ResponseTemplate> &templates)
{
    if (m_workspace.templates == templates)
        return;
    m_workspace.templates = templates;
    Q_EMIT templatesChanged();
    edited();
}

void WorkspaceDocument::putTemplate(const workspace::ResponseTemplate &responseTemplate, const QString &templateId)
{
    const QString id = templateId.isEmpty() ? responseTemplate.id : templateId;
    QList<workspace::ResponseTemplate> templates = m_workspace.templates;
    auto it = std::find_if(templates.begin(), templates.end(),
                           [&id](const workspace::ResponseTemplate &candidate) { return candidate.id == id; });
    if (it != templates.end())
        *it = responseTemplate;
    else
        templates.append(responseTemplate);
    setTemplates(templates);
}

void WorkspaceDocument::setFallbackTemplateId(const QString &templateId)
{
    if (m_workspace.fallbackTemplateId == templateId)
        return;
    m_workspace.fallbackTemplateId = templateId;
    Q_EMIT templatesChanged();
    edited();
}

void WorkspaceDocument::setRules(const rules::RuleSet &rules)
{
    if (m_workspace.rules == rules)
        return;
    m_workspace.rules = rules;
    Q_EMIT rulesChanged();
    edited();
}

void WorkspaceDocument::setContacts(const contacts::ContactBook &contacts)
{
    if (m_workspace.contacts == contacts)
        return;
    m_workspace.contacts = contacts;
    Q_EMIT contactsChanged();
    edited();
}

void WorkspaceDocument::setDefaultAssistant(const QJsonObject &assistant)
{
    if (m_workspace.defaultAssistant == assistant)
        return;
    m_workspace.defaultAssistant = assistant;
    Q_EMIT defaultAssistantChanged();
    edited();
}

void WorkspaceDocument::setScenarios(const QList<composer::Scenario> &scenarios)
{
    if (m_workspace.scenarios == scenarios)
        return;
    m_workspace.scenarios = scenarios;
    Q_EMIT scenariosChanged();
    edited();
}

void WorkspaceDocument::setName(const QString &name)
{
    if (m_workspace.name == name)
        return;
    m_workspace.name = name;
    edited();
}

void WorkspaceDocument::setDefaultForward(const std::optional<rules::ForwardTo> &forward)
{
    if (m_workspace.defaultForward == forward)
        return;
    m_workspace.defaultForward = forward;
    edited();
}

void WorkspaceDocument::setClock(const base::MockClock &clock, bool allowClockHeader)
{
    if (m_workspace.clock == clock && m_workspace.allowClockHeader == allowClockHeader)
        return;
    m_workspace.clock = clock;
    m_workspace.allowClockHeader = allowClockHeader;
    edited();
}

bool WorkspaceDocument::save(QString *error)
{
    if (m_fileName.isEmpty()) {
        if (error)
            *error = tr("The workspace has no file yet: choose one with Save As.");
        return false;
    }
    return saveAs(m_fileName, error);
}

bool WorkspaceDocument::saveAs(const QString &fileName, QString *error)
{
    if (!workspace::saveWorkspaceFile(m_workspace, fileName, error))
        return false;
    if (m_fileName != fileName) {
        m_fileName = fileName;
        Q_EMIT fileNameChanged(m_fileName);
    }
    setModified(false);
    return true;
}

void WorkspaceDocument::markModified()
{
    setModified(true);
}

void WorkspaceDocument::edited()
{
    Q_EMIT changed();
    setModified(true);
}

void WorkspaceDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(m_modified);
}

} // namespace dockside::ui
