// SPDX-License-Identifier: GPL-3.0-or-later

#include "loaderror.h"

namespace dockside::base {

QString formatLoadError(const QString &fileName, const LoadError &error)
{
    const QString where =
        error.line > 0 ? QStringLiteral("%1:%2:%3").arg(fileName).arg(error.line).arg(error.column) : fileName;
    return QStringLiteral("%1: %2: %3").arg(where, error.path, error.message);
}

} // namespace dockside::base
