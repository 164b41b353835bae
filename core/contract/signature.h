#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace dockside::contract {

inline constexpr auto kEventHeader = "X-Webhook-Event";
inline constexpr auto kTimestampHeader = "X-Webhook-Timestamp";
inline constexpr auto kSignatureHeader = "X-Webhook-Signature";
inline constexpr qint64 kSignatureToleranceSeconds = 300;

// The exact string the platform signs: "<timestamp>.<raw body>".
QByteArray signedPayload(qint64 timestamp, const QByteArray &body);

// The X-Webhook-Signature value: "sha256=<hex HMAC-SHA256(secret, signedPayload)>".
QByteArray signatureHeaderValue(const QByteArray &secret, qint64 timestamp, const QByteArray &body);

bool constantTimeEquals(const QByteArray &left, const QByteArray &right);

enum class SignatureStatus {
    Valid,
    NoSecret,
    MissingSignature,
    MissingTimestamp,
    MalformedTimestamp,
    StaleTimestamp,
    MalformedSignature,
    Mismatch,
};

struct SignatureInput {
    std::optional<QByteArray> signatureHeader;
    std::optional<QByteArray> timestampHeader;
    QByteArray body;
    QByteArray secret;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

struct SignatureCheck {
    SignatureStatus status = SignatureStatus::Valid;
    QByteArray signedString;
    QByteArray expectedSignature;
    qint64 ageSeconds = 0;

    bool isValid() const { return status == SignatureStatus::Valid; }
};

SignatureCheck verifySignature(const SignatureInput &input);

// A short code for logs and JSON ("stale_timestamp").
QString signatureStatusCode(SignatureStatus status);
// The status a code names, as the history stores it; nullopt for an empty or unknown code.
std::optional<SignatureStatus> signatureStatusFromCode(const QString &code);
// A sentence that says what failed and what to do about it.
QString describeSignatureCheck(const SignatureCheck &check);

} // namespace dockside::contract
