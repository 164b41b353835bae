// SPDX-License-Identifier: GPL-3.0-or-later

#include "httpconnection.h"

#include "tcpstream.h"

#include "base/headerlist.h"

#include <algorithm>
#include <utility>

namespace dockside::http {

namespace {
constexpr int kSocketReadBufferBytes = 256 * 1024;
const QByteArray kServerHeader = QByteArrayLiteral("Dockside/" DOCKSIDE_VERSION);

// A header can carry caller data through a template: a CR, LF or NUL would end it early and let the caller write
// the rest of the answer (response splitting), so each becomes a space, as RFC 9110 5.5 asks of recipients.
QByteArray fieldSafe(const QByteArray &text)
{
    const auto unsafe = [](char character) { return character == '\r' || character == '\n' || character == '\0'; };
    // Almost every field is clean: hand it back shared rather than copy it to look.
    if (std::none_of(text.cbegin(), text.cend(), unsafe))
        return text;
    QByteArray safe = text;
    std::replace_if(safe.begin(), safe.end(), unsafe, ' ');
    return safe;
}
} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, const HttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(new TcpStream(socketDescriptor, this))
    , m_limits(limits)
    , m_parser(limits)
{
    // A read takes what the kernel holds: a bounded kernel buffer makes a fast or pipelining client wait in its own
    // send buffer instead of in our memory.
    m_socket->setReceiveBufferSize(kSocketReadBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &TcpStream::readyRead, this, &HttpConnection::readFromSocket);
    connect(m_socket, &TcpStream::disconnected, this, &HttpConnection::finish);
    armTimer();
}

HttpConnection::~HttpConnection() = default;

QString HttpConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

quint16 HttpConnection::peerPort() const
{
    return m_socket->peerPort();
}

void HttpConnection::readFromSocket()
{
    if (m_awaitingAnswer || m_closing) {
        // Readable with nothing to read: the client left (or the connection broke) while its answer was prepared.
        if (m_socket->bytesAvailable() == 0) {
            m_socket->abort();
            return;
        }
        // Pipelined bytes wait in the kernel until this answer is out; the notifier would otherwise fire on and on.
        m_readingPaused = true;
        m_socket->setReadingPaused(true);
        return;
    }
    const QByteArray data = m_socket->read(kSocketReadBufferBytes);
    if (data.isEmpty())
        return;
    if (m_parser.state() == HttpRequestParser::State::Idle && !m_parser.hasBufferedBytes())
        m_requestClock.start();
    m_parser.feed(data);
    afterParsing();
}

void HttpConnection::afterParsing()
{
    switch (m_parser.state()) {
    case HttpRequestParser::State::Idle:
        // Only empty lines arrived: they must not push back the idle deadline, or a trickle of them holds a slot.
        if (m_timer.isActive())
            return;
        break;
    case HttpRequestParser::State::ReadingHead:
        break;
    case HttpRequestParser::State::ReadingBody:
        if (m_parser.expectsContinue() && !m_sentContinue) {
            m_sentContinue = true;
            m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        }
        break;
    case HttpRequestParser::State::RequestComplete: {
        m_awaitingAnswer = true;
        m_sentContinue = false;
        base::CapturedRequest request = m_parser.takeRequest();
        request.peerAddress = m_socket->peerAddress();
        request.peerPort = m_socket->peerPort();
        m_lastRequestWasHead = request.method == "HEAD";
        // The timer is left running: onTimeout() ignores a connection awaiting its answer.
        Q_EMIT requestReady(request);
        return;
    }
    case HttpRequestParser::State::Failed: {
        const int status = m_parser.failureStatus();
        const QString reason = m_parser.failureReason();
        HttpResponse response {status, {{"Content-Type", "text/plain; charset=utf-8"}}, reason.toUtf8() + '\n', true};
        writeResponse(response, false, false);
        Q_EMIT requestRejected(status, reason);
        return;
    }
    }
    armTimer();
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (!m_awaitingAnswer || m_closing)
        return;
    m_awaitingAnswer = false;
    const bool keepAlive = m_parser.keepAlive() && !response.closeAfter;
    writeResponse(response, m_lastRequestWasHead, keepAlive);
    if (!keepAlive)
        return;
    if (m_parser.hasBufferedBytes())
        m_requestClock.start();
    m_parser.resume();
    afterParsing();
    // Bytes that waited in the socket while this request was answered.
    if (!m_awaitingAnswer && std::exchange(m_readingPaused, false)) {
        m_socket->setReadingPaused(false);
        readFromSocket();
    }
}

void HttpConnection::closeWithoutAnswer()
{
    m_awaitingAnswer = false;
    m_closing = true;
    m_socket->abort();
}

bool HttpConnection::isIdle() const
{
    return !m_awaitingAnswer && !m_closing && m_parser.state() == HttpRequestParser::State::Idle &&
        !m_parser.hasBufferedBytes() && m_socket->bytesAvailable() == 0 && m_socket->bytesToWrite() == 0;
}

void HttpConnection::closeIdle()
{
    m_closing = true;
    m_socket->abort();
    finish();
}

void HttpConnection::writeResponse(const HttpResponse &response, bool headOnly, bool keepAlive)
{
    QByteArray head;
    head.reserve(256 + response.body.size());
    head += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
        (response.reasonPhrase.isEmpty() ? reasonPhrase(response.status) : fieldSafe(response.reasonPhrase)) + "\r\n";
    bool hasServer = false;
    for (const auto &[name, value] : response.headers) {
        // The connection owns framing; a template's own Content-Length could only corrupt it.
        if (base::sameHeaderName(name, "Content-Length") || base::sameHeaderName(name, "Connection") ||
            base::sameHeaderName(name, "Transfer-Encoding"))
            continue;
        hasServer |= base::sameHeaderName(name, "Server");
        head += fieldSafe(name);
        head += ": ";
        head += fieldSafe(value);
        head += "\r\n";
    }
    if (!hasServer && response.addServerHeader)
        head += "Server: " + kServerHeader + "\r\n";
    head += "Content-Length: " +
        (headOnly && !response.headContentLength.isEmpty() ? fieldSafe(response.headContentLength)
                                                           : QByteArray::number(response.body.size())) +
        "\r\n";
    if (!keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    if (!headOnly)
        head += response.body;
    m_socket->write(head);
    if (!keepAlive) {
        m_closing = true;
        m_timer.stop();
        m_socket->disconnectFromHost();
    } else {
        armTimer();
    }
}

void HttpConnection::armTimer()
{
    if (m_closing || m_awaitingAnswer)
        return;
    qint64 remaining = m_limits.idleTimeoutMs;
    switch (m_parser.state()) {
    case HttpRequestParser::State::ReadingHead:
        remaining = m_limits.headerTimeoutMs - m_requestClock.elapsed();
        break;
    case HttpRequestParser::State::ReadingBody:
        remaining = m_limits.requestTimeoutMs - m_requestClock.elapsed();
        break;
    default:
        break;
    }
    remaining = std::max<qint64>(remaining, 0);
    m_deadline.setRemainingTime(remaining);
    // Restarting a timer after every answer costs more than parsing a request's headers: a timer due before the new
    // deadline is kept, and when it fires early it starts again for what is left.
    if (!m_timer.isActive() || m_timerDue.deadline() > m_deadline.deadline()) {
        m_timer.start(static_cast<int>(remaining));
        m_timerDue = m_deadline;
    }
}

void HttpConnection::onTimeout()
{
    if (m_closing || m_awaitingAnswer)
        return;
    if (!m_deadline.hasExpired()) {
        m_timer.start(static_cast<int>(m_deadline.remainingTime()));
        m_timerDue = m_deadline;
        return;
    }
    if (m_parser.state() == HttpRequestParser::State::ReadingHead ||
        m_parser.state() == HttpRequestParser::State::ReadingBody) {
        const QString reason = QStringLiteral("the request did not arrive in time");
        writeResponse({408, {{"Content-Type", "text/plain; charset=utf-8"}}, reason.toUtf8() + '\n', true}, false,
                      false);
        Q_EMIT requestRejected(408, reason);
        return;
    }
    m_closing = true;
    m_socket->disconnectFromHost();
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_closing = true;
    Q_EMIT closed();
    deleteLater();
}

} // namespace dockside::http
