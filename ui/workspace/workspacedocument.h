// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace/workspace.h"

#include <QObject>
#include <QString>

namespace dockside::ui {

// The workspace the window edits: every editor changes it through here, so "modified" and the
// per-part signals stay true whichever panel made the change.
class WorkspaceDocument final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceDocument)

public:
    explicit WorkspaceDocument(workspace::Workspace workspace = {}, QString fileName = {}, QObject *parent = nullptr);
    ~WorkspaceDocument() override;

    const workspace::Workspace &workspace() const { return m_workspace; }
    // Empty for the built-in sample or a new workspace: saving then asks for a file.
    QString fileName() const { return m_fileName; }
    // The name to show: the workspace's own name, else the file's base name.
    QString displayName() const;
    bool isModified() const { return m_modified; }

    // Replaces everything (open, new); the result is unmodified.
    void reset(workspace::Workspace workspace, const QString &fileName);

    void setTemplates(const QList<workspace::ResponseTemplate> &templates);
    // Replaces the template with templateId, or appends it when there is none.
    void putTemplate(const workspace::ResponseTemplate &responseTemplate, const QString &templateId = {});
    void setFallbackTemplateId(const QString &templateId);
    void setRules(const rules::RuleSet &rules);
    void setContacts(const contacts::ContactBook &contacts);
    void setDefaultAssistant(const QJsonObject &assistant);
    void setScenarios(const QList<composer::Scenario> &scenarios);
    void setName(const QString &name);
    // Unset: requests no rule matches get the fallback template; set: they go to the developer's webhook.
    void setDefaultForward(const std::optional<rules::ForwardTo> &forward);
    // The mock endpoint's clock and whether it honours X-Dockside-Clock: kept in the workspace, not the settings.
    void setClock(const base::MockClock &clock, bool allowClockHeader);

    // Writes atomically; on success the document is unmodified and, for saveAs, names the new file.
    bool save(QString *error);
    bool saveAs(const QString &fileName, QString *error);
    // For a workspace that was migrated on load: saving is needed to update the file.
    void markModified();

Q_SIGNALS:
    void workspaceReset();
    void templatesChanged();
    void rulesChanged();
    void contactsChanged();
    void defaultAssistantChanged();
    void scenariosChanged();
    // Any edit, after the part's own signal.
    void changed();
    void modifiedChanged(bool modified);
    void fileNameChanged(const QString &fileName);

private:
    void edited();
    void setModified(bool modified);

    workspace::Workspace m_workspace;
    QString m_fileName;
    bool m_modified = false;
};

} // namespace dockside::ui
