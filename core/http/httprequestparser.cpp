// SPDX-License-Identifier: GPL-3.0-or-later

#include "httprequestparser.h"

#include "parserpieces.h"

#include "base/wallclock.h"

#include <climits>

namespace dockside::http {

namespace {

HttpRequestParser *self(http_parser *parser)
{
    return static_cast<HttpRequestParser *>(parser->data);
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &HttpRequestParser::onMessageBegin;
    m_settings.on_url = &HttpRequestParser::onUrl;
    m_settings.on_header_field = &HttpRequestParser::onHeaderField;
    m_settings.on_header_value = &HttpRequestParser::onHeaderValue;
    m_settings.on_headers_complete = &HttpRequestParser::onHeadersComplete;
    m_settings.on_body = &HttpRequestParser::onBody;
    m_settings.on_message_complete = &HttpRequestParser::onMessageComplete;
}

void HttpRequestParser::feed(const QByteArray &data)
{
    m_pending += data;
    if (m_state != State::RequestComplete && m_state != State::Failed)
        execute();
}

void HttpRequestParser::resume()
{
    if (m_state != State::Idle)
        return;
    http_parser_pause(&m_parser, 0);
    execute();
}

base::CapturedRequest HttpRequestParser::takeRequest()
{
    base::CapturedRequest request = m_ready.value_or(base::CapturedRequest {});
    m_ready.reset();
    if (m_state == State::RequestComplete)
        m_state = State::Idle;
    return request;
}

void HttpRequestParser::execute()
{
    if (m_pending.isEmpty())
        return;
    const bool wasIdle = m_state == State::Idle;
    const size_t parsed =
        http_parser_execute(&m_parser, &m_settings, m_pending.constData(), static_cast<size_t>(m_pending.size()));
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (m_state == State::Failed)
        return;
    if (error == HPE_PAUSED || error == HPE_OK) {
        m_pending.remove(0, static_cast<qsizetype>(parsed));
        // Empty lines before a request are allowed, but they count against the head's limit like any other byte.
        if (wasIdle && m_state == State::Idle) {
            m_blankBytes += static_cast<qint64>(parsed);
            if (m_blankBytes > m_limits.maxHeaderBytes) {
                fail(400,
                     QStringLiteral("more than %1 bytes of empty lines and no request").arg(m_limits.maxHeaderBytes));
                return;
            }
        }
        if (m_parser.upgrade)
            fail(501, QStringLiteral("protocol upgrades (WebSocket, CONNECT) are not supported"));
        return;
    }
    if (error == HPE_HEADER_OVERFLOW)
        fail(431, QStringLiteral("the request headers are larger than the limit"));
    else
        fail(400, QStringLiteral("malformed HTTP: %1").arg(QString::fromLatin1(http_errno_description(error))));
}

void HttpRequestParser::fail(int status, const QString &reason)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_failureStatus = status;
    m_failureReason = reason;
    m_pending.clear();
}

bool HttpRequestParser::headerTooLarge(qsizetype extra)
{
    m_headBytes += extra;
    if (m_headBytes <= m_limits.maxHeaderBytes)
        return false;
    fail(431, QStringLiteral("the request line and headers are larger than %1 bytes").arg(m_limits.maxHeaderBytes));
    return true;
}

namespace {

// Shared names instead of a new copy of "POST" for every request.
QByteArray methodName(unsigned int method)
{
    static const QList<QByteArray> names = [] {
        QList<QByteArray> all;
        for (unsigned int known = 0; known <= HTTP_SOURCE; ++known)
            all.append(QByteArray(http_method_str(static_cast<http_method>(known))));
        return all;
    }();
    if (method < static_cast<unsigned int>(names.size()))
        return names.at(method);
    return QByteArray(http_method_str(static_cast<http_method>(method)));
}
} // namespace

int HttpRequestParser::onMessageBegin(http_parser *parser)
{
    HttpRequestParser *that = self(parser);
    that->m_request = base::CapturedRequest {};
    // Room for a platform request's headers, so the list is not regrown as they arrive.
    that->m_request.headers.reserve(16);
    that->m_state = State::ReadingHead;
    that->m_lastWasValue = false;
    that->m_expectsContinue = false;
    that->m_headBytes = 0;
    that->m_blankBytes = 0;
    return 0;
}

int HttpRequestParser::onUrl(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *that = self(parser);
    if (that->headerTooLarge(static_cast<qsizetype>(length)))
        return -1;
    that->m_request.target.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *that = self(parser);
    if (that->headerTooLarge(static_cast<qsizetype>(length)))
        return -1;
    // libhttp_parser may deliver one name in several pieces; a new name starts after a value.
    if (that->m_lastWasValue || that->m_request.headers.isEmpty())
        that->m_request.headers.append({detail::headerPiece(at, length), QByteArray()});
    else
        that->m_request.headers.last().first.append(at, static_cast<qsizetype>(length));
    that->m_lastWasValue = false;
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *that = self(parser);
    if (that->headerTooLarge(static_cast<qsizetype>(length)))
        return -1;
    detail::appendHeaderPiece(that->m_request.headers.last().second, at, length);
    that->m_lastWasValue = true;
    return 0;
}

int HttpRequestParser::onHeadersComplete(http_parser *parser)
{
    HttpRequestParser *that = self(parser);
    // HTTP/1.0 and 1.1 only: libhttp_parser takes any digits, and "HTTP/9.9" is no request this server understands.
    if (parser->http_major != 1) {
        that->fail(505,
                   QStringLiteral("HTTP/%1.%2 is not supported; send HTTP/1.1")
                       .arg(parser->http_major)
                       .arg(parser->http_minor));
        return -1;
    }
    base::CapturedRequest &request = that->m_request;
    request.method = methodName(parser->method);
    request.httpVersion = detail::httpVersionName(parser->http_major, parser->http_minor);
    // Trailing whitespace is not part of a field value (RFC 9110 5.5); libhttp_parser keeps it.
    for (auto &header : request.headers) {
        while (header.second.endsWith(' ') || header.second.endsWith('\t'))
            header.second.chop(1);
    }
    // libhttp_parser does not expose the head's byte count here; this is its size in canonical form.
    request.headerBytes = request.method.size() + 1 + request.target.size() + 1 + request.httpVersion.size() + 2 + 2;
    for (const auto &[name, value] : request.headers)
        request.headerBytes += name.size() + 2 + value.size() + 2;
    const bool hasLength = (parser->flags & F_CHUNKED) == 0 && parser->content_length != ULLONG_MAX;
    if (hasLength && parser->content_length > static_cast<quint64>(that->m_limits.maxBodyBytes)) {
        that->fail(413,
                   QStringLiteral("the body of %1 bytes is larger than the limit of %2 bytes")
                       .arg(QString::number(parser->content_length), QString::number(that->m_limits.maxBodyBytes)));
        return -1;
    }
    if (const auto expect = request.header("Expect"))
        that->m_expectsContinue = expect->trimmed().compare("100-continue", Qt::CaseInsensitive) == 0;
    that->m_state = State::ReadingBody;
    return 0;
}

int HttpRequestParser::onBody(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *that = self(parser);
    // Chunked bodies announce no length, so the limit is checked as they grow.
    if (that->m_request.body.size() + static_cast<qsizetype>(length) > that->m_limits.maxBodyBytes) {
        that->fail(413,
                   QStringLiteral("the body is larger than the limit of %1 bytes").arg(that->m_limits.maxBodyBytes));
        return -1;
    }
    that->m_request.body.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpRequestParser::onMessageComplete(http_parser *parser)
{
    HttpRequestParser *that = self(parser);
    that->m_request.receivedAtUs = base::nowMicroseconds();
    that->m_keepAlive = http_should_keep_alive(parser) != 0;
    that->m_ready = std::move(that->m_request);
    that->m_request = base::CapturedRequest {};
    that->m_state = State::RequestComplete;
    // One request at a time: answers must leave in order, so the next is parsed only after this one is answered.
    http_parser_pause(parser, 1);
    return 0;
}

QByteArray reasonPhrase(int status)
{
    const char *text = http_status_str(static_cast<http_status>(status));
    if (text == nullptr || QByteArrayView(text) == "<unknown>")
        return QByteArrayLiteral("Status");
    return QByteArray(text);
}

} // namespace dockside::http
