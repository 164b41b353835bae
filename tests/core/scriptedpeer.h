// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <utility>

// A loopback HTTP peer that answers each whole request with the next scripted reply, byte for byte, so a test can
// make a server misbehave in exactly one way. Requests beyond the script get no answer at all.
class ScriptedPeer final {
public:
    enum class After { KeepOpen, Close, Abort };
    struct Reply {
        QList<QByteArray> pieces; // written 20 ms apart (precise timers), the first at once
        After after = After::KeepOpen; // 20 ms after the last piece
    };

    explicit ScriptedPeer(QList<Reply> replies)
        : m_replies(std::move(replies))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                m_sockets.append(socket);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRead(socket); });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort())); }
    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    int requests() const { return m_requests; }

    // Closes every connection, as a server that ends idle ones does.
    void closeAll()
    {
        for (const QPointer<QTcpSocket> &guard : std::as_const(m_sockets)) {
            if (QTcpSocket *socket = guard.data())
                socket->disconnectFromHost();
        }
    }

    // Writes bytes that no request asked for on every open connection.
    void sendUnsolicited(const QByteArray &bytes)
    {
        for (const QPointer<QTcpSocket> &guard : std::as_const(m_sockets)) {
            if (QTcpSocket *socket = guard.data())
                socket->write(bytes);
        }
    }

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < headEnd + 4 + length)
                return;
            buffer.remove(0, headEnd + 4 + length);
            ++m_requests;
            if (m_next < m_replies.size())
                play(socket, m_replies.at(m_next++));
        }
    }

    void play(QTcpSocket *socket, const Reply &reply)
    {
        const QPointer<QTcpSocket> guard(socket);
        int delayMs = 0;
        for (const QByteArray &piece : reply.pieces) {
            QTimer::singleShot(delayMs, Qt::PreciseTimer, socket, [guard, piece] {
                if (QTcpSocket *target = guard.data()) {
                    target->write(piece);
                    target->flush();
                }
            });
            delayMs += 20;
        }
        if (reply.after == After::KeepOpen)
            return;
        QTimer::singleShot(delayMs, Qt::PreciseTimer, socket, [guard, after = reply.after] {
            if (QTcpSocket *target = guard.data()) {
                if (after == After::Close)
                    target->disconnectFromHost();
                else
                    target->abort();
            }
        });
    }

    QTcpServer m_server;
    QList<Reply> m_replies;
    QList<QPointer<QTcpSocket>> m_sockets;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    qsizetype m_next = 0;
    int m_connections = 0;
    int m_requests = 0;
};
