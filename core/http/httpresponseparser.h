// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"

#include <QByteArray>
#include <QString>

#include <http_parser.h>

namespace dockside::http {

// An answer as it arrived: the status line, the headers in order with names as sent, and the body without its
// framing (chunk sizes removed).
struct ParsedResponse {
    int status = 0;
    QByteArray reasonPhrase;
    QByteArray httpVersion;
    base::HeaderList headers;
    QByteArray body;
};

// The client side of HttpRequestParser: feeds the bytes of one answer through libhttp_parser in HTTP_RESPONSE mode,
// framed by Content-Length, chunked encoding or the server closing the connection. Interim 1xx answers are skipped;
// answers to HEAD, 204 and 304 end with their headers.
class HttpResponseParser final {
public:
    enum class State {
        Idle, // nothing of the answer yet
        ReadingHead, // status line and headers
        ReadingBody, // headers complete, body arriving
        Complete, // the answer is in response(); bytes after it are left unread
        Failed, // not HTTP, too large, or cut short: failureReason() says which
    };

    static constexpr qint64 kDefaultMaxBodyBytes = 64 * 1024 * 1024;

    explicit HttpResponseParser(qint64 maxBodyBytes = kDefaultMaxBodyBytes);
    HttpResponseParser(const HttpResponseParser &) = delete;
    HttpResponseParser &operator=(const HttpResponseParser &) = delete;

    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // Starts over for the next answer on the same connection; the answer to a HEAD request has no body, whatever its
    // Content-Length says.
    void reset(bool headRequest = false);
    // Consumes bytes of the answer and returns how many it used: all of them, unless the answer completed (the rest
    // belongs to no request) or parsing failed.
    qsizetype feed(const char *data, qsizetype size);
    // The server closed the connection: completes an answer whose body runs to the close, fails any other one
    // that is not complete yet.
    void finishInput();

    State state() const { return m_state; }
    // The status line and headers of the final (non-1xx) answer are complete.
    bool hasHead() const { return m_hasHead; }
    // The connection may carry another request after this answer (HTTP/1.1 without "Connection: close").
    bool keepAlive() const { return m_keepAlive; }
    const ParsedResponse &response() const { return m_response; }
    ParsedResponse takeResponse() { return std::move(m_response); }
    QString failureReason() const { return m_failureReason; }

private:
    static int onMessageBegin(http_parser *parser);
    static int onStatus(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    void fail(const QString &reason);

    qint64 m_maxBodyBytes = kDefaultMaxBodyBytes;
    http_parser m_parser {};
    http_parser_settings m_settings {};
    ParsedResponse m_response;
    State m_state = State::Idle;
    QString m_failureReason;
    bool m_lastWasValue = false;
    bool m_hasHead = false;
    bool m_interim = false;
    bool m_keepAlive = false;
    bool m_headRequest = false;
};

} // namespace dockside::http
