// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::contract {

inline constexpr auto kEventHeader = "X-Webhook-Event";
inline constexpr auto kTimestampHeader = "X-Webhook-Timestamp";
inline constexpr auto kSignatureHeader = "X-Webhook-Signature";
inline constexpr qint64 kSignatureToleranceSeconds = 300;

// The exact string the platform signs: "<timestamp>.<raw body>".
QByteArray signedPayload(qint64 timestamp, const QByteArray &body);
// The string the SDK's verifier signs: the timestamp header's text as sent, a dot, the raw body.
QByteArray signedPayload(const QByteArray &timestampText, const QByteArray &body);

// The body as the SDK's verifier signs it: Node's Buffer.toString("utf-8"), then UTF-8 again for the HMAC. Valid UTF-8
// comes back unchanged; each invalid sequence (a maximal subpart, as the WHATWG decoder reads it) becomes U+FFFD.
QByteArray bodyAsTheSdkSignsIt(const QByteArray &body);

// HMAC-SHA256(secret, payload) as lowercase hex.
QByteArray signatureHex(const QByteArray &secret, const QByteArray &payload);

// JavaScript's parseInt(text, 10), as the SDK reads the timestamp: leading whitespace, an optional sign, the leading
// digits up to the first non-digit; nullopt (NaN) without digits. Saturates instead of losing precision.
std::optional<qint64> parseIntLikeJavaScript(QByteArrayView text);

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
    // What the SDK's leniency lets pass but a sender should fix, and why a mismatch happened when the header
    // itself tells (uppercase hex). Sentences, shown after the verdict.
    QStringList warnings;
    bool uppercaseHexMatches = false; // the hex was uppercase and matches once lowercased

    bool isValid() const { return status == SignatureStatus::Valid; }
};

// Exactly as the platform's SDK (Webhooks.verify) decides, naming the first reason it refuses.
SignatureCheck verifySignature(const SignatureInput &input);

// A short code for logs and JSON ("stale_timestamp").
QString signatureStatusCode(SignatureStatus status);
// The status a code names, as the history stores it; nullopt for an empty or unknown code.
std::optional<SignatureStatus> signatureStatusFromCode(const QString &code);
// A sentence that says what failed and what to do about it.
QString describeSignatureCheck(const SignatureCheck &check);

} // namespace dockside::contract
