// SPDX-License-Identifier: GPL-3.0-or-later

#include "signature.h"

#include <QMessageAuthenticationCode>

#include <algorithm>
#include <cctype>

namespace dockside::contract {

namespace {
const QByteArray kSignaturePrefix = QByteArrayLiteral("sha256=");
}

QByteArray signedPayload(qint64 timestamp, const QByteArray &body)
{
    return signedPayload(QByteArray::number(timestamp), body);
}

QByteArray signedPayload(const QByteArray &timestampText, const QByteArray &body)
{
    return timestampText + '.' + body;
}

QByteArray bodyAsTheSdkSignsIt(const QByteArray &body)
{
    static constexpr char kReplacement[] = "\xEF\xBF\xBD";
    QByteArray text;
    qsizetype copiedUpTo = 0; // bytes before this are in text already; valid runs are copied as they are
    const auto replace = [&](qsizetype from, qsizetype to) {
        if (text.isNull())
            text.reserve(body.size() + 16);
        text.append(body.constData() + copiedUpTo, from - copiedUpTo).append(kReplacement, 3);
        copiedUpTo = to;
    };
    const auto byteAt = [&body](qsizetype i) { return static_cast<unsigned char>(body[i]); };
    qsizetype i = 0;
    while (i < body.size()) {
        const unsigned char lead = byteAt(i);
        int needed = 0;
        unsigned char lower = 0x80;
        unsigned char upper = 0xBF;
        if (lead <= 0x7F) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            needed = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            needed = 2;
            lower = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            upper = lead == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            needed = 3;
            lower = lead == 0xF0 ? 0x90 : 0x80;
            upper = lead == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            replace(i, i + 1);
            ++i;
            continue;
        }
        // The sequence so far is replaced as one; the byte that broke it starts anew.
        qsizetype next = i + 1;
        bool complete = true;
        for (int seen = 0; seen < needed; ++seen, ++next) {
            if (next >= body.size() || byteAt(next) < lower || byteAt(next) > upper) {
                complete = false;
                break;
            }
            lower = 0x80;
            upper = 0xBF;
        }
        if (!complete)
            replace(i, next);
        i = next;
    }
    if (text.isNull())
        return body;
    return text.append(body.constData() + copiedUpTo, body.size() - copiedUpTo);
}

