// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamdatabase.h"

#include <QString>

#include <optional>

namespace dockside::teamhistory {

struct TeamForgetResult {
    qint64 exchanges = 0;
    qint64 calls = 0;
};

// Clear and forget on the team database itself, for a role that may delete. Each endpoint's local history keeps its
// own copy until its retention removes it (or `history forget --history <its file>` on that machine).
class TeamMaintenance final {
public:
    explicit TeamMaintenance(TeamDatabase database, QString password = {});

    /*! The exchanges removed; nothing, with the reason, when the server refused or the role may only read. */
    std::optional<qint64> clear(QString *errorMessage);
    /*! Removes every exchange with the number, and every exchange of the calls it made, in one transaction. */
    std::optional<TeamForgetResult> forgetCaller(const QString &number, QString *errorMessage);

private:
    TeamDatabase m_database;
    QString m_password;
};

} // namespace dockside::teamhistory
