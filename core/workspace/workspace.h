#pragma once

#include "responsetemplate.h"

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
    QJsonObject defaultAssistant;
    // Kept as loaded until the features that edit them arrive, so saving never drops them.
    QJsonArray rules;
    QJsonArray contacts;
    QJsonArray scenarios;
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
