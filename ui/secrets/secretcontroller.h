// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

namespace dockside::secrets {
class SecretStore;
}

namespace dockside::ui {

// Which secret a controller holds, and how the window speaks of it.
struct SecretRole {
    QString key; // the keychain entry
    QString variable; // the environment variable that wins over the keychain
    QString title; // the dialog's
    QString noun; // "webhook secret", in sentences
    QString intro; // what the secret is for, in the dialog
    QString inUse; // "Signing with the secret": the summary's start when there is one
    QString without; // what happens without one
    // The platform's secret: the composer signs with it, the mock endpoint checks with it.
    static SecretRole platform();
    // The developer's own webhook's: the relay signs forwarded requests anew with it.
    static SecretRole upstream();
};

// A secret the window works with: from its environment variable when set, else from the OS keychain, read once at
// start without ever blocking the window.
class SecretController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretController)

public:
    enum class State { Loading, Ready, Missing, Unavailable };
    enum class Source { None, Keychain, Environment };

    // environmentValue: the variable's value as the app saw it at start (null when unset).
    explicit SecretController(const QString &keychainService, const QByteArray &environmentValue,
                              QObject *parent = nullptr, SecretRole role = SecretRole::platform());
    const SecretRole &role() const { return m_role; }
    ~SecretController() override;

    void load();
    void store(const QByteArray &secret);
    void clear();

    QByteArray secret() const { return m_secret; }
    State state() const { return m_state; }
    Source source() const { return m_source; }
    bool isBusy() const { return m_busy; }
    // One sentence for the status bar and the composer: where the secret comes from or why there is none.
    QString summary() const;
    // The last keychain failure, with what to do instead; empty when the keychain works.
    QString problem() const { return m_problem; }

    static constexpr int kKeychainTimeoutMs = 5000;

Q_SIGNALS:
    void secretChanged(const QByteArray &secret);
    void stateChanged();
    // A store or clear finished; message is empty on success.
    void operationFinished(bool ok, const QString &message);

private:
    void setSecret(const QByteArray &secret, State state, Source source);
    void fail(const QString &message);
    void begin();

    SecretRole m_role;
    secrets::SecretStore *m_store = nullptr;
    QTimer m_timeout;
    QByteArray m_secret;
    QByteArray m_environmentValue;
    QByteArray m_pending; // what a write in flight will store
    State m_state = State::Loading;
    Source m_source = Source::None;
    QString m_problem;
    bool m_busy = false;
    bool m_writing = false;
};

} // namespace dockside::ui
