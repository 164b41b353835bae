// SPDX-License-Identifier: GPL-3.0-or-later

#include "httpserver.h"

#include "httpconnection.h"

#include <unistd.h>

namespace dockside::http {

namespace {
// After running out of file descriptors: how long to wait before accepting again.
constexpr int kResumeAcceptingMs = 100;
} // namespace

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_server([this](qintptr socketDescriptor) { acceptConnection(socketDescriptor); })
{
    connect(&m_server, &QTcpServer::acceptError, this, &HttpServer::onAcceptError);
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(kResumeAcceptingMs);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] {
        if (m_server.isListening())
            m_server.resumeAccepting();
    });
}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, const HttpLimits &limits, QString *errorMessage)
{
    close();
    m_limits = limits;
    m_server.setMaxPendingConnections(128);
    if (m_server.listen(address, port))
        return true;
    if (errorMessage != nullptr) {
        if (m_server.serverError() == QAbstractSocket::AddressInUseError)
            *errorMessage = QStringLiteral("Port %1 on %2 is already in use. Stop the program that uses it, or choose "
                                           "another port (0 picks a free one).")
                                .arg(port)
                                .arg(address.toString());
        else
            *errorMessage = QStringLiteral("Cannot listen on %1 port %2: %3.")
                                .arg(address.toString())
                                .arg(port)
                                .arg(m_server.errorString());
    }
    return false;
}

void HttpServer::close()
{
    m_resumeTimer.stop();
    m_server.close();
    // Open connections end with the server, so a stopped endpoint answers nobody.
    const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        connection->closeWithoutAnswer();
}

void HttpServer::acceptConnection(qintptr socketDescriptor)
{
    if (m_connectionCount >= m_limits.maxConnections && !closeAnIdleConnection()) {
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    ++m_connectionCount;
    auto *connection = new HttpConnection(socketDescriptor, m_limits, this);
    const QString peer = connection->peerAddress();
    connect(connection, &HttpConnection::requestReady, this,
            [this, connection](const base::CapturedRequest &request) { Q_EMIT requestReady(connection, request); });
    connect(connection, &HttpConnection::requestRejected, this,
            [this, peer](int status, const QString &reason) { Q_EMIT requestRejected(peer, status, reason); });
    connect(connection, &HttpConnection::closed, this, [this] { --m_connectionCount; });
}

// At the connection limit an idle kept-alive connection gives way, so idle clients cannot lock everyone out.
bool HttpServer::closeAnIdleConnection()
{
    const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections) {
        if (connection->isIdle()) {
            connection->closeIdle();
            return true;
        }
    }
    return false;
}

// QTcpServer stops accepting for good after an error such as "too many open files"; connections that close free
// descriptors, so accepting resumes shortly instead of leaving the endpoint deaf.
void HttpServer::onAcceptError()
{
    m_resumeTimer.start();
    Q_EMIT acceptFailed(m_server.errorString());
}

} // namespace dockside::http
