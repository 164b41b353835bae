// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace dockside::secrets {

inline constexpr auto kKeychainService = "Dockside";
inline constexpr auto kWebhookSecretKey = "webhook-secret";
// The developer's own webhook's secret, when the relay signs forwarded requests anew.
inline constexpr auto kUpstreamSecretKey = "upstream-secret";
// A team history's database password: "team-password:<role>@<host>:<port>/<database>".
inline constexpr auto kTeamPasswordKeyPrefix = "team-password:";
inline constexpr auto kWebhookSecretVariable = "DOCKSIDE_WEBHOOK_SECRET";
inline constexpr auto kUpstreamSecretVariable = "DOCKSIDE_UPSTREAM_SECRET";

// The webhook secret lives in the OS keychain (Secret Service, KWallet, macOS Keychain), never in a file.
// Every call answers once, asynchronously, with one of the signals below.
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    explicit SecretStore(QString service = QLatin1String(kKeychainService), QObject *parent = nullptr);
    ~SecretStore() override;

    void read(const QString &key);
    void write(const QString &key, const QByteArray &secret);
    void remove(const QString &key);

Q_SIGNALS:
    void secretRead(const QString &key, const QByteArray &secret);
    void secretMissing(const QString &key);
    void secretWritten(const QString &key);
    void secretRemoved(const QString &key);
    // What went wrong and what to do instead, in words a user can act on.
    void failed(const QString &key, const QString &message);

private:
    QString m_service;
};

// For start-up and command-line code that cannot go on without the answer: reads or writes one entry through a
// SecretStore and a local event loop, waiting at most timeoutMs. Empty (false) with the reason in *problem when the
// keychain holds none, is locked or does not answer.
QByteArray readSecretNow(const QString &key, QString *problem, int timeoutMs = 5000);
bool writeSecretNow(const QString &key, const QByteArray &secret, QString *problem, int timeoutMs = 5000);

} // namespace dockside::secrets
