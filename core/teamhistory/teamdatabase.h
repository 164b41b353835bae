// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

namespace dockside::teamhistory {

// A team history's PostgreSQL database as a postgresql:// URL names it. The password is never part of it: libpq reads
// PGPASSWORD or the password file (PGPASSFILE, ~/.pgpass), or the caller passes one from the keychain.
struct TeamDatabase {
    QString host; // a name, an address, or a Unix socket folder (starts with '/')
    int port = 5432;
    QString database;
    QString user;
    QString connectOptions; // libpq keywords as Qt's driver takes them: "sslmode=require;connect_timeout=5"
    QString url; // as given, for messages and the local cache's name

    friend bool operator==(const TeamDatabase &, const TeamDatabase &) = default;
};

// Whether a --history value names a team database rather than a file.
bool isTeamHistoryUrl(const QString &location);

// postgresql://[user@]host[:port]/database[?sslmode=...&sslrootcert=...&connect_timeout=...&host=/socket/folder];
// nothing when the URL is malformed or carries a password (it would end up in settings and shell history).
std::optional<TeamDatabase> parseTeamHistoryUrl(const QString &url, QString *errorMessage);

// The local SQLite history that makes this machine's exchanges durable before the team database has them; one per
// database URL, so the next start copies what a killed process left.
QString localCachePath(const TeamDatabase &database);

} // namespace dockside::teamhistory
