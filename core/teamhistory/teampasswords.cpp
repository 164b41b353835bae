// SPDX-License-Identifier: GPL-3.0-or-later

#include "teampasswords.h"

#include "secrets/secretstore.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

namespace dockside::teamhistory {

namespace {

QMutex g_mutex;
QHash<QString, QString> g_passwords; // guarded by g_mutex

} // namespace

QString teamPasswordKey(const TeamDatabase &database)
{
    const QString user = database.user.isEmpty() ? QStringLiteral("(default role)") : database.user;
    return QLatin1String(secrets::kTeamPasswordKeyPrefix) +
        QStringLiteral("%1@%2:%3/%4").arg(user, database.host).arg(database.port).arg(database.database);
}

void rememberTeamPassword(const TeamDatabase &database, const QString &password)
{
    const QMutexLocker locker(&g_mutex);
    g_passwords.insert(teamPasswordKey(database), password);
}

QString rememberedTeamPassword(const TeamDatabase &database)
{
    const QMutexLocker locker(&g_mutex);
    return g_passwords.value(teamPasswordKey(database));
}

void useKeychainTeamPassword(const QString &historyLocation)
{
    if (!isTeamHistoryUrl(historyLocation) || !qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return;
    const std::optional<TeamDatabase> database = parseTeamHistoryUrl(historyLocation, nullptr);
    if (!database)
        return;
    QString problem;
    const QByteArray password = secrets::readSecretNow(teamPasswordKey(*database), &problem);
    if (!password.isEmpty())
        rememberTeamPassword(*database, QString::fromUtf8(password));
}

} // namespace dockside::teamhistory
