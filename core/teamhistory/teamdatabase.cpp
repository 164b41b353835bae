// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamdatabase.h"

#include "base/privatefile.h"
#include "history/historylocation.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace dockside::teamhistory {

namespace {

// The libpq connection keywords a URL may set; anything else is refused by name rather than ignored.
const QStringList kKnownOptions = {
    QStringLiteral("sslmode"),
    QStringLiteral("sslrootcert"),
    QStringLiteral("sslcert"),
    QStringLiteral("sslkey"),
    QStringLiteral("connect_timeout"),
    QStringLiteral("application_name"),
    QStringLiteral("target_session_attrs"),
    QStringLiteral("passfile"),
};

constexpr int kDefaultConnectTimeoutSeconds = 5;

} // namespace

bool isTeamHistoryUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
        location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

std::optional<TeamDatabase> parseTeamHistoryUrl(const QString &url, QString *errorMessage)
{
    const auto fail = [errorMessage, &url](const QString &why) -> std::optional<TeamDatabase> {
        if (errorMessage)
            *errorMessage = QStringLiteral("The team history %1 cannot be used: %2").arg(url, why);
        return std::nullopt;
    };
    if (!isTeamHistoryUrl(url))
        return fail(QStringLiteral("it is not a postgresql:// URL."));
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return fail(parsed.errorString() + QLatin1Char('.'));
    if (!parsed.password().isEmpty())
        return fail(QStringLiteral("the URL contains a password, which would be kept in settings and shell history. "
                                   "Remove it and give the password with PGPASSWORD, a password file (~/.pgpass or "
                                   "PGPASSFILE) or the keychain."));
    TeamDatabase database;
    database.url = url;
    database.host = parsed.host();
    database.port = parsed.port(5432);
    database.user = parsed.userName();
    database.database = parsed.path().mid(1);
    if (database.database.isEmpty() || database.database.contains(QLatin1Char('/')))
        return fail(QStringLiteral("it names no database; write postgresql://host/database."));

    QStringList options;
    bool hasTimeout = false;
    const QUrlQuery query(parsed);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            database.host = value; // a Unix socket folder, as libpq's URLs allow
            continue;
        }
        if (key == QLatin1String("port")) {
            bool ok = false;
            database.port = value.toInt(&ok);
            if (!ok)
                return fail(QStringLiteral("the port \"%1\" is not a number.").arg(value));
            continue;
        }
        if (key == QLatin1String("password"))
            return fail(QStringLiteral("the URL contains a password. Give it with PGPASSWORD, a password file or "
                                       "the keychain instead."));
        if (!kKnownOptions.contains(key))
            return fail(QStringLiteral("the option \"%1\" is not one Dockside passes on (%2).")
                            .arg(key, kKnownOptions.join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
            return fail(QStringLiteral("the option %1 has a value with a space or a semicolon.").arg(key));
        hasTimeout = hasTimeout || key == QLatin1String("connect_timeout");
        options << key + QLatin1Char('=') + value;
    }
    // A server that does not answer must not freeze a start for libpq's default of forever.
    if (!hasTimeout)
        options << QStringLiteral("connect_timeout=%1").arg(kDefaultConnectTimeoutSeconds);
    database.connectOptions = options.join(QLatin1Char(';'));
    if (database.host.isEmpty())
        database.host = QStringLiteral("localhost");
    return database;
}

QString localCachePath(const TeamDatabase &database)
{
    const QString folder = QFileInfo(history::defaultHistoryPath()).absolutePath() + QStringLiteral("/team");
    base::ensureOwnerOnlyFolder(folder, nullptr); // like the history itself: callers' numbers and transcripts
    // Host, port, database and user name the database; the options (TLS, time-outs) do not change whose rows these are.
    const QString identity =
        QStringLiteral("%1|%2|%3|%4").arg(database.host).arg(database.port).arg(database.database, database.user);
    const QByteArray digest = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    QString name = database.database;
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != u'_' && c != u'-')
            c = u'_';
    }
    return folder + QLatin1Char('/') + name.left(40) + QLatin1Char('-') + QString::fromLatin1(digest) +
        QStringLiteral(".sqlite");
}

} // namespace dockside::teamhistory
