// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>

#include <cstddef>

// What the request and answer parsers build from libhttp_parser's callbacks, shared so both make the same arrays.
namespace dockside::http::detail {

// A header piece as its own array, null when empty as appending it to a null array would leave it: an empty value is
// recorded as before.
inline QByteArray headerPiece(const char *at, size_t length)
{
    return length == 0 ? QByteArray() : QByteArray(at, static_cast<qsizetype>(length));
}

// Appends a later piece of a name or value that libhttp_parser split, or starts it with its first piece.
inline void appendHeaderPiece(QByteArray &text, const char *at, size_t length)
{
    if (text.isNull())
        text = headerPiece(at, length);
    else
        text.append(at, static_cast<qsizetype>(length));
}

// "HTTP/1.1" and "HTTP/1.0" are shared, not made again for every message.
inline QByteArray httpVersionName(unsigned short major, unsigned short minor)
{
    static const QByteArray http10 = QByteArrayLiteral("HTTP/1.0");
    static const QByteArray http11 = QByteArrayLiteral("HTTP/1.1");
    if (major == 1 && minor == 1)
        return http11;
    if (major == 1 && minor == 0)
        return http10;
    return "HTTP/" + QByteArray::number(major) + '.' + QByteArray::number(minor);
}

} // namespace dockside::http::detail
