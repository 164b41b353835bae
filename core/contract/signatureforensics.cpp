// SPDX-License-Identifier: GPL-3.0-or-later

#include "signatureforensics.h"

#include "signature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <memory>
#include <vector>

namespace dockside::contract {

namespace {

const QByteArray kPrefix = QByteArrayLiteral("sha256=");
const QByteArray kWhsec = QByteArrayLiteral("whsec_");
// Body variants cost one HMAC each, timestamp searches about two thousand: a flood of bad signatures must not turn
// the mock endpoint into a hashing service, so larger bodies get the cheap searches only.
constexpr qsizetype kMaxBodyForVariants = 1024 * 1024;
constexpr qsizetype kMaxBodyForTimestampSearch = 64 * 1024;
constexpr qint64 kNearbySeconds = 120;

const char *const kSignatureAliases[] = {"X-Signature",       "X-Hub-Signature-256",     "X-Hub-Signature",
                                         "Webhook-Signature", "X-Webhook-Signature-256", "X-Signature-256",
                                         "Signature",         "X-Webhooks-Signature"};
const char *const kTimestampAliases[] = {"X-Timestamp", "Webhook-Timestamp", "X-Signature-Timestamp",
                                         "X-Webhooks-Timestamp", "Timestamp"};

std::optional<QByteArray> headerValue(const base::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return std::nullopt;
}

// ---- An order-keeping JSON tree, so that re-serialisations differ from the body only where a serialiser would.

struct JsonMember;

struct JsonNode {
    enum class Kind { Object, Array, String, Literal };
    Kind kind = Kind::Literal;
    QString text; // a string's decoded value, or a number/true/false/null as written
    // A named member struct: std::pair of this still incomplete type does not compile under clang (the fuzz build).
    std::vector<JsonMember> members; // objects
    std::vector<JsonNode> elements; // arrays
};

struct JsonMember {
    QString key;
    JsonNode value;
};

class JsonReader {
public:
    explicit JsonReader(const QByteArray &bytes)
        : m_bytes(bytes)
    {
    }

    std::optional<JsonNode> document()
    {
        std::optional<JsonNode> node = value(0);
        skipSpace();
        if (!node || m_at != m_bytes.size())
            return std::nullopt;
        return node;
    }

private:
    void skipSpace()
    {
        while (m_at < m_bytes.size() &&
               (m_bytes[m_at] == ' ' || m_bytes[m_at] == '\n' || m_bytes[m_at] == '\r' || m_bytes[m_at] == '\t'))
            ++m_at;
    }

