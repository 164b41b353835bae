// SPDX-License-Identifier: GPL-3.0-or-later

#include "atomicfile.h"

#include <QSaveFile>

namespace dockside::base {

bool writeFileAtomically(const QString &fileName, const QByteArray &content, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2.").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace dockside::base
