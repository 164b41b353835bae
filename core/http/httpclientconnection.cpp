// SPDX-License-Identifier: GPL-3.0-or-later

#include "httpclientconnection.h"

#include <QSslSocket>
#include <QStringList>
#include <QTcpSocket>

#include <algorithm>
#include <climits>
#include <cstring>

namespace dockside::http {

namespace {

constexpr qsizetype kReadChunkBytes = 16 * 1024;

// A kept-alive connection idle for longer is closed: servers drop idle ones after 2 s (gunicorn) or 5 s (Node.js,
// Apache), and a request written just as they close would be lost.
constexpr int kIdleCloseMs = 1000;

} // namespace

QByteArray serializeRequest(const QByteArray &method, const QByteArray &target, const QByteArray &hostHeader,
                            const base::HeaderList &headers, const QByteArray &body)
{
    constexpr QByteArrayView kVersionAndHost = " HTTP/1.1\r\nHost: ";
    constexpr QByteArrayView kLengthName = "Content-Length: ";
    const QByteArray length = QByteArray::number(body.size());
    qsizetype size = method.size() + 1 + target.size() + kVersionAndHost.size() + hostHeader.size() + 2 +
        kLengthName.size() + length.size() + 4 + body.size();
    for (const auto &[name, value] : headers)
        size += name.size() + 2 + value.size() + 2;
    // Sized once and filled by copying: appending piece by piece cost more than the copies on the relay's path.
    QByteArray request(size, Qt::Uninitialized);
    char *out = request.data();
    const auto put = [&out](QByteArrayView text) {
        if (!text.isEmpty())
            memcpy(out, text.data(), size_t(text.size()));
        out += text.size();
    };
    put(method);
    put(" ");
    put(target);
    put(kVersionAndHost);
    put(hostHeader);
    put("\r\n");
    for (const auto &[name, value] : headers) {
        put(name);
        put(": ");
        put(value);
        put("\r\n");
    }
    put(kLengthName);
    put(length);
    put("\r\n\r\n");
    put(body);
    Q_ASSERT(out == request.constData() + request.size());
    return request;
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return target;
}

QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1 && url.port() != 80)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QString headerProblem(const base::HeaderList &headers)
{
    const auto breaksLine = [](const QByteArray &text) {
        return text.contains('\r') || text.contains('\n') || text.contains('\0');
    };
    for (const auto &[name, value] : headers) {
        if (breaksLine(name) || breaksLine(value))
            return QStringLiteral("The header \"%1\" contains a line break, which would end the header early; "
                                  "remove it from the header's name or value.")
                .arg(QString::fromLatin1(name.left(64)));
    }
    return {};
}

QString socketErrorText(QAbstractSocket::SocketError error, const QString &detail)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connection refused: nothing listens at that address and port");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection without a complete answer");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("the host name could not be resolved (DNS)");
    case QAbstractSocket::SslHandshakeFailedError:
        return QStringLiteral("the TLS handshake failed: %1").arg(detail);
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("the connection timed out");
    case QAbstractSocket::NetworkError:
        return QStringLiteral("the network or the host is unreachable: %1").arg(detail);
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QStringLiteral("the proxy could not be reached: %1").arg(detail);
    default:
        return detail;
    }
}

HttpClientConnection::HttpClientConnection(const QString &host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_port(port)
    , m_socket(new QTcpSocket(this))
{
    wireSocket();
}

HttpClientConnection::HttpClientConnection(const QString &host, quint16 port, const QSslConfiguration &tls,
                                           QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_port(port)
    , m_tls(true)
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(tls);
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        m_tlsErrors = texts.join(QLatin1String("; "));
    });
    m_socket = socket;
    wireSocket();
}

void HttpClientConnection::wireSocket()
{
    m_deadline.setSingleShot(true);
    // Qt's coarse timers may fire 5% early; the deadline is the measurement.
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &HttpClientConnection::onDeadline);
    if (m_tls)
        connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, &HttpClientConnection::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &HttpClientConnection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpClientConnection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpClientConnection::onDisconnected);
}

HttpClientConnection::~HttpClientConnection()
{
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

bool HttpClientConnection::isReusable() const
{
    return m_phase == Phase::Idle && isConnectedForReuse();
}

void HttpClientConnection::send(const QByteArray &request, qint64 deadlineMs)
{
    m_phase = Phase::Busy;
    m_sending = true;
    m_exchange = ClientExchange {};
    m_parser.reset(request.startsWith("HEAD "));
    m_clock.start();
    m_deadline.start(static_cast<int>(std::clamp<qint64>(deadlineMs, 0, INT_MAX)));
    if (isConnectedForReuse()) {
        m_reusable = false;
        m_exchange.connectUs = 0;
        m_request = request;
        writeRequest();
    } else {
        m_reusable = false;
        m_request = request;
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
        m_tlsErrors.clear();
        if (m_tls)
            static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_host, m_port);
        else
            // Unbuffered: writes and reads go straight to the kernel, without Qt's buffers and the notifier toggling
            // (each a system call) that come with them.
            m_socket->connectToHost(m_host, m_port, QIODevice::ReadWrite | QIODevice::Unbuffered);
    }
    m_sending = false;
    // A failure inside connectToHost() or write() is reported after send() returns, like any other.
    if (m_phase == Phase::Finishing)
        QTimer::singleShot(0, this, [this] { emitFinished(); });
}

