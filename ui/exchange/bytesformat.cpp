// SPDX-License-Identifier: GPL-3.0-or-later

#include "bytesformat.h"

#include "history/historydatabase.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::BytesFormat", text);
}

} // namespace

BodyKind bodyKind(const QByteArray &body)
{
    if (body.isEmpty())
        return BodyKind::Empty;
    if (!history::detail::isText(body))
        return BodyKind::Binary;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError && !document.isNull() ? BodyKind::Json : BodyKind::Text;
}

QString hexDump(const QByteArray &bytes, qsizetype maxBytes)
{
    constexpr qsizetype kPerLine = 16;
    static constexpr char kHex[] = "0123456789abcdef";
    const qsizetype shown = std::min(bytes.size(), maxBytes);
    QString dump;
    dump.reserve((shown / kPerLine + 2) * 80);
    for (qsizetype offset = 0; offset < shown; offset += kPerLine) {
        dump += QStringLiteral("%1 ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < kPerLine; ++i) {
            if (i == kPerLine / 2)
                dump += QLatin1Char(' ');
            if (offset + i < shown) {
                const auto byte = static_cast<unsigned char>(bytes.at(offset + i));
                dump += QLatin1Char(' ');
                dump += QLatin1Char(kHex[byte >> 4]);
                dump += QLatin1Char(kHex[byte & 0x0f]);
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(static_cast<char>(byte)) : QLatin1Char('.');
            } else {
                dump += QLatin1String("   ");
            }
        }
        dump += QLatin1String("  |") + ascii + QLatin1String("|\n");
    }
    if (shown < bytes.size())
        dump += tr("… %1 more not shown (%2 in all)").arg(byteSize(bytes.size() - shown), byteSize(bytes.size()));
    return dump;
}

QString byteSize(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
    return tr("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QString bytesAsText(const QByteArray &bytes)
{
    return history::detail::displayText(bytes);
}

} // namespace dockside::ui
