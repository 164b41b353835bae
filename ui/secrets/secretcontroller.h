#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

namespace dockside::secrets {
class SecretStore;
}

namespace dockside::ui {

// The webhook secret the window signs and verifies with: from DOCKSIDE_WEBHOOK_SECRET when set, else from
// the OS keychain, read once at start without ever blocking the window.
class SecretController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretController)

public:
    enum class State { Loading, Ready, Missing, Unavailable };
    enum class Source { None, Keychain, Environment };

    // environmentValue: the variable's value as the app saw it at start (null when unset).
    explicit SecretController(const QString &keychainService, const QByteArray &environmentValue,
                              QObject *parent = nullptr);
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
