// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "relayoptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

namespace dockside::relay {

// Whether the developer's webhook accepts connections, before any traffic: a TCP connection, and for https the TLS
// handshake with the relay's own trust (system CAs plus the trusted file), so a self-signed certificate shows up here.
struct ProbeResult {
    QUrl upstream;
    bool reachable = false;
    qint64 elapsedMs = 0;
    QString error; // why not, in words
};

class UpstreamProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamProbe)

public:
    explicit UpstreamProbe(RelayOptions options = {}, QObject *parent = nullptr);
    ~UpstreamProbe() override;

    // Cancels a probe still running; finished() follows once for this upstream.
    void probe(const QUrl &upstream, int timeoutMs = 3000);
    bool isRunning() const { return m_socket != nullptr; }

Q_SIGNALS:
    void finished(const dockside::relay::ProbeResult &result);

private:
    void finish(bool reachable, const QString &error);

    RelayOptions m_options;
    QUrl m_upstream;
    QPointer<QSslSocket> m_socket;
    QTimer m_timeout;
    QElapsedTimer m_elapsed;
};

} // namespace dockside::relay