void HttpClientConnection::cancel()
{
    if (m_phase != Phase::Busy)
        return;
    m_exchange.cancelled = true;
    m_exchange.error = QStringLiteral("cancelled before an answer arrived");
    finishExchange(false);
}

void HttpClientConnection::close()
{
    m_phase = Phase::Idle;
    m_reusable = false;
    m_deadline.stop();
    m_socket->abort();
}

bool HttpClientConnection::isConnectedForReuse() const
{
    return m_reusable && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpClientConnection::onConnected()
{
    if (m_phase != Phase::Busy)
        return;
    m_exchange.connectUs = elapsedUs();
    // A request goes out in one write; no reason to wait for more (Nagle).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    writeRequest();
}

void HttpClientConnection::writeRequest()
{
    // What the kernel does not take at once, Qt keeps and writes when the socket is ready.
    const qint64 written = m_socket->write(m_request);
    m_request.clear();
    if (written < 0 && m_phase == Phase::Busy) {
        m_exchange.socketError = m_socket->error();
        failExchange(socketErrorText(m_socket->error(), m_socket->errorString()));
    }
}

void HttpClientConnection::onReadyRead()
{
    if (m_phase == Phase::Busy) {
        readAvailable();
        return;
    }
    // Between exchanges: the server closed the connection (-1), or sent bytes nobody asked for, after which the
    // connection no longer lines up with requests. Either way it is not used again.
    char byte = 0;
    if (m_socket->read(&byte, 1) != 0) {
        m_reusable = false;
        m_socket->abort();
    }
}

void HttpClientConnection::readAvailable()
{
    char chunk[kReadChunkBytes];
    while (m_phase == Phase::Busy) {
        const qint64 read = m_socket->read(chunk, kReadChunkBytes);
        if (read < 0) {
            // The server closed the connection (the body may run to the close), or it broke.
            const QAbstractSocket::SocketError error = m_socket->error();
            m_exchange.socketError = error;
            if (error == QAbstractSocket::RemoteHostClosedError)
                endOfInput();
            else
                failExchange(socketErrorText(error, m_socket->errorString()));
            return;
        }
        if (read == 0)
            return;
        if (!m_exchange.firstByteUs)
            m_exchange.firstByteUs = elapsedUs();
        const qsizetype used = m_parser.feed(chunk, static_cast<qsizetype>(read));
        if (!m_exchange.headersUs && m_parser.hasHead())
            m_exchange.headersUs = elapsedUs();
        switch (m_parser.state()) {
        case HttpResponseParser::State::Complete:
            m_exchange.response = m_parser.takeResponse();
            // Bytes after the answer belong to no request: such a connection is not used again (bytes arriving
            // later are caught between exchanges).
            finishExchange(m_parser.keepAlive() && used == read);
            return;
        case HttpResponseParser::State::Failed:
            failExchange(m_parser.failureReason());
            return;
        default:
            break;
        }
        // Less than asked for: the kernel had no more, and the socket notifier says when it has.
        if (read < kReadChunkBytes)
            return;
    }
}

void HttpClientConnection::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_phase != Phase::Busy) {
        m_reusable = false;
        return;
    }
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // What arrived before the close still counts: a body that runs to the close is complete with it.
        readAvailable();
        if (m_phase == Phase::Busy) {
            m_exchange.socketError = error;
            endOfInput();
        }
        return;
    }
    m_exchange.socketError = error;
    failExchange(socketErrorText(error, m_tlsErrors.isEmpty() ? m_socket->errorString() : m_tlsErrors));
}

void HttpClientConnection::onDisconnected()
{
    if (m_phase != Phase::Busy) {
        m_reusable = false;
        return;
    }
    readAvailable();
    if (m_phase == Phase::Busy)
        endOfInput();
}

void HttpClientConnection::endOfInput()
{
    m_parser.finishInput();
    if (m_parser.state() == HttpResponseParser::State::Complete) {
        m_exchange.response = m_parser.takeResponse();
        m_exchange.socketError.reset();
        finishExchange(false);
        return;
    }
    failExchange(m_parser.failureReason());
}

void HttpClientConnection::onDeadline()
{
    if (m_phase == Phase::Idle) {
        close();
        return;
    }
    if (m_phase != Phase::Busy)
        return;
    m_exchange.timedOut = true;
    m_exchange.error = QStringLiteral("no complete answer before the deadline");
    finishExchange(false);
}

void HttpClientConnection::failExchange(const QString &reason)
{
    m_exchange.error = reason;
    finishExchange(false);
}

void HttpClientConnection::finishExchange(bool reusable)
{
    m_exchange.totalUs = elapsedUs();
    m_phase = Phase::Finishing;
    m_reusable = reusable;
    if (reusable) {
        m_deadline.start(kIdleCloseMs);
    } else {
        m_deadline.stop();
        m_request.clear();
        m_socket->abort();
    }
    if (!m_sending)
        emitFinished();
}

void HttpClientConnection::emitFinished()
{
    if (m_phase != Phase::Finishing)
        return;
    m_phase = Phase::Idle;
    // Moved out first: a receiver may send the next request on this connection before it returns.
    const ClientExchange exchange = std::move(m_exchange);
    m_exchange = ClientExchange {};
    Q_EMIT exchangeFinished(exchange);
}

} // namespace dockside::http
