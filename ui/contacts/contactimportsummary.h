// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace/contactmerge.h"
#include "workspace/workspace.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace dockside::ui {

// What one import did: how many contacts the file held, what the merge changed, and every problem the core
// found (a CSV problem by line and column, a JSON problem by line, column and path).
struct ContactImportSummary {
    QString fileName;
    workspace::ContactMergeMode mode = workspace::ContactMergeMode::Add;
    int read = 0; // good contacts in the file
    workspace::ContactMerge merge;
    QList<base::LoadError> problems;
    bool applied = false; // false: the workspace's contacts are unchanged
    QString message; // one sentence for the user
};

} // namespace dockside::ui

Q_DECLARE_METATYPE(dockside::ui::ContactImportSummary)