    bool take(char c)
    {
        skipSpace();
        if (m_at < m_bytes.size() && m_bytes[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    std::optional<QString> string()
    {
        if (!take('"'))
            return std::nullopt;
        QByteArray raw;
        while (m_at < m_bytes.size() && m_bytes[m_at] != '"') {
            if (m_bytes[m_at] == '\\') {
                const qsizetype length = m_at + 1 < m_bytes.size() && m_bytes[m_at + 1] == 'u' ? 6 : 2;
                raw += m_bytes.mid(m_at, length);
                m_at += length;
            } else {
                raw += m_bytes[m_at++];
            }
        }
        if (m_at >= m_bytes.size())
            return std::nullopt;
        ++m_at;
        // The document was validated first; Qt decodes the escapes, surrogate pairs included.
        const QJsonDocument wrapped = QJsonDocument::fromJson(QByteArray("[\"" + raw + "\"]"));
        return wrapped.array().at(0).toString();
    }

    std::optional<JsonNode> value(int depth)
    {
        if (depth > 64)
            return std::nullopt;
        skipSpace();
        if (m_at >= m_bytes.size())
            return std::nullopt;
        JsonNode node;
        const char first = m_bytes[m_at];
        if (first == '{') {
            ++m_at;
            node.kind = JsonNode::Kind::Object;
            if (take('}'))
                return node;
            do {
                std::optional<QString> key = string();
                if (!key || !take(':'))
                    return std::nullopt;
                std::optional<JsonNode> member = value(depth + 1);
                if (!member)
                    return std::nullopt;
                node.members.push_back(JsonMember {std::move(*key), std::move(*member)});
            } while (take(','));
            return take('}') ? std::optional<JsonNode>(std::move(node)) : std::nullopt;
        }
        if (first == '[') {
            ++m_at;
            node.kind = JsonNode::Kind::Array;
            if (take(']'))
                return node;
            do {
                std::optional<JsonNode> element = value(depth + 1);
                if (!element)
                    return std::nullopt;
                node.elements.push_back(std::move(*element));
            } while (take(','));
            return take(']') ? std::optional<JsonNode>(std::move(node)) : std::nullopt;
        }
        if (first == '"') {
            std::optional<QString> text = string();
            if (!text)
                return std::nullopt;
            node.kind = JsonNode::Kind::String;
            node.text = std::move(*text);
            return node;
        }
        const qsizetype start = m_at;
        while (m_at < m_bytes.size() && QByteArrayView(",]} \t\r\n").indexOf(m_bytes[m_at]) < 0)
            ++m_at;
        node.text = QString::fromUtf8(m_bytes.mid(start, m_at - start));
        return node;
    }

    const QByteArray &m_bytes;
    qsizetype m_at = 0;
};

enum class Layout { Compact, Spaced, Indent2, Indent4 };

struct Style {
    Layout layout = Layout::Compact;
    bool sortKeys = false;
    bool asciiEscapes = false;
};

QByteArray escaped(char16_t u)
{
    switch (u) {
    case u'"':
        return QByteArrayLiteral("\\\"");
    case u'\\':
        return QByteArrayLiteral("\\\\");
    case u'\b':
        return QByteArrayLiteral("\\b");
    case u'\f':
        return QByteArrayLiteral("\\f");
    case u'\n':
        return QByteArrayLiteral("\\n");
    case u'\r':
        return QByteArrayLiteral("\\r");
    case u'\t':
        return QByteArrayLiteral("\\t");
    default:
        return QByteArrayLiteral("\\u") + QByteArray::number(u, 16).rightJustified(4, '0');
    }
}

// As JSON.stringify writes a string; with asciiEscapes as Python's json.dumps does (ensure_ascii, lowercase hex,
// a surrogate pair as two escapes).
QByteArray quoted(const QString &text, bool asciiEscapes)
{
    QByteArray out = "\"";
    qsizetype runStart = 0;
    // Plain runs are encoded whole, so a surrogate pair stays one UTF-8 character.
    const auto flush = [&](qsizetype end) { out += QStringView(text).mid(runStart, end - runStart).toUtf8(); };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= 0x20 && u != u'"' && u != u'\\' && !(asciiEscapes && u > 0x7f))
            continue;
        flush(i);
        out += escaped(u);
        runStart = i + 1;
    }
    flush(text.size());
    return out + '"';
}

void write(const JsonNode &node, const Style &style, int depth, QByteArray &out)
{
    const bool indented = style.layout == Layout::Indent2 || style.layout == Layout::Indent4;
    const QByteArray unit = style.layout == Layout::Indent4 ? QByteArray(4, ' ') : QByteArray(2, ' ');
    const auto newline = [&](int level) {
        out += '\n';
        for (int i = 0; i < level; ++i)
            out += unit;
    };
    const QByteArray itemSeparator = style.layout == Layout::Spaced ? QByteArrayLiteral(", ") : QByteArrayLiteral(",");
    const QByteArray keySeparator = style.layout == Layout::Compact ? QByteArrayLiteral(":") : QByteArrayLiteral(": ");
    switch (node.kind) {
    case JsonNode::Kind::Literal:
        out += node.text.toUtf8();
        return;
    case JsonNode::Kind::String:
        out += quoted(node.text, style.asciiEscapes);
        return;
    case JsonNode::Kind::Array:
        out += '[';
        for (std::size_t i = 0; i < node.elements.size(); ++i) {
            if (i > 0)
                out += itemSeparator;
            if (indented)
                newline(depth + 1);
            write(node.elements[i], style, depth + 1, out);
        }
        if (indented && !node.elements.empty())
            newline(depth);
        out += ']';
        return;
    case JsonNode::Kind::Object: {
        std::vector<const JsonMember *> members;
        for (const auto &member : node.members)
            members.push_back(&member);
        if (style.sortKeys)
            std::stable_sort(members.begin(), members.end(),
                             [](const auto *left, const auto *right) { return left->key < right->key; });
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                out += itemSeparator;
            if (indented)
                newline(depth + 1);
            out += quoted(members[i]->key, style.asciiEscapes) + keySeparator;
            write(members[i]->value, style, depth + 1, out);
        }
        if (indented && !members.empty())
            newline(depth);
        out += '}';
        return;
    }
    }
}

struct BodyVariant {
    QString code;
    QString description;
    QByteArray body;
};

QString layoutDescription(Layout layout)
{
    switch (layout) {
    case Layout::Compact:
        return QStringLiteral("compact (no spaces)");
    case Layout::Spaced:
        return QStringLiteral("on one line with a space after every comma and colon (Python's json.dumps)");
    case Layout::Indent2:
        return QStringLiteral("pretty-printed with 2-space indents (JSON.stringify(body, null, 2))");
    case Layout::Indent4:
        return QStringLiteral("pretty-printed with 4-space indents");
    }
    return {};
}

// The body as other serialisers would write the same JSON, most common first; then a trailing newline added or
// removed. Each is what the sender may have signed while another serialisation went over the wire.
std::vector<BodyVariant> bodyVariants(const QByteArray &body)
{
    std::vector<BodyVariant> variants;
    if (body.endsWith('\n'))
        variants.push_back({QStringLiteral("body_trailing_newline"),
                            QStringLiteral("the body without its trailing newline: the newline was added after "
                                           "signing"),
                            body.endsWith("\r\n") ? body.chopped(2) : body.chopped(1)});
    else
        variants.push_back({QStringLiteral("body_trailing_newline"),
                            QStringLiteral("the body with a trailing newline: the sender signed a newline that was "
                                           "not sent"),
                            body + '\n'});

    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return variants;
    const std::optional<JsonNode> tree = JsonReader(body).document();
    if (!tree)
        return variants;
    for (const bool asciiEscapes : {false, true}) {
        for (const bool sortKeys : {false, true}) {
            for (const Layout layout : {Layout::Compact, Layout::Spaced, Layout::Indent2, Layout::Indent4}) {
                QByteArray text;
                write(*tree, {layout, sortKeys, asciiEscapes}, 0, text);
                QString code;
                if (asciiEscapes)
                    code = QStringLiteral("body_unicode_escapes");
                else if (sortKeys)
                    code = QStringLiteral("body_sorted_keys");
                else if (layout == Layout::Compact)
                    code = QStringLiteral("body_compact");
                else if (layout == Layout::Spaced)
                    code = QStringLiteral("body_spaced");
                else
                    code = QStringLiteral("body_pretty");
                QString description = QStringLiteral("the body re-serialised ") + layoutDescription(layout);
                if (sortKeys)
                    description += QStringLiteral(", keys sorted");
                if (asciiEscapes)
                    description += QStringLiteral(", non-ASCII characters as \\u escapes");
                for (const bool newline : {false, true}) {
                    const QByteArray candidate = newline ? text + '\n' : text;
                    if (candidate != body)
                        variants.push_back(
                            {code, description + (newline ? QStringLiteral(", with a trailing newline") : QString()),
                             candidate});
                }
            }
        }
    }
    return variants;
}

class Matcher {
public:
    Matcher(QByteArray receivedHex)
        : m_receivedHex(std::move(receivedHex))
    {
    }

