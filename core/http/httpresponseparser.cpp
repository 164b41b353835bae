// SPDX-License-Identifier: GPL-3.0-or-later

#include "httpresponseparser.h"

#include "parserpieces.h"

#include <climits>

namespace dockside::http {

namespace {

HttpResponseParser *self(http_parser *parser)
{
    return static_cast<HttpResponseParser *>(parser->data);
}

} // namespace

HttpResponseParser::HttpResponseParser(qint64 maxBodyBytes)
    : m_maxBodyBytes(maxBodyBytes)
{
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &HttpResponseParser::onMessageBegin;
    m_settings.on_status = &HttpResponseParser::onStatus;
    m_settings.on_header_field = &HttpResponseParser::onHeaderField;
    m_settings.on_header_value = &HttpResponseParser::onHeaderValue;
    m_settings.on_headers_complete = &HttpResponseParser::onHeadersComplete;
    m_settings.on_body = &HttpResponseParser::onBody;
    m_settings.on_message_complete = &HttpResponseParser::onMessageComplete;
    reset();
}

void HttpResponseParser::reset(bool headRequest)
{
    m_headRequest = headRequest;
    http_parser_init(&m_parser, HTTP_RESPONSE);
    m_parser.data = this;
    m_response = ParsedResponse {};
    m_state = State::Idle;
    m_failureReason.clear();
    m_lastWasValue = false;
    m_hasHead = false;
    m_interim = false;
    m_keepAlive = false;
}

qsizetype HttpResponseParser::feed(const char *data, qsizetype size)
{
    if (m_state == State::Complete || m_state == State::Failed || size <= 0)
        return 0;
    const size_t parsed = http_parser_execute(&m_parser, &m_settings, data, static_cast<size_t>(size));
    if (m_state == State::Failed)
        return static_cast<qsizetype>(parsed);
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (m_parser.upgrade)
        fail(QStringLiteral("the server switched protocols (HTTP %1); a webhook answers in plain HTTP")
                 .arg(m_parser.status_code));
    else if (error == HPE_HEADER_OVERFLOW)
        fail(QStringLiteral("the answer's status line and headers are larger than %1 KiB")
                 .arg(HTTP_MAX_HEADER_SIZE / 1024));
    else if (error != HPE_OK && error != HPE_PAUSED)
        fail(QStringLiteral("the answer is not valid HTTP (%1)")
                 .arg(QString::fromLatin1(http_errno_description(error))));
    return static_cast<qsizetype>(parsed);
}

void HttpResponseParser::finishInput()
{
    if (m_state == State::Complete || m_state == State::Failed)
        return;
    if (m_state == State::Idle) {
        fail(QStringLiteral("the server closed the connection without answering"));
        return;
    }
    // libhttp_parser takes an empty input as the end of the stream: it completes a body that runs to the close.
    http_parser_execute(&m_parser, &m_settings, nullptr, 0);
    if (m_state == State::Complete || m_state == State::Failed)
        return;
    if (!m_hasHead)
        fail(QStringLiteral("the server closed the connection in the middle of the answer's headers"));
    else
        fail(QStringLiteral("the server closed the connection after %1 byte(s) of the body, before the answer was "
                            "complete")
                 .arg(m_response.body.size()));
}

void HttpResponseParser::fail(const QString &reason)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_failureReason = reason;
}

int HttpResponseParser::onMessageBegin(http_parser *parser)
{
    HttpResponseParser *that = self(parser);
    that->m_response = ParsedResponse {};
    // Room for a usual answer's headers, so the list is not regrown as they arrive.
    that->m_response.headers.reserve(16);
    that->m_state = State::ReadingHead;
    that->m_lastWasValue = false;
    that->m_hasHead = false;
    that->m_interim = false;
    return 0;
}

int HttpResponseParser::onStatus(http_parser *parser, const char *at, size_t length)
{
    self(parser)->m_response.reasonPhrase.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpResponseParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HttpResponseParser *that = self(parser);
    // A name may arrive in several pieces; a new name starts after a value.
    if (that->m_lastWasValue || that->m_response.headers.isEmpty())
        that->m_response.headers.append({detail::headerPiece(at, length), QByteArray()});
    else
        that->m_response.headers.last().first.append(at, static_cast<qsizetype>(length));
    that->m_lastWasValue = false;
    return 0;
}

int HttpResponseParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HttpResponseParser *that = self(parser);
    detail::appendHeaderPiece(that->m_response.headers.last().second, at, length);
    that->m_lastWasValue = true;
    return 0;
}

int HttpResponseParser::onHeadersComplete(http_parser *parser)
{
    HttpResponseParser *that = self(parser);
    ParsedResponse &response = that->m_response;
    response.status = static_cast<int>(parser->status_code);
    // 100 Continue, 102, 103: a final answer follows on the same connection (101 is an upgrade, handled by feed).
    that->m_interim = response.status >= 100 && response.status < 200 && response.status != 101;
    if (that->m_interim)
        return 0;
    response.httpVersion = detail::httpVersionName(parser->http_major, parser->http_minor);
    // Trailing whitespace is not part of a field value (RFC 9110 5.5); libhttp_parser keeps it.
    for (auto &header : response.headers) {
        while (header.second.endsWith(' ') || header.second.endsWith('\t'))
            header.second.chop(1);
    }
    that->m_hasHead = true;
    that->m_state = State::ReadingBody;
    // These end with their headers whatever Content-Length says (RFC 9112 §6.3); 1 tells libhttp_parser to read no
    // body. Without it, a HEAD answer announcing its GET's length waits for a body that never comes.
    if (that->m_headRequest || response.status == 204 || response.status == 304)
        return 1;
    const bool hasLength = (parser->flags & F_CHUNKED) == 0 && parser->content_length != ULLONG_MAX;
    if (hasLength && parser->content_length > static_cast<quint64>(that->m_maxBodyBytes)) {
        that->fail(QStringLiteral("the answer announces a body of %1 bytes, more than the limit of %2 bytes")
                       .arg(QString::number(parser->content_length), QString::number(that->m_maxBodyBytes)));
        return -1;
    }
    return 0;
}

int HttpResponseParser::onBody(http_parser *parser, const char *at, size_t length)
{
    HttpResponseParser *that = self(parser);
    // Chunked and close-delimited bodies announce no length, so the limit is checked as they grow.
    if (that->m_response.body.size() + static_cast<qsizetype>(length) > that->m_maxBodyBytes) {
        that->fail(QStringLiteral("the answer's body is larger than the limit of %1 bytes").arg(that->m_maxBodyBytes));
        return -1;
    }
    that->m_response.body.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpResponseParser::onMessageComplete(http_parser *parser)
{
    HttpResponseParser *that = self(parser);
    if (that->m_interim) {
        that->m_interim = false;
        that->m_response = ParsedResponse {};
        that->m_state = State::Idle;
        return 0;
    }
    that->m_keepAlive = http_should_keep_alive(parser) != 0;
    that->m_state = State::Complete;
    // One answer per request: whatever follows belongs to no request of ours.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace dockside::http
