// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace dockside::http {

// An accepted TCP connection read and written straight through its descriptor. QTcpSocket in unbuffered mode turns
// its read notifier off and on around every read and asks the kernel how much is waiting first: with GLib's event
// loop that is three extra system calls per keep-alive request. Here the read notifier stays on unless the owner
// pauses reading, and a read takes what the kernel holds.
class TcpStream final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpStream)

public:
    // Takes ownership of a connected, accepted descriptor and makes it non-blocking.
    explicit TcpStream(qintptr descriptor, QObject *parent = nullptr);
    ~TcpStream() override;

    QString peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    // Asks the kernel for at most this much buffered input (SO_RCVBUF), so a fast client waits in its own buffer.
    void setReceiveBufferSize(int bytes);

    // What the kernel holds now, up to maxBytes; empty when nothing waits. The end of input or a failure closes the
    // stream (disconnected() is emitted before this returns).
    QByteArray read(qsizetype maxBytes);
    // Sends at once what the kernel takes; the rest goes out when the socket can take it.
    void write(const QByteArray &bytes);
    qint64 bytesToWrite() const { return m_unwritten.size() - m_unwrittenOffset; }
    qint64 bytesAvailable() const;

    // While paused, input waits in the kernel and readyRead() is not emitted (a request is being answered).
    void setReadingPaused(bool paused);
    // Closes once everything written has been sent.
    void disconnectFromHost();
    // Closes now; anything not yet sent is dropped.
    void abort();

Q_SIGNALS:
    void readyRead();
    // Once, when the stream closes for any reason: the peer's end of input, a failure, abort() or disconnectFromHost().
    void disconnected();

private:
    void flush();
    void closeDescriptor();

    int m_descriptor = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_unwritten;
    qsizetype m_unwrittenOffset = 0;
    QString m_peerAddress;
    quint16 m_peerPort = 0;
    bool m_closeWhenWritten = false;
};

} // namespace dockside::http
