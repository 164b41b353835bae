// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace dockside::base {

enum class FileAccess {
    Shared, // the umask decides, and an existing file keeps its mode
    OwnerOnly, // 0600 whatever the umask: files with personal data (workspaces, contacts, exports)
};

// Writes to a temporary file and renames it over fileName, so a crash never leaves half a file behind.
bool writeFileAtomically(const QString &fileName, const QByteArray &content, QString *error,
                         FileAccess access = FileAccess::Shared);

} // namespace dockside::base
