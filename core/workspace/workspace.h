// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include "base/mockclock.h"
#include "responsetemplate.h"

#include "composer/scenario.h"
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
    std::optional<rules::ForwardTo> defaultForward; // set: requests no rule matches go to the developer's webhook
    rules::RuleSet rules;
    contacts::ContactBook contacts;
    QJsonObject defaultAssistant;
    QList<composer::Scenario> scenarios;
    // "clock": {"pinned": ISO instant} or {"offset_seconds": n}, and "allow_header": whether the mock endpoint
    // honours X-Dockside-Clock from this machine (composer's "Call at", scenarios' "at"). Absent: real time, no header.
    base::MockClock clock;
    bool allowClockHeader = false;

    const ResponseTemplate *findTemplate(const QString &id) const;
    // The template for requests that no rule claims.
    const ResponseTemplate *fallbackTemplate() const;

    friend bool operator==(const Workspace &, const Workspace &) = default;
};

struct WorkspaceLoad {
    std::optional<Workspace> workspace;
    QList<base::LoadError> errors; // each with its line and column in the file when the path names a place in it
    int migratedFromVersion = kCurrentWorkspaceVersion; // below the current version: saving updates the file

    bool wasMigrated() const { return migratedFromVersion < kCurrentWorkspaceVersion; }
};

// A file without "version" but with a "templates" array is version 0, the format before versions; older
// versions are migrated in memory (migrations.h).
WorkspaceLoad parseWorkspace(const QByteArray &json);
WorkspaceLoad loadWorkspaceFile(const QString &fileName);
// The sample workspace compiled into Dockside: what a first start shows.
Workspace builtinSampleWorkspace();

// "migrated from version 0; save to update the file", for a front end to show after loading.
QString migrationNotice(const WorkspaceLoad &load);

} // namespace dockside::workspace
