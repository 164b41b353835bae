// SPDX-License-Identifier: GPL-3.0-or-later

#include "secretcontroller.h"

#include "secrets/secretstore.h"

namespace dockside::ui {

SecretRole SecretRole::platform()
{
    return {QLatin1String(secrets::kWebhookSecretKey),
            QLatin1String(secrets::kWebhookSecretVariable),
            SecretController::tr("Webhook Secret"),
            SecretController::tr("webhook secret"),
            SecretController::tr("The secret VoiceDock signs webhook requests with (HMAC-SHA256). The composer signs "
                                 "with it and the mock endpoint checks signatures with it. It is kept in the OS "
                                 "keychain and never written to a workspace, the history or a log."),
            SecretController::tr("Signing with the secret"),
            SecretController::tr("events go unsigned and signatures are not checked")};
}

SecretRole SecretRole::upstream()
{
    return {QLatin1String(secrets::kUpstreamSecretKey),
            QLatin1String(secrets::kUpstreamSecretVariable),
            SecretController::tr("Your Webhook's Own Secret"),
            SecretController::tr("secret for your webhook"),
            SecretController::tr("When your webhook checks signatures with a secret other than the platform's, the "
                                 "relay can sign each forwarded request anew with it (Endpoint panel: re-sign "
                                 "forwarded requests). It is kept in the OS keychain and never written to a "
                                 "workspace, the history or a log."),
            SecretController::tr("Re-signing forwarded requests with the secret"),
            SecretController::tr("forwarded requests keep the platform's signature")};
}

SecretController::SecretController(const QString &keychainService, const QByteArray &environmentValue, QObject *parent,
                                   SecretRole role)
    : QObject(parent)
    , m_role(std::move(role))
    , m_store(new secrets::SecretStore(keychainService, this))
    , m_environmentValue(environmentValue)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kKeychainTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The keychain did not answer within %1 seconds: no Secret Service seems to be running. Start one "
                "(for example gnome-keyring) or set %2 before starting Dockside.")
                 .arg(kKeychainTimeoutMs / 1000)
                 .arg(m_role.variable));
    });
    connect(m_store, &secrets::SecretStore::secretRead, this, [this](const QString &, const QByteArray &secret) {
        m_timeout.stop();
        m_busy = false;
        m_problem.clear();
        setSecret(secret, State::Ready, Source::Keychain);
    });
    connect(m_store, &secrets::SecretStore::secretMissing, this, [this] {
        m_timeout.stop();
        m_busy = false;
        m_problem.clear();
        setSecret({}, State::Missing, Source::None);
    });
    connect(m_store, &secrets::SecretStore::secretWritten, this, [this] {
        m_timeout.stop();
        m_busy = false;
        m_problem.clear();
        setSecret(m_pending, State::Ready, Source::Keychain);
        Q_EMIT operationFinished(true, {});
    });
    connect(m_store, &secrets::SecretStore::secretRemoved, this, [this] {
        m_timeout.stop();
        m_busy = false;
        m_problem.clear();
        setSecret({}, State::Missing, Source::None);
        Q_EMIT operationFinished(true, {});
    });
    connect(m_store, &secrets::SecretStore::failed, this,
            [this](const QString &, const QString &message) { fail(message); });
}

SecretController::~SecretController() = default;

void SecretController::load()
{
    if (!m_environmentValue.isNull()) {
        setSecret(m_environmentValue, m_environmentValue.isEmpty() ? State::Missing : State::Ready,
                  m_environmentValue.isEmpty() ? Source::None : Source::Environment);
        return;
    }
    begin();
    m_writing = false;
    m_store->read(m_role.key);
}

void SecretController::store(const QByteArray &secret)
{
    begin();
    m_writing = true;
    m_pending = secret;
    m_store->write(m_role.key, secret);
}

void SecretController::clear()
{
    begin();
    m_writing = true;
    m_store->remove(m_role.key);
}

QString SecretController::summary() const
{
    switch (m_state) {
    case State::Loading:
        return tr("Reading the %1 from the keychain…").arg(m_role.noun);
    case State::Ready:
        return m_source == Source::Environment ? tr("%1 from %2").arg(m_role.inUse, m_role.variable)
                                               : tr("%1 from the keychain").arg(m_role.inUse);
    case State::Missing:
        return tr("No %1: %2").arg(m_role.noun, m_role.without);
    case State::Unavailable:
        return tr("Keychain unavailable: %1 (set %2 instead)").arg(m_role.without, m_role.variable);
    }
    return {};
}

void SecretController::begin()
{
    m_busy = true;
    m_timeout.start();
    if (m_state == State::Loading)
        Q_EMIT stateChanged();
}

void SecretController::fail(const QString &message)
{
    m_timeout.stop();
    m_busy = false;
    m_problem = message;
    if (m_writing) {
        // A failed write or clear leaves the secret in use as it was.
        Q_EMIT stateChanged();
        Q_EMIT operationFinished(false, message);
        return;
    }
    setSecret({}, State::Unavailable, Source::None);
}

void SecretController::setSecret(const QByteArray &secret, State state, Source source)
{
    const bool secretDiffers = m_secret != secret;
    m_secret = secret;
    m_state = state;
    m_source = source;
    Q_EMIT stateChanged();
    if (secretDiffers)
        Q_EMIT secretChanged(m_secret);
}

} // namespace dockside::ui
