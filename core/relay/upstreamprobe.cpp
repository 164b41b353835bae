// SPDX-License-Identifier: GPL-3.0-or-later

#include "upstreamprobe.h"

#include <QSslConfiguration>
#include <QSslSocket>

namespace dockside::relay {

UpstreamProbe::UpstreamProbe(RelayOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(false,
               tr("No connection within %1 s: is the webhook running, and is the host right?")
                   .arg(static_cast<double>(m_timeout.interval()) / 1000.0));
    });
}

UpstreamProbe::~UpstreamProbe()
{
    if (m_socket)
        m_socket->abort();
}

void UpstreamProbe::probe(const QUrl &upstream, int timeoutMs)
{
    if (m_socket) {
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_upstream = upstream;
    if (const QString problem = upstreamProblem(upstream); !problem.isEmpty()) {
        // Reported after probe() returns, as every other result is.
        QTimer::singleShot(0, this, [this, upstream, problem] {
            if (m_upstream == upstream && !m_socket)
                Q_EMIT finished({upstream, false, 0, problem});
        });
        return;
    }
    const bool tls = upstream.scheme() == QLatin1String("https");
    auto *socket = new QSslSocket(this);
    m_socket = socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!m_options.extraCaCertificates.isEmpty())
        configuration.addCaCertificates(m_options.extraCaCertificates);
    socket->setSslConfiguration(configuration);
    connect(socket, &QSslSocket::connected, this, [this, socket, tls] {
        if (socket == m_socket && !tls)
            finish(true, {});
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        if (socket == m_socket)
            finish(true, {});
    });
    connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        if (socket != m_socket || errors.isEmpty())
            return;
        finish(false,
               tr("TLS: %1. Trust its certificate with a CA file if it is your own.")
                   .arg(errors.constFirst().errorString()));
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket, tls](QAbstractSocket::SocketError error) {
        if (socket != m_socket)
            return;
        QString message = socket->errorString();
        if (error == QAbstractSocket::ConnectionRefusedError)
            message = tr("Connection refused: nothing listens on %1:%2. Start your webhook, or check the port.")
                          .arg(m_upstream.host())
                          .arg(m_upstream.port(tls ? 443 : 80));
        else if (error == QAbstractSocket::HostNotFoundError)
            message = tr("The host %1 was not found (DNS).").arg(m_upstream.host());
        finish(false, message);
    });
    m_elapsed.start();
    m_timeout.start(timeoutMs);
    const quint16 port = static_cast<quint16>(upstream.port(tls ? 443 : 80));
    if (tls)
        socket->connectToHostEncrypted(upstream.host(), port);
    else
        socket->connectToHost(upstream.host(), port);
}

void UpstreamProbe::finish(bool reachable, const QString &error)
{
    m_timeout.stop();
    if (QSslSocket *socket = m_socket) {
        m_socket.clear();
        socket->abort();
        socket->deleteLater();
    }
    Q_EMIT finished({m_upstream, reachable, m_elapsed.isValid() ? m_elapsed.elapsed() : 0, error});
}

} // namespace dockside::relay