QByteArray signatureHex(const QByteArray &secret, const QByteArray &payload)
{
    return QMessageAuthenticationCode::hash(payload, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray signatureHeaderValue(const QByteArray &secret, qint64 timestamp, const QByteArray &body)
{
    return kSignaturePrefix + signatureHex(secret, signedPayload(timestamp, body));
}

bool constantTimeEquals(const QByteArray &left, const QByteArray &right)
{
    if (left.size() != right.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < left.size(); ++i)
        difference |= static_cast<unsigned char>(left[i] ^ right[i]);
    return difference == 0;
}

std::optional<qint64> parseIntLikeJavaScript(QByteArrayView text)
{
    // Beyond 2^53 JavaScript loses precision anyway; any such value is stale, so saturating changes no verdict.
    constexpr qint64 kLimit = qint64(1) << 53;
    qsizetype i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0)
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    const qsizetype firstDigit = i;
    qint64 value = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
        value = std::min(kLimit, value * 10 + (text[i] - '0'));
    if (i == firstDigit)
        return std::nullopt;
    return negative ? -value : value;
}

namespace {

bool isPlainInteger(const QByteArray &text)
{
    if (text == "0")
        return true;
    return !text.isEmpty() && text[0] >= '1' && text[0] <= '9' &&
        std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexDigits(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

SignatureCheck verifySignature(const SignatureInput &input)
{
    SignatureCheck check;
    if (input.secret.isEmpty()) {
        check.status = SignatureStatus::NoSecret;
        return check;
    }
    // Node's HTTP parser trims a header value's surrounding whitespace; the SDK sees and signs what is left.
    const QByteArray timestampText = input.timestampHeader ? input.timestampHeader->trimmed() : QByteArray();
    if (timestampText.isEmpty()) {
        check.status = SignatureStatus::MissingTimestamp;
        return check;
    }
    const std::optional<qint64> timestamp = parseIntLikeJavaScript(timestampText);
    if (!timestamp) {
        check.status = SignatureStatus::MalformedTimestamp;
        return check;
    }
    // The SDK signs the body as text: bytes that are not UTF-8 are not signed as they arrived.
    const QByteArray sdkBody = bodyAsTheSdkSignsIt(input.body);
    check.signedString = signedPayload(timestampText, sdkBody);
    const QByteArray expectedHex = signatureHex(input.secret, check.signedString);
    check.expectedSignature = kSignaturePrefix + expectedHex;
    check.ageSeconds = input.now.toSecsSinceEpoch() - *timestamp;
    if (!isPlainInteger(timestampText))
        check.warnings.append(
            QStringLiteral("The X-Webhook-Timestamp header \"%1\" is not a plain integer of Unix seconds: the SDK "
                           "reads it as %2 and signs the text as sent, so it can verify, but a stricter verifier "
                           "refuses it. Fix the sender.")
                .arg(QString::fromLatin1(timestampText))
                .arg(*timestamp));
    if (sdkBody != input.body)
        check.warnings.append(
            QStringLiteral("The body is not valid UTF-8: the SDK reads it as text before it signs, so each invalid "
                           "byte sequence counts as U+FFFD (EF BF BD) and a signature over the raw bytes does not "
                           "verify. Send UTF-8."));

    if (!input.signatureHeader || input.signatureHeader->trimmed().isEmpty()) {
        check.status = SignatureStatus::MissingSignature;
        return check;
    }
    QByteArray received = input.signatureHeader->trimmed();
    if (received.startsWith(kSignaturePrefix))
        received = received.mid(kSignaturePrefix.size());
    // Non-hex of the right length is a malformed header, not a wrong secret: say so.
    if (received.size() != expectedHex.size() || !isHexDigits(received)) {
        check.status = SignatureStatus::MalformedSignature;
        return check;
    }
    if (received != received.toLower()) {
        check.uppercaseHexMatches = constantTimeEquals(received.toLower(), expectedHex);
        check.warnings.append(
            QStringLiteral("The signature's hex digits are uppercase: the SDK compares the hex exactly as sent and "
                           "expects lowercase, so it refuses them%1.")
                .arg(check.uppercaseHexMatches ? QStringLiteral(" (lowercased, they would match)") : QString()));
    }
    // A stale timestamp is reported even when the MAC matches: the platform rejects it either way.
    if (check.ageSeconds > kSignatureToleranceSeconds || check.ageSeconds < -kSignatureToleranceSeconds) {
        check.status = SignatureStatus::StaleTimestamp;
        return check;
    }
    check.status = constantTimeEquals(received, expectedHex) ? SignatureStatus::Valid : SignatureStatus::Mismatch;
    return check;
}

QString signatureStatusCode(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return QStringLiteral("valid");
    case SignatureStatus::NoSecret:
        return QStringLiteral("no_secret");
    case SignatureStatus::MissingSignature:
        return QStringLiteral("missing_signature");
    case SignatureStatus::MissingTimestamp:
        return QStringLiteral("missing_timestamp");
    case SignatureStatus::MalformedTimestamp:
        return QStringLiteral("malformed_timestamp");
    case SignatureStatus::StaleTimestamp:
        return QStringLiteral("stale_timestamp");
    case SignatureStatus::MalformedSignature:
        return QStringLiteral("malformed_signature");
    case SignatureStatus::Mismatch:
        return QStringLiteral("mismatch");
    }
    return {};
}

std::optional<SignatureStatus> signatureStatusFromCode(const QString &code)
{
    for (const SignatureStatus status :
         {SignatureStatus::Valid, SignatureStatus::NoSecret, SignatureStatus::MissingSignature,
          SignatureStatus::MissingTimestamp, SignatureStatus::MalformedTimestamp, SignatureStatus::StaleTimestamp,
          SignatureStatus::MalformedSignature, SignatureStatus::Mismatch}) {
        if (signatureStatusCode(status) == code)
            return status;
    }
    return std::nullopt;
}

namespace {

QString describeStatus(const SignatureCheck &check)
{
    switch (check.status) {
    case SignatureStatus::Valid:
        return QStringLiteral("Signature valid.");
    case SignatureStatus::NoSecret:
        return QStringLiteral("Not checked: no webhook secret is configured.");
    case SignatureStatus::MissingSignature:
        return QStringLiteral("The X-Webhook-Signature header is missing.");
    case SignatureStatus::MissingTimestamp:
        return QStringLiteral("The X-Webhook-Timestamp header is missing.");
    case SignatureStatus::MalformedTimestamp:
        return QStringLiteral("The X-Webhook-Timestamp header does not start with a number (Unix seconds).");
    case SignatureStatus::StaleTimestamp:
        return QStringLiteral("The timestamp is %1 s away from now; the platform accepts at most %2 s.")
            .arg(check.ageSeconds)
            .arg(kSignatureToleranceSeconds);
    case SignatureStatus::MalformedSignature:
        return QStringLiteral("The X-Webhook-Signature header is not \"sha256=\" followed by 64 hex digits.");
    case SignatureStatus::Mismatch:
        if (check.uppercaseHexMatches)
            return QStringLiteral("The signature does not match as sent.");
        return QStringLiteral("The signature does not match: the secret differs, or the body was changed "
                              "(re-serialised JSON counts as changed).");
    }
    return {};
}

} // namespace

QString describeSignatureCheck(const SignatureCheck &check)
{
    QStringList sentences {describeStatus(check)};
    sentences.append(check.warnings);
    return sentences.join(QLatin1Char(' '));
}

} // namespace dockside::contract