    bool matches(const QByteArray &secret, const QByteArray &signedString) const
    {
        return !m_receivedHex.isEmpty() && constantTimeEquals(signatureHex(secret, signedString), m_receivedHex);
    }

private:
    QByteArray m_receivedHex;
};

// The hex the sender sent, lowercased (uppercase is reported by the check itself); empty when it is not 64 hex digits.
QByteArray receivedHex(QByteArray header)
{
    header = header.trimmed();
    if (header.startsWith(kPrefix))
        header = header.mid(kPrefix.size());
    header = header.toLower();
    const bool isHex = header.size() == 64 && std::all_of(header.cbegin(), header.cend(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                       });
    return isHex ? header : QByteArray();
}

QString seconds(qint64 value)
{
    return QString::number(value) + QStringLiteral(" s");
}

QString clockDifference(qint64 aheadBy)
{
    if (aheadBy == 0)
        return QStringLiteral("the clocks agree");
    return QStringLiteral("the sender's clock is ") + seconds(aheadBy < 0 ? -aheadBy : aheadBy) +
        (aheadBy < 0 ? QStringLiteral(" behind") : QStringLiteral(" ahead of")) + QStringLiteral(" this one");
}

// What reproduces a signature that does not match: the first candidate that does wins.
std::optional<SignatureDiagnosis> explainMismatch(const Matcher &matcher, const QByteArray &timestampText,
                                                  qint64 timestamp, const QByteArray &body, const QByteArray &secret,
                                                  qint64 now)
{
    const QByteArray sdkBody = bodyAsTheSdkSignsIt(body);
    const QByteArray signedString = signedPayload(timestampText, sdkBody);
    if (sdkBody != body && matcher.matches(secret, signedPayload(timestampText, body)))
        return SignatureDiagnosis {
            QStringLiteral("body_not_utf8"),
            QStringLiteral("The signature matches the body's bytes as they arrived, but the body is not valid UTF-8: "
                           "the platform's SDK reads the body as text before it verifies, so each invalid byte "
                           "sequence counts as U+FFFD and the signature fails there. Send the body as UTF-8.")};

    struct SecretVariant {
        QByteArray secret;
        QString code;
        QString why;
    };
    const QString prefixCode = QStringLiteral("secret_whsec_prefix");
    const QString spaceCode = QStringLiteral("secret_whitespace");
    std::vector<SecretVariant> secrets;
    if (secret.startsWith(kWhsec))
        secrets.push_back({secret.mid(kWhsec.size()), prefixCode,
                           QStringLiteral("without its \"whsec_\" prefix: the sender signs with the secret minus "
                                          "\"whsec_\", or Dockside has the prefix and the sender does not")});
    else
        secrets.push_back({kWhsec + secret, prefixCode,
                           QStringLiteral("with a \"whsec_\" prefix: the sender signs with the whole secret, "
                                          "\"whsec_\" included, and Dockside has it without")});
    if (secret.trimmed() != secret)
        secrets.push_back({secret.trimmed(), spaceCode,
                           QStringLiteral("without the whitespace around the secret Dockside checks with: trim the "
                                          "configured secret")});
    const std::pair<QByteArray, QString> trailing[] = {{QByteArrayLiteral("\n"), QStringLiteral("\\n")},
                                                       {QByteArrayLiteral("\r\n"), QStringLiteral("\\r\\n")},
                                                       {QByteArrayLiteral(" "), QStringLiteral("a space")}};
    for (const auto &[extra, name] : trailing)
        secrets.push_back({secret.trimmed() + extra, spaceCode,
                           QStringLiteral("with %1 after it: the sender read the secret with a trailing newline or "
                                          "space, from a file or an environment variable")
                               .arg(name)});
    secrets.push_back({" " + secret.trimmed(), spaceCode,
                       QStringLiteral("with a space before it: the sender's secret has leading whitespace")});
    for (const SecretVariant &variant : secrets) {
        if (variant.secret != secret && matcher.matches(variant.secret, signedString))
            return SignatureDiagnosis {variant.code,
                                       QStringLiteral("The signature matches the secret ") + variant.why + u'.'};
    }

    if (body.size() <= kMaxBodyForVariants) {
        for (const BodyVariant &variant : bodyVariants(body)) {
            if (matcher.matches(secret, signedPayload(timestampText, variant.body)))
                return SignatureDiagnosis {
                    variant.code,
                    QStringLiteral("The signature matches ") + variant.description +
                        QStringLiteral(": the bytes that were signed are not the bytes that arrived. Sign the exact "
                                       "body you send, and verify the raw body before any JSON parser touches it.")};
        }
    }

    if (matcher.matches(secret, kPrefix + signedString))
        return SignatureDiagnosis {QStringLiteral("prefix_hashed"),
                                   QStringLiteral("The signature matches \"sha256=\" + \"<timestamp>.<body>\": the "
                                                  "sender hashed the header's \"sha256=\" prefix in. The prefix goes "
                                                  "in front of the hex, not into the HMAC.")};
    if (matcher.matches(secret, body))
        return SignatureDiagnosis {QStringLiteral("timestamp_not_signed"),
                                   QStringLiteral("The signature matches the body alone: the sender left out "
                                                  "\"<timestamp>.\" in front of the body.")};

    if (body.size() <= kMaxBodyForTimestampSearch) {
        // A header in seconds, a signature over Date.now() in milliseconds: that reading lies in the same second.
        if (timestamp >= 0 && timestamp < (qint64(1) << 43)) {
            for (qint64 ms = timestamp * 1000; ms < timestamp * 1000 + 1000; ++ms) {
                if (matcher.matches(secret, signedPayload(ms, body)))
                    return SignatureDiagnosis {QStringLiteral("timestamp_milliseconds"),
                                               QStringLiteral("The signature matches timestamp %1, in milliseconds, "
                                                              "while the header says %2 seconds: sign the same Unix "
                                                              "seconds you send.")
                                                   .arg(ms)
                                                   .arg(QString::fromLatin1(timestampText))};
            }
        }
        // Another reading of the clock than the one sent, near the header's value or near now.
        for (qint64 offset = 1; offset <= kNearbySeconds; ++offset) {
            for (const qint64 base : {timestamp, now}) {
                for (const qint64 candidate : {base - offset, base + offset}) {
                    if (candidate < 0 || candidate == timestamp)
                        continue;
                    if (matcher.matches(secret, signedPayload(candidate, body)))
                        return SignatureDiagnosis {
                            QStringLiteral("clock_skew"),
                            QStringLiteral("The signature matches the body with timestamp %1, %2 from the "
                                           "X-Webhook-Timestamp value %3: the sender signs one clock reading and "
                                           "sends another; against the signed one, %4.")
                                .arg(candidate)
                                .arg(seconds(candidate - timestamp), QString::fromLatin1(timestampText),
                                     clockDifference(candidate - now))};
                }
            }
        }
    }
    return std::nullopt;
}

SignatureDiagnosis secretDiffers()
{
    return {QStringLiteral("secret_differs"),
            QStringLiteral("Nothing Dockside tried reproduces the signature (the body re-serialised, the timestamp in "
                           "milliseconds or off by a few seconds, the secret with or without \"whsec_\" or "
                           "whitespace): the secret is most likely different. Compare the assistant's webhook secret "
                           "with the one Dockside checks with.")};
}

} // namespace

std::optional<SignatureDiagnosis> diagnoseSignature(const ForensicsInput &input)
{
    SignatureInput check;
    check.signatureHeader = headerValue(input.headers, kSignatureHeader);
    check.timestampHeader = headerValue(input.headers, kTimestampHeader);
    check.body = input.body;
    check.secret = input.secret;
    check.now = input.now;
    const SignatureCheck verdict = verifySignature(check);
    if (verdict.status == SignatureStatus::Valid || verdict.status == SignatureStatus::NoSecret)
        return std::nullopt;
    const qint64 now = input.now.toSecsSinceEpoch();

    // A header under another name: say so, and whether its value would verify under the right one.
    const auto renamed = [&](const char *const *aliases, std::size_t count, const char *wanted,
                             bool signature) -> std::optional<SignatureDiagnosis> {
        for (std::size_t i = 0; i < count; ++i) {
            const std::optional<QByteArray> value = headerValue(input.headers, aliases[i]);
            if (!value || value->isEmpty())
                continue;
            SignatureInput fixedCheck = check;
            (signature ? fixedCheck.signatureHeader : fixedCheck.timestampHeader) = *value;
            const bool verifies = verifySignature(fixedCheck).isValid();
            return SignatureDiagnosis {
                QStringLiteral("header_renamed"),
                QStringLiteral("%1 is missing, but %2 is present: the sender uses another header name.%3")
                    .arg(QLatin1String(wanted), QLatin1String(aliases[i]),
                         verifies ? QStringLiteral(" Under the right name its value verifies.")
                                  : QStringLiteral(" Its value does not verify under the right name either."))};
        }
        return std::nullopt;
    };

    switch (verdict.status) {
    case SignatureStatus::MissingSignature:
        if (auto diagnosis = renamed(kSignatureAliases, std::size(kSignatureAliases), kSignatureHeader, true))
            return diagnosis;
        return SignatureDiagnosis {QStringLiteral("signature_missing"),
                                   QStringLiteral("No signature header under any usual name: the sender does not "
                                                  "sign. Is a webhook secret set on the assistant?")};
    case SignatureStatus::MissingTimestamp: {
        if (auto diagnosis = renamed(kTimestampAliases, std::size(kTimestampAliases), kTimestampHeader, false))
            return diagnosis;
        const QByteArray hex = receivedHex(check.signatureHeader.value_or(QByteArray()));
        if (Matcher(hex).matches(input.secret, input.body))
            return SignatureDiagnosis {QStringLiteral("timestamp_not_signed"),
                                       QStringLiteral("No X-Webhook-Timestamp, and the signature matches the body "
                                                      "alone: the sender signs without a timestamp. Sign "
                                                      "\"<timestamp>.<body>\" and send the timestamp too.")};
        return SignatureDiagnosis {QStringLiteral("timestamp_missing"),
                                   QStringLiteral("No X-Webhook-Timestamp header under any usual name: the platform "
                                                  "always sends one, so this request did not come from it or a "
                                                  "proxy dropped the header.")};
    }
    case SignatureStatus::MalformedTimestamp: {
        const QString text = QString::fromLatin1(check.timestampHeader.value_or(QByteArray()).trimmed());
        if (QDateTime::fromString(text, Qt::RFC2822Date).isValid() ||
            QDateTime::fromString(text, Qt::ISODate).isValid())
            return SignatureDiagnosis {QStringLiteral("timestamp_not_seconds"),
                                       QStringLiteral("The X-Webhook-Timestamp header \"%1\" is a date, not Unix "
                                                      "seconds: send the seconds since 1970 as an integer.")
                                           .arg(text)};
        return SignatureDiagnosis {QStringLiteral("timestamp_not_seconds"),
                                   QStringLiteral("The X-Webhook-Timestamp header \"%1\" is not a number: send the "
                                                  "Unix time in seconds as an integer.")
                                       .arg(text)};
    }
    case SignatureStatus::MalformedSignature: {
        QByteArray header = check.signatureHeader.value_or(QByteArray()).trimmed();
        if (header.startsWith(QByteArray(kPrefix + kPrefix)) && receivedHex(header.mid(kPrefix.size())).size() == 64) {
            const Matcher matcher(receivedHex(header.mid(kPrefix.size())));
            const bool verifies = matcher.matches(input.secret, verdict.signedString);
            return SignatureDiagnosis {
                QStringLiteral("prefix_doubled"),
                QStringLiteral("The X-Webhook-Signature header starts with \"sha256=\" twice: "
                               "the sender adds the prefix to a value that already has it.%1")
                    .arg(verifies ? QStringLiteral(" With one prefix it verifies.") : QString())};
        }
        const QByteArray decoded =
            QByteArray::fromBase64(header.startsWith(kPrefix) ? header.mid(kPrefix.size()) : header);
        if (decoded.size() == 32 && Matcher(decoded.toHex()).matches(input.secret, verdict.signedString))
            return SignatureDiagnosis {QStringLiteral("signature_base64"),
                                       QStringLiteral("The signature is the right HMAC in base64: the platform sends "
                                                      "and expects 64 lowercase hex digits.")};
        return SignatureDiagnosis {QStringLiteral("signature_malformed"),
                                   QStringLiteral("The X-Webhook-Signature header is not \"sha256=\" followed by 64 "
                                                  "hex digits, so there is nothing to compare.")};
    }
    case SignatureStatus::StaleTimestamp:
    case SignatureStatus::Mismatch: {
        const QByteArray timestampText = check.timestampHeader.value_or(QByteArray()).trimmed();
        const qint64 timestamp = parseIntLikeJavaScript(timestampText).value_or(0);
        const Matcher matcher(receivedHex(check.signatureHeader.value_or(QByteArray())));
        if (verdict.status == SignatureStatus::StaleTimestamp && matcher.matches(input.secret, verdict.signedString)) {
            if (timestamp > (qint64(1) << 40) && qAbs(now - timestamp / 1000) <= kSignatureToleranceSeconds)
                return SignatureDiagnosis {QStringLiteral("timestamp_milliseconds"),
                                           QStringLiteral("The signature matches, but the X-Webhook-Timestamp %1 is "
                                                          "in milliseconds: send Unix seconds (and sign those).")
                                               .arg(QString::fromLatin1(timestampText))};
            return SignatureDiagnosis {QStringLiteral("clock_skew"),
                                       QStringLiteral("The signature matches; only the age fails: %1 (the platform "
                                                      "allows %2). Synchronise the clocks (NTP), or the request was "
                                                      "replayed.")
                                           .arg(clockDifference(timestamp - now), seconds(kSignatureToleranceSeconds))};
        }
        if (verdict.uppercaseHexMatches && verdict.status == SignatureStatus::Mismatch)
            return SignatureDiagnosis {QStringLiteral("uppercase_hex"),
                                       QStringLiteral("The signature is right but its hex digits are uppercase; the "
                                                      "platform's SDK compares the hex exactly and refuses it. Send "
                                                      "lowercase hex.")};
        if (auto diagnosis = explainMismatch(matcher, timestampText, timestamp, input.body, input.secret, now))
            return diagnosis;
        return secretDiffers();
    }
    case SignatureStatus::Valid:
    case SignatureStatus::NoSecret:
        break;
    }
    return std::nullopt;
}

QStringList signatureDiagnosisCodes()
{
    return {QStringLiteral("header_renamed"),
            QStringLiteral("signature_missing"),
            QStringLiteral("timestamp_missing"),
            QStringLiteral("timestamp_not_signed"),
            QStringLiteral("timestamp_not_seconds"),
            QStringLiteral("prefix_doubled"),
            QStringLiteral("signature_base64"),
            QStringLiteral("signature_malformed"),
            QStringLiteral("timestamp_milliseconds"),
            QStringLiteral("clock_skew"),
            QStringLiteral("uppercase_hex"),
            QStringLiteral("secret_whsec_prefix"),
            QStringLiteral("secret_whitespace"),
            QStringLiteral("body_trailing_newline"),
            QStringLiteral("body_compact"),
            QStringLiteral("body_spaced"),
            QStringLiteral("body_pretty"),
            QStringLiteral("body_sorted_keys"),
            QStringLiteral("body_unicode_escapes"),
            QStringLiteral("body_not_utf8"),
            QStringLiteral("prefix_hashed"),
            QStringLiteral("secret_differs")};
}

} // namespace dockside::contract
