// SPDX-License-Identifier: GPL-3.0-or-later

#include "atomicfile.h"

#include "privatefile.h"

#include <QSaveFile>

namespace dockside::base {

bool writeFileAtomically(const QString &fileName, const QByteArray &content, QString *error, FileAccess access)
{
    QSaveFile file(fileName);
    // The temporary file is narrowed before a byte is written, so the content is never readable by others.
    if (!file.open(QIODevice::WriteOnly) || (access == FileAccess::OwnerOnly && !file.setPermissions(kOwnerOnlyFile)) ||
        file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2.").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace dockside::base
