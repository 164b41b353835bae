// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "httpresponseparser.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace dockside::http {

// How one exchange on an HttpClientConnection ended. Times are microseconds since send().
struct ClientExchange {
    std::optional<ParsedResponse> response; // set only for a complete answer
    bool timedOut = false; // the deadline passed first
    bool cancelled = false;
    std::optional<QAbstractSocket::SocketError> socketError; // when the socket failed
    QString error; // why there is no complete answer, in words; empty with a response
    std::optional<qint64> connectUs; // name lookup and TCP handshake; 0 on a reused connection; none if never connected
    std::optional<qint64> firstByteUs; // the first byte of the answer
    std::optional<qint64> headersUs; // the answer's status line and headers complete
    qint64 totalUs = 0;
};

// One persistent HTTP/1.1 connection to one host and port that carries one exchange at a time: it writes a prepared
// request and parses the answer itself, on the thread it lives in, with no hop to a network thread. Reused while
// the server keeps it alive; EventSender pools these for plain http:// URLs, the relay uses them for http and https.
class HttpClientConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientConnection)

public:
    HttpClientConnection(const QString &host, quint16 port, QObject *parent = nullptr);
    // Over TLS: the handshake, verified against tls's CA certificates and the host name, is part of connecting.
    HttpClientConnection(const QString &host, quint16 port, const QSslConfiguration &tls, QObject *parent = nullptr);
    ~HttpClientConnection() override;

    // Writes request (a whole HTTP/1.1 request: head and body), connecting first when not connected, and gives up
    // deadlineMs after this call. exchangeFinished() follows exactly once, possibly before send() returns. The answer
    // to a HEAD request is complete with its headers.
    void send(const QByteArray &request, qint64 deadlineMs);
    // Ends the exchange in progress at once, with `cancelled` set, and closes the connection.
    void cancel();
    // Closes the connection without a signal, whatever is in progress.
    void close();

    bool isBusy() const { return m_phase != Phase::Idle; }
    // Connected with nothing in progress, and the last answer allowed another request on this connection. An idle
    // connection closes itself after a second.
    bool isReusable() const;
    // Answers with a larger body fail ("too large") instead of being kept.
    void setMaxAnswerBytes(qint64 bytes) { m_parser.setMaxBodyBytes(bytes); }
    bool isTls() const { return m_tls; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }

Q_SIGNALS:
    void exchangeFinished(const dockside::http::ClientExchange &exchange);

private:
    void wireSocket();
    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onDeadline();
    void readAvailable();
    void endOfInput();
    void writeRequest();
    void failExchange(const QString &reason);
    void finishExchange(bool reusable);
    void emitFinished();
    bool isConnectedForReuse() const;
    qint64 elapsedUs() const { return m_clock.nsecsElapsed() / 1000; }

    QString m_host;
    quint16 m_port = 0;
    QTcpSocket *m_socket = nullptr; // a QSslSocket over TLS
    bool m_tls = false;
    QString m_tlsErrors; // why the certificate was refused, for the failure's message
    HttpResponseParser m_parser;
    QTimer m_deadline; // the exchange's deadline; between exchanges, the idle limit
    QElapsedTimer m_clock;
    QByteArray m_request;
    ClientExchange m_exchange;
    enum class Phase { Idle, Busy, Finishing }; // Finishing: ended, exchangeFinished() not emitted yet
    Phase m_phase = Phase::Idle;
    bool m_sending = false; // inside send(): a failure there is reported after it returns
    bool m_reusable = false; // between exchanges: the server keeps the connection alive
};

// An HTTP/1.1 request as HttpClientConnection writes it: request line, Host, the headers, Content-Length, body.
QByteArray serializeRequest(const QByteArray &method, const QByteArray &target, const QByteArray &hostHeader,
                            const base::HeaderList &headers, const QByteArray &body);
// The request-target for a URL: its path ("/" when empty) and query, percent-encoded.
QByteArray requestTarget(const QUrl &url);
// The Host header for a URL: IPv6 literals in brackets, the port only when it is not 80.
QByteArray hostHeader(const QUrl &url);
// Why these headers cannot be written as they are (a line break would end a header early), or empty.
QString headerProblem(const base::HeaderList &headers);

// Words for a socket failure before a complete answer, shared with the QNetworkAccessManager path's wording.
QString socketErrorText(QAbstractSocket::SocketError error, const QString &detail);

} // namespace dockside::http
