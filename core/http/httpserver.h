// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "httplimits.h"

#include "base/capturedrequest.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTimer>

#include <functional>

namespace dockside::http {

class HttpConnection;

// Hands each accepted descriptor on as it is: HttpServer wraps it in a TcpStream, no QTcpSocket is made for it.
class DescriptorTcpServer final : public QTcpServer {
public:
    explicit DescriptorTcpServer(std::function<void(qintptr)> onAccepted)
        : m_onAccepted(std::move(onAccepted))
    {
    }

protected:
    void incomingConnection(qintptr socketDescriptor) override { m_onAccepted(socketDescriptor); }

private:
    std::function<void(qintptr)> m_onAccepted;
};

// A small HTTP/1.1 server that keeps every request byte-exact and enforces HttpLimits on every connection.
class HttpServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    // Returns false with a message that says what to do, for example when the port is taken.
    bool listen(const QHostAddress &address, quint16 port, const HttpLimits &limits, QString *errorMessage);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    int connectionCount() const { return m_connectionCount; }

Q_SIGNALS:
    void requestReady(dockside::http::HttpConnection *connection, const dockside::base::CapturedRequest &request);
    void requestRejected(const QString &peer, int status, const QString &reason);
    // Accepting failed (out of file descriptors, say); it resumes a moment later.
    void acceptFailed(const QString &reason);

private:
    void acceptConnection(qintptr socketDescriptor);
    bool closeAnIdleConnection();
    void onAcceptError();

    DescriptorTcpServer m_server;
    QTimer m_resumeTimer;
    HttpLimits m_limits;
    int m_connectionCount = 0;
};

} // namespace dockside::http
