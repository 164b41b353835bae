#include "secretcontroller.h"

#include "secrets/secretstore.h"

namespace dockside::ui {

namespace {
const QString kKey = QLatin1String(secrets::kWebhookSecretKey);
}

SecretController::SecretController(const QString &keychainService, const QByteArray &environmentValue, QObject *parent)
    : QObject(parent)
    , m_store(new secrets::SecretStore(keychainService, this))
    , m_environmentValue(environmentValue)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kKeychainTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The keychain did not answer within %1 seconds: no Secret Service seems to be running. Start one "
                "(for example gnome-keyring) or set DOCKSIDE_WEBHOOK_SECRET before starting Dockside.")
                 .arg(kKeychainTimeoutMs / 1000));
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
    m_store->read(kKey);
}

void SecretController::store(const QByteArray &secret)
{
    begin();
    m_writing = true;
    m_pending = secret;
    m_store->write(kKey, secret);
}

void SecretController::clear()
{
    begin();
    m_writing = true;
    m_store->remove(kKey);
}

QString SecretController::summary() const
{
    switch (m_state) {
    case State::Loading:
        return tr("Reading the webhook secret from the keychain…");
    case State::Ready:
        return m_source == Source::Environment ? tr("Signing with the secret from DOCKSIDE_WEBHOOK_SECRET")
                                               : tr("Signing with the secret from the keychain");
    case State::Missing:
        return tr("No webhook secret: events go unsigned and signatures are not checked");
    case State::Unavailable:
        return tr("Keychain unavailable: events go unsigned (set DOCKSIDE_WEBHOOK_SECRET to sign)");
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
