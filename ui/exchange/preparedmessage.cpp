// SPDX-License-Identifier: GPL-3.0-or-later

#include "preparedmessage.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::PreparedMessage", text);
}

QString kindText(BodyKind kind, qsizetype size)
{
    switch (kind) {
    case BodyKind::Empty:
        return tr("no body");
    case BodyKind::Json:
        return tr("JSON, %1").arg(byteSize(size));
    case BodyKind::Text:
        return tr("text, %1").arg(byteSize(size));
    case BodyKind::Binary:
        return tr("binary, %1").arg(byteSize(size));
    }
    return {};
}

} // namespace

QString headerLines(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QString lines;
    for (const auto &[name, value] : headers)
        lines += bytesAsText(name) + QStringLiteral(": ") + bytesAsText(value) + QLatin1Char('\n');
    return lines;
}

bool limitText(QString &text, qsizetype maxChars)
{
    bool cut = false;
    if (text.size() > maxChars) {
        // Prefer a whole last line when one ends in the final tenth.
        const qsizetype lineEnd = text.lastIndexOf(QLatin1Char('\n'), maxChars);
        text.truncate(lineEnd > maxChars * 9 / 10 ? lineEnd : maxChars);
        cut = true;
    }
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        if (end - start > kMaxShownLineChars) {
            const QString marker = tr(" … (%1 more characters on this line)").arg(end - start - kMaxShownLineChars);
            text.replace(start + kMaxShownLineChars, end - start - kMaxShownLineChars, marker);
            end = start + kMaxShownLineChars + marker.size();
            cut = true;
        }
        start = end + 1;
    }
    return cut;
}

PreparedMessage prepareMessage(const QString &startLine, const QString &head, const QByteArray &body)
{
    PreparedMessage prepared;
    prepared.kind = bodyKind(body);
    prepared.subtitle = startLine + QStringLiteral(" · ") + kindText(prepared.kind, body.size());
    prepared.rawText = startLine + QLatin1Char('\n') + head + QLatin1Char('\n');

    switch (prepared.kind) {
    case BodyKind::Empty:
        prepared.bodyNote = tr("No body.");
        return prepared;
    case BodyKind::Binary: {
        const QString dump = hexDump(body);
        prepared.bodyText = dump;
        prepared.rawText += dump;
        prepared.bodyNote = body.size() > kMaxHexDumpBytes
            ? tr("Binary body (not UTF-8 text): a hex and ASCII dump of the first %1 of %2.")
                  .arg(byteSize(kMaxHexDumpBytes), byteSize(body.size()))
            : tr("Binary body (not UTF-8 text): a hex and ASCII dump.");
        return prepared;
    }
    case BodyKind::Json:
    case BodyKind::Text:
        break;
    }

    QString raw = bytesAsText(body);
    const bool rawCut = limitText(raw);
    prepared.rawText += raw;
    if (rawCut)
        prepared.rawText +=
            QLatin1Char('\n') + tr("… the body is %1 in all; the rest is not shown.").arg(byteSize(body.size()));

    if (prepared.kind == BodyKind::Json) {
        prepared.bodyText = QString::fromUtf8(QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented));
        if (limitText(prepared.bodyText))
            prepared.bodyNote =
                tr("A large body: the first part of it is shown, formatted (%1 in all).").arg(byteSize(body.size()));
    } else {
        prepared.bodyText = raw;
        if (rawCut)
            prepared.bodyNote =
                tr("A large body: the first part of it is shown (%1 in all).").arg(byteSize(body.size()));
    }
    return prepared;
}

} // namespace dockside::ui
