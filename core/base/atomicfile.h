// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace dockside::base {

// Writes to a temporary file and renames it over fileName, so a crash never leaves half a file behind.
bool writeFileAtomically(const QString &fileName, const QByteArray &content, QString *error);

} // namespace dockside::base
