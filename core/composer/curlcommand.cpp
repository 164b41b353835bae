// SPDX-License-Identifier: GPL-3.0-or-later

#include "curlcommand.h"

namespace dockside::composer {

namespace {

QString shellQuoted(const QByteArray &text)
{
    QByteArray quoted = text;
    quoted.replace('\'', "'\\''");
    return QLatin1Char('\'') + QString::fromUtf8(quoted) + QLatin1Char('\'');
}

bool isPlainText(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0 || (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t'))
            return false;
    }
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// Octal escapes for every byte: POSIX printf (dash's too) knows no \x, and no byte can then be read as a format.
QString printfEscaped(const QByteArray &bytes)
{
    QString escaped;
    for (const char c : bytes)
        escaped += QStringLiteral("\\%1").arg(static_cast<unsigned char>(c), 3, 8, QLatin1Char('0'));
    return escaped;
}

// Headers curl sets itself from the command; repeating them would send them twice or contradict the body.
bool curlSetsItself(const QByteArray &name)
{
    for (const char *own : {"Host", "Content-Length", "Connection", "Accept-Encoding", "Transfer-Encoding"}) {
        if (name.compare(own, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QString curlCommand(const history::ExchangeRecord &record)
{
    QString url = record.url;
    if (url.isEmpty()) {
        const QByteArray host = record.request.header("Host").value_or(QByteArrayLiteral("localhost"));
        url = QStringLiteral("http://") + QString::fromLatin1(host) + QString::fromLatin1(record.request.target);
    }
    QStringList parts {QStringLiteral("curl"), QStringLiteral("--silent"), QStringLiteral("--show-error"),
                       QStringLiteral("-X"), shellQuoted(record.request.method)};
    for (const auto &[name, value] : record.request.headers) {
        if (!curlSetsItself(name))
            parts << QStringLiteral("-H") << shellQuoted(name + ": " + value);
    }
    QString prefix;
    if (!record.request.body.isEmpty()) {
        if (isPlainText(record.request.body)) {
            parts << QStringLiteral("--data-binary") << shellQuoted(record.request.body);
        } else {
            prefix = QStringLiteral("printf '%1' | ").arg(printfEscaped(record.request.body));
            parts << QStringLiteral("--data-binary") << QStringLiteral("@-");
        }
    }
    parts << shellQuoted(url.toUtf8());
    return prefix + parts.join(QLatin1Char(' '));
}

} // namespace dockside::composer
