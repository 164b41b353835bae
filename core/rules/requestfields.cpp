// SPDX-License-Identifier: GPL-3.0-or-later

#include "requestfields.h"

#include <QJsonObject>

namespace dockside::rules {

namespace {

QJsonValue member(const QJsonValue &value, QLatin1StringView key)
{
    return value.isObject() ? value.toObject().value(key) : QJsonValue(QJsonValue::Undefined);
}

// The objects on the way to a field; every other object is only checked.
enum class Node { Other, Root, Message, Customer, PhoneNumber, Call };

constexpr int kMaxDepth = 64;
constexpr qsizetype kMaxNumberCharacters = 15;

class Scanner {
public:
    explicit Scanner(QByteArrayView json)
        : m_at(json.data())
        , m_end(json.data() + json.size())
    {
    }

    std::optional<RequestFields> run()
    {
        skipSpace();
        if (!object(Node::Root, 0))
            return std::nullopt;
        skipSpace();
        if (m_at != m_end)
            return std::nullopt;
        return m_fields;
    }

private:
    struct Member {
        Node child = Node::Other;
        QString *field = nullptr;
        unsigned bit = 0; // to see a key of interest twice
    };

    Member memberOf(Node node, QByteArrayView key)
    {
        switch (node) {
        case Node::Root:
            if (key == "message")
                return {Node::Message, nullptr, 1};
            break;
        case Node::Message:
            if (key == "type")
                return {Node::Other, &m_fields.type, 1};
            if (key == "customer")
                return {Node::Customer, nullptr, 2};
            if (key == "phone_number")
                return {Node::PhoneNumber, nullptr, 4};
            if (key == "call")
                return {Node::Call, nullptr, 8};
            break;
        case Node::Customer:
            if (key == "number")
                return {Node::Other, &m_fields.customerNumber, 1};
            break;
        case Node::PhoneNumber:
            if (key == "number")
                return {Node::Other, &m_fields.phoneNumber, 1};
            break;
        case Node::Call:
            if (key == "id")
                return {Node::Other, &m_fields.callId, 1};
            break;
        case Node::Other:
            break;
        }
        return {};
    }

    void skipSpace()
    {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }

    bool take(char expected)
    {
        if (m_at == m_end || *m_at != expected)
            return false;
        ++m_at;
        return true;
    }

    bool object(Node node, int depth)
    {
        if (++depth > kMaxDepth || !take('{'))
            return false;
        skipSpace();
        if (take('}'))
            return true;
        unsigned seen = 0;
        while (true) {
            skipSpace();
            QByteArrayView key;
            bool escaped = false;
            if (!string(&key, &escaped))
                return false;
            // An escaped key may spell one of interest, which only the parser would see.
            if (escaped && node != Node::Other)
                return false;
            const Member member = memberOf(node, key);
            if ((seen & member.bit) != 0)
                return false;
            seen |= member.bit;
            skipSpace();
            if (!take(':'))
                return false;
            skipSpace();
            if (!value(member.child, depth, member.field))
                return false;
            skipSpace();
            if (take('}'))
                return true;
            if (!take(','))
                return false;
        }
    }

    bool array(int depth)
    {
        if (++depth > kMaxDepth || !take('['))
            return false;
        skipSpace();
        if (take(']'))
            return true;
        while (true) {
            skipSpace();
            if (!value(Node::Other, depth, nullptr))
                return false;
            skipSpace();
            if (take(']'))
                return true;
            if (!take(','))
                return false;
        }
    }

    bool value(Node node, int depth, QString *field)
    {
        if (m_at == m_end)
            return false;
        switch (*m_at) {
        case '{':
            return object(node, depth);
        case '[':
            return array(depth);
        case '"': {
            QByteArrayView text;
            bool escaped = false;
            if (!string(&text, &escaped) || (field && escaped))
                return false;
            if (field)
                *field = QString::fromLatin1(text);
            return true;
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool literal(QByteArrayView word)
    {
        if (m_end - m_at < word.size() || QByteArrayView(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }

    static bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    // Plain ASCII only: what Qt makes of other bytes (invalid UTF-8, noncharacters) is left to Qt.
    bool string(QByteArrayView *text, bool *escaped)
    {
        if (!take('"'))
            return false;
        const char *start = m_at;
        while (m_at != m_end) {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c == '"') {
                *text = QByteArrayView(start, m_at - start);
                ++m_at;
                return true;
            }
            if (c < 0x20 || c >= 0x80)
                return false;
            ++m_at;
            if (c != '\\')
                continue;
            *escaped = true;
            if (m_at == m_end)
                return false;
            const char kind = *m_at++;
            if (kind == 'u') {
                if (m_end - m_at < 4 || !isHex(m_at[0]) || !isHex(m_at[1]) || !isHex(m_at[2]) || !isHex(m_at[3]))
                    return false;
                // Surrogates, paired or not, are Qt's to judge.
                const char high = char(m_at[0] | 0x20);
                const char next = char(m_at[1] | 0x20);
                if (high == 'd' && (next == '8' || next == '9' || (next >= 'a' && next <= 'f')))
                    return false;
                m_at += 4;
            } else if (!QByteArrayView("\"\\/bfnrt").contains(kind)) {
                return false;
            }
        }
        return false;
    }

    bool number()
    {
        const char *start = m_at;
        take('-');
        if (take('0')) {
            // no leading zeros
        } else if (m_at != m_end && *m_at >= '1' && *m_at <= '9') {
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
        } else {
            return false;
        }
        if (take('.')) {
            if (m_at == m_end || !isDigit(*m_at))
                return false;
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
        }
        // Exponents and long numbers may overflow or round; Qt decides those.
        if (m_at != m_end && (*m_at == 'e' || *m_at == 'E'))
            return false;
        return m_at - start <= kMaxNumberCharacters;
    }

    const char *m_at;
    const char *const m_end;
    RequestFields m_fields;
};

} // namespace

RequestFields RequestFields::of(const QJsonValue &body)
{
    const QJsonValue message = member(body, QLatin1StringView("message"));
    const auto text = [](const QJsonValue &value) { return value.isString() ? value.toString() : QString(); };
    return {text(member(message, QLatin1StringView("type"))),
            text(member(member(message, QLatin1StringView("customer")), QLatin1StringView("number"))),
            text(member(member(message, QLatin1StringView("phone_number")), QLatin1StringView("number"))),
            text(member(member(message, QLatin1StringView("call")), QLatin1StringView("id")))};
}

std::optional<RequestFields> scanRequestFields(QByteArrayView json)
{
    return Scanner(json).run();
}

} // namespace dockside::rules
