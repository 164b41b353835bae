// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace dockside::base {

// One problem in a file a user wrote (workspace, templates, scenarios, contacts), named by its JSON path.
struct LoadError {
    QString path; // JSON path, "$" for the whole document
    int line = 0; // 1-based, 0 when unknown
    int column = 0;
    QString message;
};

// "file:line:column: $.path: message", or "file: $.path: message" when the line is unknown.
QString formatLoadError(const QString &fileName, const LoadError &error);

} // namespace dockside::base
