// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace dockside::ui {

// How much of a body the views show: enough to read, bounded so that laying the text out stays fast (a text view
// takes about a second for a megabyte of text here).
inline constexpr qsizetype kMaxShownTextChars = 128 * 1024;
inline constexpr qsizetype kMaxHexDumpBytes = 64 * 1024;
// A longer line is cut: one very long line costs a text view as much as a whole large body.
inline constexpr qsizetype kMaxShownLineChars = 8 * 1024;

enum class BodyKind { Empty, Json, Text, Binary };

// Json: parses as a JSON document; Text: valid UTF-8 without NUL; anything else is binary.
BodyKind bodyKind(const QByteArray &body);

// "00000000  7b 22 61 22 3a 31 7d 0a  ...  |{"a":1}.|", 16 bytes a line; at most maxBytes, then a line that
// says how many bytes are left out.
QString hexDump(const QByteArray &bytes, qsizetype maxBytes = kMaxHexDumpBytes);

// "512 B", "1.5 KiB", "2.0 MiB".
QString byteSize(qint64 bytes);

// Text for display: UTF-8 when valid, otherwise Latin-1 so no byte is dropped.
QString bytesAsText(const QByteArray &bytes);

} // namespace dockside::ui
