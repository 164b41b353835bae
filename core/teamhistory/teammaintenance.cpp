// SPDX-License-Identifier: GPL-3.0-or-later

#include "teammaintenance.h"

#include "teamconnection.h"

#include "history/historyforgetter.h"

#include <QSet>
#include <QSqlQuery>

namespace dockside::teamhistory {

namespace {

// Opens a connection for one change; a role that may only read is told so before anything runs.
bool openForChange(TeamConnection &connection, const TeamDatabase &database, const QString &password,
                   const QString &what, QString *errorMessage)
{
    if (!connection.open(database, password, false, errorMessage))
        return false;
    if (!connection.isReadOnly())
        return true;
    *errorMessage = QStringLiteral("The team history %1 lets this role read only, so %2 is not available. Ask for a "
                                   "role that may delete, or ask its owner to do it.")
                        .arg(database.url, what);
    return false;
}

} // namespace

TeamMaintenance::TeamMaintenance(TeamDatabase database, QString password)
    : m_database(std::move(database))
    , m_password(std::move(password))
{
}

std::optional<qint64> TeamMaintenance::clear(QString *errorMessage)
{
    TeamConnection connection(QStringLiteral("clear"));
    if (!openForChange(connection, m_database, m_password, QStringLiteral("clearing it"), errorMessage))
        return std::nullopt;
    QSqlQuery query(connection.database());
    // Progress rows stay: the endpoints must not copy again what was just cleared.
    if (!connection.run(query, QStringLiteral("DELETE FROM dockside_exchanges"), {}, errorMessage))
        return std::nullopt;
    return query.numRowsAffected();
}

std::optional<TeamForgetResult> TeamMaintenance::forgetCaller(const QString &number, QString *errorMessage)
{
    const QString caller = history::HistoryForgetter::normalizedNumber(number);
    if (caller.isEmpty()) {
        *errorMessage = QStringLiteral("No caller number was given. Give the number as the history shows it, such as "
                                       "+31612345678.");
        return std::nullopt;
    }
    TeamConnection connection(QStringLiteral("forget"));
    if (!openForChange(connection, m_database, m_password, QStringLiteral("forgetting a caller"), errorMessage))
        return std::nullopt;
    QSqlQuery query(connection.database());
    // One statement sees the table as it was when it started, so a call's other rows still match after its first goes.
    if (!connection.run(
            query,
            QStringLiteral("DELETE FROM dockside_exchanges WHERE caller = ? OR (call_id <> '' AND call_id IN"
                           " (SELECT call_id FROM dockside_exchanges WHERE caller = ? AND call_id <> ''))"
                           " RETURNING call_id"),
            {caller, caller}, errorMessage))
        return std::nullopt;
    TeamForgetResult result;
    QSet<QString> calls;
    while (query.next()) {
        ++result.exchanges;
        if (const QString call = query.value(0).toString(); !call.isEmpty())
            calls.insert(call);
    }
    result.calls = calls.size();
    return result;
}

} // namespace dockside::teamhistory
