#pragma once

#include "responsetemplate.h"

#include "contacts/contactbook.h"
#include "rules/ruleset.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::workspace {

inline constexpr int kCurrentWorkspaceVersion = 1;

// Everything a user edits and shares, never secrets.
struct Workspace {
    QString name;
    QList<ResponseTemplate> templates;
    QString fallbackTemplateId; // answers when no rule matches; empty: the first template
    rules::RuleSet rules;
    contacts::ContactBook contacts;
    QJsonObject defaultAssistant;
    // Kept as loaded until the composer that runs them arrives, so saving never drops them.
    QJsonArray scenarios;

    const ResponseTemplate *findTemplate(const QString &id) const;
    // The template for requests that no rule claims.
    const ResponseTemplate *fallbackTemplate() const;
};

struct LoadError {
    QString path; // JSON path, "$" for the whole document
    int line = 0; // 1-based, 0 when unknown
    int column = 0;
    QString message;
};

struct WorkspaceLoad {
    std::optional<Workspace> workspace;
    QList<LoadError> errors;
    int migratedFromVersion = kCurrentWorkspaceVersion;
};

WorkspaceLoad parseWorkspace(const QByteArray &json);
WorkspaceLoad loadWorkspaceFile(const QString &fileName);
// The sample workspace compiled into Dockside: what a first start shows.
Workspace builtinSampleWorkspace();

QString formatLoadError(const QString &fileName, const LoadError &error);

} // namespace dockside::workspace
