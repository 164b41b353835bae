// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamdatabase.h"

#include <QString>

namespace dockside::teamhistory {

// The keychain entry (service "Dockside") that holds a team database's password: one per role and database.
QString teamPasswordKey(const TeamDatabase &database);

// Passwords read from the keychain for this process, so every connection to the database (copier, listener, the
// timeline's readers) uses them; a database without one falls back to libpq's PGPASSWORD and password file.
void rememberTeamPassword(const TeamDatabase &database, const QString &password);
QString rememberedTeamPassword(const TeamDatabase &database);

// For a team history's URL while PGPASSWORD is unset: the password the keychain keeps for it, remembered for every
// connection this process makes. Waits a few seconds at most; a keychain without one leaves libpq's password file in
// charge.
void useKeychainTeamPassword(const QString &historyLocation);

} // namespace dockside::teamhistory
