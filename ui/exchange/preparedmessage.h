// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "bytesformat.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace dockside::ui {

// One side of an exchange made ready to show: classified, pretty-printed or dumped, and bounded in size. Pure, so
// large bodies are prepared on a worker thread and small ones at once.
struct PreparedMessage {
    QString subtitle; // "POST /webhook HTTP/1.1 · JSON, 285 B"
    BodyKind kind = BodyKind::Empty;
    QString bodyText; // pretty JSON, text, or a hex dump
    QString bodyNote; // what was left out or how the body is shown; empty when it is shown whole as it is
    QString rawText; // the head as recorded, then the body
};

// "Name: value" lines, each ending in a newline, names and values as they came.
QString headerLines(const QList<QPair<QByteArray, QByteArray>> &headers);

// startLine: "POST /webhook HTTP/1.1" or "HTTP/1.1 200 OK"; head: headerLines() of its headers.
PreparedMessage prepareMessage(const QString &startLine, const QString &head, const QByteArray &body);

// At most maxChars characters, cut at a line end when one is near, and every line at most kMaxShownLineChars;
// returns whether anything was left out.
bool limitText(QString &text, qsizetype maxChars = kMaxShownTextChars);

} // namespace dockside::ui
