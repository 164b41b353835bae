// SPDX-License-Identifier: GPL-3.0-or-later

#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace dockside::secrets {

namespace {

QString describeFailure(const QString &key, QKeychain::Error error, const QString &detail)
{
    const QString variable =
        QLatin1String(key == QLatin1String(kUpstreamSecretKey) ? kUpstreamSecretVariable : kWebhookSecretVariable);
    // A team database's password has libpq's own fallbacks.
    const QString fallback = key.startsWith(QLatin1String(kTeamPasswordKeyPrefix))
        ? QStringLiteral("Until then, set PGPASSWORD or put the password in a password file (~/.pgpass).")
        : QStringLiteral("Until then, set the secret in the environment variable %1 before starting Dockside.")
              .arg(variable);
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("No keychain is available on this system (%1). ").arg(detail) + fallback;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QStringLiteral("The keychain refused access (%1): unlock it and try again. ").arg(detail) + fallback;
    default:
        // Without a Secret Service on the session bus every job ends as "Unknown error" or a D-Bus message.
        return QStringLiteral("The keychain could not be used: %1. Is a keychain daemon (for example "
                              "gnome-keyring) running and unlocked? ")
                   .arg(detail) +
            fallback;
    }
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

SecretStore::~SecretStore() = default;

// Jobs have no parent: the libsecret backend calls back into a job after its D-Bus reply, so a job deleted with a
// store that went first (a window closed while the keychain was still answering) crashed the process. A job deletes
// itself once finished (autoDelete); the store being gone only means nobody hears the result.

void SecretStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT secretRead(key, job->binaryData());
        else if (job->error() == QKeychain::EntryNotFound)
            Q_EMIT secretMissing(key);
        else
            Q_EMIT failed(key, describeFailure(key, job->error(), job->errorString()));
    });
    job->start();
}

void SecretStore::write(const QString &key, const QByteArray &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT secretWritten(key);
        else
            Q_EMIT failed(key, describeFailure(key, job->error(), job->errorString()));
    });
    job->start();
}

void SecretStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        // Removing what is not there leaves the keychain as asked.
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            Q_EMIT secretRemoved(key);
        else
            Q_EMIT failed(key, describeFailure(key, job->error(), job->errorString()));
    });
    job->start();
}

QByteArray readSecretNow(const QString &key, QString *problem, int timeoutMs)
{
    SecretStore store;
    QEventLoop loop;
    QByteArray secret;
    QObject::connect(&store, &SecretStore::secretRead, &loop, [&](const QString &, const QByteArray &value) {
        secret = value;
        loop.quit();
    });
    QObject::connect(&store, &SecretStore::secretMissing, &loop, [&] {
        *problem = QStringLiteral("the keychain holds none");
        loop.quit();
    });
    QObject::connect(&store, &SecretStore::failed, &loop, [&](const QString &, const QString &message) {
        *problem = message;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        *problem = QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
        loop.quit();
    });
    store.read(key);
    loop.exec();
    return secret;
}

bool writeSecretNow(const QString &key, const QByteArray &secret, QString *problem, int timeoutMs)
{
    SecretStore store;
    QEventLoop loop;
    bool written = false;
    QObject::connect(&store, &SecretStore::secretWritten, &loop, [&] {
        written = true;
        loop.quit();
    });
    QObject::connect(&store, &SecretStore::failed, &loop, [&](const QString &, const QString &message) {
        *problem = message;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        *problem = QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
        loop.quit();
    });
    store.write(key, secret);
    loop.exec();
    return written;
}

} // namespace dockside::secrets
