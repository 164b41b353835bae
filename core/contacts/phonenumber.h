// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringView>

namespace dockside::contacts {

// "+31 (6) 1234-5678" -> "+31612345678": spaces, dashes and parentheses go, nothing else changes.
QString normalizePhoneNumber(QStringView number);
// The same; a number with nothing to remove, as the platform sends it, is handed back shared instead of copied.
QString normalizePhoneNumber(const QString &number);
// "+" then 2 to 15 digits, the first not 0 (ITU-T E.164).
bool isE164(QStringView number);

} // namespace dockside::contacts
