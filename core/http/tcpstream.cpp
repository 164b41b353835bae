// SPDX-License-Identifier: GPL-3.0-or-later

#include "tcpstream.h"

#include <QHostAddress>
#include <QSocketNotifier>

#include <algorithm>
#include <array>
#include <cerrno>
#include <utility>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dockside::http {

namespace {
// One read's worth: a request of the sample workspace is under 2 KiB, a large body takes a few reads.
constexpr qsizetype kReadChunkBytes = 64 * 1024;
} // namespace

TcpStream::TcpStream(qintptr descriptor, QObject *parent)
    : QObject(parent)
    , m_descriptor(static_cast<int>(descriptor))
{
    ::fcntl(m_descriptor, F_SETFL, ::fcntl(m_descriptor, F_GETFL) | O_NONBLOCK);
    // Each answer goes out in one write; waiting for the previous one's acknowledgement would only add latency.
    const int noDelay = 1;
    ::setsockopt(m_descriptor, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    sockaddr_storage peer {};
    socklen_t peerLength = sizeof peer;
    if (::getpeername(m_descriptor, reinterpret_cast<sockaddr *>(&peer), &peerLength) == 0) {
        const QHostAddress address(reinterpret_cast<const sockaddr *>(&peer));
        m_peerAddress = address.toString();
        if (peer.ss_family == AF_INET)
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in *>(&peer)->sin_port);
        else if (peer.ss_family == AF_INET6)
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in6 *>(&peer)->sin6_port);
    }
    m_readNotifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &TcpStream::readyRead);
    m_writeNotifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &TcpStream::flush);
}

TcpStream::~TcpStream()
{
    if (m_descriptor < 0)
        return;
    // Notifiers must leave the event loop before their descriptor is closed.
    delete m_readNotifier;
    delete m_writeNotifier;
    ::close(m_descriptor);
}

void TcpStream::setReceiveBufferSize(int bytes)
{
    if (m_descriptor >= 0)
        ::setsockopt(m_descriptor, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}

QByteArray TcpStream::read(qsizetype maxBytes)
{
    QByteArray data;
    std::array<char, kReadChunkBytes> chunk;
    while (m_descriptor >= 0 && data.size() < maxBytes) {
        const qsizetype wanted = std::min(kReadChunkBytes, maxBytes - data.size());
        const ssize_t received = ::read(m_descriptor, chunk.data(), static_cast<size_t>(wanted));
        if (received > 0) {
            if (data.isEmpty())
                data = QByteArray(chunk.data(), received);
            else
                data.append(chunk.data(), received);
            if (received < wanted)
                break; // the kernel had no more: another read would only say so
            continue;
        }
        if (received < 0 && errno == EINTR)
            continue;
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // The peer's end of input (0) or a failure such as a reset: what was read is still handed out.
        closeDescriptor();
    }
    return data;
}

void TcpStream::write(const QByteArray &bytes)
{
    if (m_descriptor < 0 || bytes.isEmpty())
        return;
    if (bytesToWrite() > 0) {
        m_unwritten.append(bytes);
        return;
    }
    m_unwritten = bytes;
    m_unwrittenOffset = 0;
    flush();
}

void TcpStream::flush()
{
    while (m_descriptor >= 0 && bytesToWrite() > 0) {
        const ssize_t sent = ::send(m_descriptor, m_unwritten.constData() + m_unwrittenOffset,
                                    static_cast<size_t>(bytesToWrite()), MSG_NOSIGNAL);
        if (sent > 0) {
            m_unwrittenOffset += sent;
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        closeDescriptor(); // the peer is gone (EPIPE, ECONNRESET): nothing more can reach it
        return;
    }
    if (m_descriptor < 0)
        return;
    m_unwritten.clear();
    m_unwrittenOffset = 0;
    m_writeNotifier->setEnabled(false);
    if (m_closeWhenWritten)
        closeDescriptor();
}

qint64 TcpStream::bytesAvailable() const
{
    int available = 0;
    if (m_descriptor < 0 || ::ioctl(m_descriptor, FIONREAD, &available) != 0)
        return 0;
    return available;
}

void TcpStream::setReadingPaused(bool paused)
{
    if (m_descriptor >= 0)
        m_readNotifier->setEnabled(!paused);
}

void TcpStream::disconnectFromHost()
{
    if (m_descriptor < 0)
        return;
    m_readNotifier->setEnabled(false);
    m_closeWhenWritten = true;
    if (bytesToWrite() == 0)
        closeDescriptor();
}

void TcpStream::abort()
{
    m_unwritten.clear();
    m_unwrittenOffset = 0;
    closeDescriptor();
}

void TcpStream::closeDescriptor()
{
    if (m_descriptor < 0)
        return;
    delete std::exchange(m_readNotifier, nullptr);
    delete std::exchange(m_writeNotifier, nullptr);
    ::close(std::exchange(m_descriptor, -1));
    Q_EMIT disconnected();
}

} // namespace dockside::http
