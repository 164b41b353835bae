// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonlocator.h"

#include "loaderror.h"

#include <variant>

namespace dockside::base {

namespace {

using PathSegment = std::variant<QString, qsizetype>; // a key or an array index

std::optional<QList<PathSegment>> parsePath(QStringView path)
{
    if (!path.startsWith(QLatin1Char('$')))
        return std::nullopt;
    QList<PathSegment> segments;
    qsizetype i = 1;
    while (i < path.size()) {
        if (path.at(i) == QLatin1Char('.')) {
            const qsizetype start = ++i;
            while (i < path.size() && path.at(i) != QLatin1Char('.') && path.at(i) != QLatin1Char('['))
                ++i;
            if (i == start)
                return std::nullopt;
            segments.append(path.mid(start, i - start).toString());
        } else if (path.mid(i).startsWith(QLatin1String("[\""))) {
            QString key;
            i += 2;
            while (i < path.size() && path.at(i) != QLatin1Char('"')) {
                if (path.at(i) == QLatin1Char('\\') && i + 1 < path.size())
                    ++i;
                key.append(path.at(i++));
            }
            if (!path.mid(i).startsWith(QLatin1String("\"]")))
                return std::nullopt;
            i += 2;
            segments.append(key);
        } else if (path.at(i) == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            bool ok = false;
            const qsizetype index = close < 0 ? -1 : path.mid(i + 1, close - i - 1).toLongLong(&ok);
            if (!ok || index < 0)
                return std::nullopt;
            segments.append(index);
            i = close + 1;
        } else {
            return std::nullopt;
        }
    }
    return segments;
}

// Walks JSON text token by token; it only needs to skip values and read keys, so it builds no document.
class Scanner {
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    {
        if (m_text.startsWith("\xEF\xBB\xBF"))
            m_position = 3;
    }

    qsizetype position() const { return m_position; }
    void setPosition(qsizetype position) { m_position = position; }
    char peek() const { return m_position < m_text.size() ? m_text.at(m_position) : '\0'; }

    bool consume(char expected)
    {
        skipWhitespace();
        if (peek() != expected)
            return false;
        ++m_position;
        return true;
    }

    void skipWhitespace()
    {
        while (m_position < m_text.size()) {
            const char c = m_text.at(m_position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_position;
        }
    }

    std::optional<QString> readString()
    {
        skipWhitespace();
        if (peek() != '"')
            return std::nullopt;
        ++m_position;
        QString result;
        qsizetype runStart = m_position;
        auto flushRun = [&] { result += QString::fromUtf8(m_text.sliced(runStart, m_position - runStart)); };
        while (m_position < m_text.size()) {
            const char c = m_text.at(m_position);
            if (c == '"') {
                flushRun();
                ++m_position;
                return result;
            }
            if (c != '\\') {
                ++m_position;
                continue;
            }
            flushRun();
            if (m_position + 1 >= m_text.size())
                return std::nullopt;
            const char escaped = m_text.at(m_position + 1);
            m_position += 2;
            switch (escaped) {
            case 'b':
                result += QLatin1Char('\b');
                break;
            case 'f':
                result += QLatin1Char('\f');
                break;
            case 'n':
                result += QLatin1Char('\n');
                break;
            case 'r':
                result += QLatin1Char('\r');
                break;
            case 't':
                result += QLatin1Char('\t');
                break;
            case 'u': {
                bool ok = false;
                const ushort unit =
                    m_position + 4 <= m_text.size() ? m_text.sliced(m_position, 4).toByteArray().toUShort(&ok, 16) : 0;
                if (!ok)
                    return std::nullopt;
                // A surrogate pair arrives as two escapes; QString joins the two UTF-16 units by itself.
                result += QChar(unit);
                m_position += 4;
                break;
            }
            default:
                result += QLatin1Char(escaped);
            }
            runStart = m_position;
        }
        return std::nullopt;
    }

    bool skipValue(int depth = 0)
    {
        if (depth > 1024)
            return false;
        skipWhitespace();
        switch (peek()) {
        case '"':
            return readString().has_value();
        case '{':
            ++m_position;
            if (consume('}'))
                return true;
            do {
                if (!readString() || !consume(':') || !skipValue(depth + 1))
                    return false;
            } while (consume(','));
            return consume('}');
        case '[':
            ++m_position;
            if (consume(']'))
                return true;
            do {
                if (!skipValue(depth + 1))
                    return false;
            } while (consume(','));
            return consume(']');
        case '\0':
            return false;
        default: {
            const qsizetype start = m_position;
            while (m_position < m_text.size() && !endsLiteral(m_text.at(m_position)))
                ++m_position;
            return m_position > start;
        }
        }
    }

    // At an object: the start of the member's value (the last one when a key repeats, as QJsonDocument keeps).
    std::optional<qsizetype> findMember(const QString &key)
    {
        if (!consume('{') || consume('}'))
            return std::nullopt;
        std::optional<qsizetype> found;
        do {
            const std::optional<QString> name = readString();
            if (!name || !consume(':'))
                return found;
            skipWhitespace();
            if (*name == key)
                found = m_position;
            if (!skipValue())
                return found;
        } while (consume(','));
        return found;
    }

    std::optional<qsizetype> findElement(qsizetype index)
    {
        if (!consume('[') || consume(']'))
            return std::nullopt;
        for (qsizetype i = 0;; ++i) {
            skipWhitespace();
            if (i == index)
                return m_position;
            if (!skipValue() || !consume(','))
                return std::nullopt;
        }
    }

private:
    static bool endsLiteral(char c)
    {
        return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    QByteArrayView m_text;
    qsizetype m_position = 0;
};

} // namespace

TextPosition textPositionOfOffset(QByteArrayView utf8, qsizetype offset)
{
    TextPosition position;
    const qsizetype start = utf8.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const qsizetype end = std::min(offset, utf8.size());
    for (qsizetype i = start; i < end; ++i) {
        const auto byte = static_cast<unsigned char>(utf8.at(i));
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++position.column;
        }
    }
    return position;
}

std::optional<JsonLocation> locateJsonPath(QByteArrayView json, QStringView jsonPath)
{
    const std::optional<QList<PathSegment>> segments = parsePath(jsonPath);
    if (!segments)
        return std::nullopt;
    Scanner scanner(json);
    scanner.skipWhitespace();
    if (scanner.peek() == '\0')
        return std::nullopt;
    qsizetype valueStart = scanner.position();
    bool exact = true;
    for (const PathSegment &segment : *segments) {
        const std::optional<qsizetype> found = std::holds_alternative<QString>(segment)
            ? scanner.findMember(std::get<QString>(segment))
            : scanner.findElement(std::get<qsizetype>(segment));
        if (!found) {
            exact = false;
            break;
        }
        valueStart = *found;
        scanner.setPosition(valueStart);
    }
    return JsonLocation {textPositionOfOffset(json, valueStart), exact};
}

void locateLoadErrors(QByteArrayView json, QList<LoadError> &errors)
{
    for (LoadError &error : errors) {
        if (error.line > 0)
            continue;
        if (const std::optional<JsonLocation> location = locateJsonPath(json, error.path)) {
            error.line = location->position.line;
            error.column = location->position.column;
        }
    }
}

} // namespace dockside::base
