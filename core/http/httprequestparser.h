// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "httplimits.h"

#include "base/capturedrequest.h"

#include <QByteArray>

#include <http_parser.h>

#include <optional>

namespace dockside::http {

// Feeds raw socket bytes through libhttp_parser and yields whole requests, one at a time, within the limits.
class HttpRequestParser final {
public:
    enum class State {
        Idle, // between requests
        ReadingHead, // request line and headers
        ReadingBody, // headers complete, body arriving
        RequestComplete, // a request is ready in takeRequest(); parsing is paused until then
        Failed, // the connection must be answered with failureStatus() and closed
    };

    explicit HttpRequestParser(const HttpLimits &limits);
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Consumes as much of data as it can; bytes after a complete request stay buffered for the next one.
    void feed(const QByteArray &data);
    // Continues with buffered bytes after a request was taken (pipelining).
    void resume();

    State state() const { return m_state; }
    bool hasBufferedBytes() const { return !m_pending.isEmpty(); }
    // Set when headers are complete and the client asked "Expect: 100-continue".
    bool expectsContinue() const { return m_expectsContinue; }
    bool keepAlive() const { return m_keepAlive; }
    int failureStatus() const { return m_failureStatus; }
    QString failureReason() const { return m_failureReason; }

    base::CapturedRequest takeRequest();

private:
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    void execute();
    void fail(int status, const QString &reason);
    bool headerTooLarge(qsizetype extra);

    HttpLimits m_limits;
    http_parser m_parser {};
    http_parser_settings m_settings {};
    QByteArray m_pending;
    State m_state = State::Idle;
    base::CapturedRequest m_request;
    std::optional<base::CapturedRequest> m_ready;
    bool m_lastWasValue = false;
    bool m_expectsContinue = false;
    bool m_keepAlive = true;
    qint64 m_headBytes = 0;
    qint64 m_blankBytes = 0; // empty lines before a request line, which libhttp_parser skips

    int m_failureStatus = 0;
    QString m_failureReason;
};

QByteArray reasonPhrase(int status);

} // namespace dockside::http
