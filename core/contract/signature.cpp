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
    return QByteArray::number(timestamp) + '.' + body;
}

QByteArray signatureHeaderValue(const QByteArray &secret, qint64 timestamp, const QByteArray &body)
{
    const QByteArray mac =
        QMessageAuthenticationCode::hash(signedPayload(timestamp, body), secret, QCryptographicHash::Sha256);
    return kSignaturePrefix + mac.toHex();
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

SignatureCheck verifySignature(const SignatureInput &input)
{
    SignatureCheck check;
    if (input.secret.isEmpty()) {
        check.status = SignatureStatus::NoSecret;
        return check;
    }
    if (!input.timestampHeader || input.timestampHeader->trimmed().isEmpty()) {
        check.status = SignatureStatus::MissingTimestamp;
        return check;
    }
    bool isNumber = false;
    const QByteArray timestampText = input.timestampHeader->trimmed();
    const qint64 timestamp = timestampText.toLongLong(&isNumber);
    if (!isNumber || timestamp < 0) {
        check.status = SignatureStatus::MalformedTimestamp;
        return check;
    }
    check.signedString = signedPayload(timestamp, input.body);
    check.expectedSignature = signatureHeaderValue(input.secret, timestamp, input.body);
    check.ageSeconds = input.now.toSecsSinceEpoch() - timestamp;

    if (!input.signatureHeader || input.signatureHeader->trimmed().isEmpty()) {
        check.status = SignatureStatus::MissingSignature;
        return check;
    }
    QByteArray received = input.signatureHeader->trimmed();
    if (received.startsWith(kSignaturePrefix))
        received = received.mid(kSignaturePrefix.size());
    const QByteArray expectedHex = check.expectedSignature.mid(kSignaturePrefix.size());
    const bool isHex = std::all_of(received.cbegin(), received.cend(),
                                   [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    // Non-hex of the right length is a malformed header, not a wrong secret: say so.
    if (received.size() != expectedHex.size() || !isHex) {
        check.status = SignatureStatus::MalformedSignature;
        return check;
    }
    // A stale timestamp is reported even when the MAC matches: the platform rejects it either way.
    if (check.ageSeconds > kSignatureToleranceSeconds || check.ageSeconds < -kSignatureToleranceSeconds) {
        check.status = SignatureStatus::StaleTimestamp;
        return check;
    }
    check.status =
        constantTimeEquals(received.toLower(), expectedHex) ? SignatureStatus::Valid : SignatureStatus::Mismatch;
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

QString describeSignatureCheck(const SignatureCheck &check)
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
        return QStringLiteral("The X-Webhook-Timestamp header is not a Unix time in seconds.");
    case SignatureStatus::StaleTimestamp:
        return QStringLiteral("The timestamp is %1 s away from now; the platform accepts at most %2 s.")
            .arg(check.ageSeconds)
            .arg(kSignatureToleranceSeconds);
    case SignatureStatus::MalformedSignature:
        return QStringLiteral("The X-Webhook-Signature header is not \"sha256=\" followed by 64 hex digits.");
    case SignatureStatus::Mismatch:
        return QStringLiteral("The signature does not match: the secret differs, or the body was changed "
                              "(re-serialised JSON counts as changed).");
    }
    return {};
}

} // namespace dockside::contract
