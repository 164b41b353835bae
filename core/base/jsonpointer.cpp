// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonpointer.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dockside::base {

std::optional<JsonPointer> JsonPointer::parse(const QString &text, QString &error)
{
    JsonPointer pointer;
    pointer.m_text = text;
    if (text.isEmpty())
        return pointer;
    if (!text.startsWith(QLatin1Char('/'))) {
        error = QStringLiteral("A JSON pointer is empty or starts with \"/\", such as \"/message/call/type\".");
        return std::nullopt;
    }
    const QStringList rawTokens = text.mid(1).split(QLatin1Char('/'));
    for (const QString &raw : rawTokens) {
        QString token;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i) != QLatin1Char('~')) {
                token.append(raw.at(i));
                continue;
            }
            const QChar next = i + 1 < raw.size() ? raw.at(i + 1) : QChar();
            if (next != QLatin1Char('0') && next != QLatin1Char('1')) {
                error = QStringLiteral("\"~\" in a JSON pointer must be followed by 0 (for \"~\") or 1 (for \"/\").");
                return std::nullopt;
            }
            token.append(next == QLatin1Char('0') ? QLatin1Char('~') : QLatin1Char('/'));
            ++i;
        }
        pointer.m_tokens.append(token);
    }
    return pointer;
}

std::optional<QJsonValue> JsonPointer::resolve(const QJsonValue &document) const
{
    if (document.isUndefined())
        return std::nullopt;
    QJsonValue current = document;
    for (const QString &token : m_tokens) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(token);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        } else if (current.isArray()) {
            // RFC 6901: an index is "0" or digits without a leading zero; "-" (past the end) names nothing.
            if (token.isEmpty() || token.size() > 9 || (token.size() > 1 && token.front() == QLatin1Char('0')))
                return std::nullopt;
            for (const QChar character : token) {
                if (character < QLatin1Char('0') || character > QLatin1Char('9'))
                    return std::nullopt;
            }
            const QJsonArray array = current.toArray();
            const qsizetype position = token.toLongLong();
            if (position >= array.size())
                return std::nullopt;
            current = array.at(position);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

} // namespace dockside::base
