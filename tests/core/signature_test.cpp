#include "contract/signature.h"

#include "qtprinters.h"

#include <gtest/gtest.h>

namespace {

using dockside::contract::constantTimeEquals;
using dockside::contract::SignatureCheck;
using dockside::contract::SignatureInput;
using dockside::contract::SignatureStatus;
using dockside::contract::signatureStatusCode;
using dockside::contract::verifySignature;

const QByteArray kSecret = QByteArrayLiteral("whsec_test_secret_12345");
constexpr qint64 kTimestamp = 1700000000;
const QByteArray kBody = QByteArrayLiteral("{\"test\":true}");
// printf '%s' '1700000000.{"test":true}' | openssl dgst -sha256 -hmac whsec_test_secret_12345
const QByteArray kExpectedHex = QByteArrayLiteral("b7875b4bd3cc6c5c1a4453189b5fa746880c17cb42258530a7355906dbc5ec1d");

// A request for the known vector, checked at the moment it was signed.
SignatureInput knownVectorInput()
{
    SignatureInput input;
    input.signatureHeader = QByteArrayLiteral("sha256=") + kExpectedHex;
    input.timestampHeader = QByteArray::number(kTimestamp);
    input.body = kBody;
    input.secret = kSecret;
    input.now = QDateTime::fromSecsSinceEpoch(kTimestamp, Qt::UTC);
    return input;
}

TEST(Signature, KnownVectorProducesExpectedHeaderValue)
{
    EXPECT_EQ(dockside::contract::signatureHeaderValue(kSecret, kTimestamp, kBody),
              QByteArrayLiteral("sha256=") + kExpectedHex);
}

TEST(Signature, SignedStringIsTimestampDotRawBody)
{
    EXPECT_EQ(dockside::contract::signedPayload(kTimestamp, kBody), QByteArrayLiteral("1700000000.{\"test\":true}"));

    const SignatureCheck check = verifySignature(knownVectorInput());
    EXPECT_EQ(check.signedString, QByteArrayLiteral("1700000000.{\"test\":true}"));
    EXPECT_EQ(check.expectedSignature, QByteArrayLiteral("sha256=") + kExpectedHex);
}

TEST(Signature, ValidWithPrefix)
{
    const SignatureCheck check = verifySignature(knownVectorInput());
    EXPECT_EQ(check.status, SignatureStatus::Valid);
    EXPECT_TRUE(check.isValid());
    EXPECT_EQ(check.ageSeconds, 0);
}

TEST(Signature, ValidWithoutPrefix)
{
    SignatureInput input = knownVectorInput();
    input.signatureHeader = kExpectedHex;
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::Valid);
}

TEST(Signature, WrongSecretIsMismatch)
{
    SignatureInput input = knownVectorInput();
    input.secret = QByteArrayLiteral("whsec_test_secret_12346");
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::Mismatch);
    EXPECT_FALSE(check.isValid());
    EXPECT_EQ(signatureStatusCode(check.status), QStringLiteral("mismatch"));
}

TEST(Signature, BodyChangedByOneByteIsMismatch)
{
    SignatureInput input = knownVectorInput();
    input.body = QByteArrayLiteral("{\"test\":tru3}");
    ASSERT_EQ(input.body.size(), kBody.size());
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::Mismatch);

    // Re-serialised JSON (a space added) counts as changed too.
    input.body = QByteArrayLiteral("{\"test\": true}");
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::Mismatch);
}

TEST(Signature, TimestampOlderThanToleranceIsStale)
{
    SignatureInput input = knownVectorInput();
    input.now = QDateTime::fromSecsSinceEpoch(kTimestamp + 301, Qt::UTC);
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::StaleTimestamp);
    EXPECT_EQ(check.ageSeconds, 301);
    EXPECT_EQ(signatureStatusCode(check.status), QStringLiteral("stale_timestamp"));
}

TEST(Signature, TimestampExactlyAtToleranceIsValid)
{
    SignatureInput input = knownVectorInput();
    input.now = QDateTime::fromSecsSinceEpoch(kTimestamp + 300, Qt::UTC);
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::Valid);
    EXPECT_EQ(check.ageSeconds, 300);
}

TEST(Signature, TimestampInTheFutureBeyondToleranceIsStale)
{
    SignatureInput input = knownVectorInput();
    input.now = QDateTime::fromSecsSinceEpoch(kTimestamp - 301, Qt::UTC);
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::StaleTimestamp);

    input.now = QDateTime::fromSecsSinceEpoch(kTimestamp - 300, Qt::UTC);
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::Valid);
}

TEST(Signature, MissingSignatureHeader)
{
    SignatureInput input = knownVectorInput();
    input.signatureHeader.reset();
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::MissingSignature);
    // What the sender should have sent is still shown.
    EXPECT_EQ(check.expectedSignature, QByteArrayLiteral("sha256=") + kExpectedHex);

    input.signatureHeader = QByteArrayLiteral("   ");
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::MissingSignature);
}

TEST(Signature, MissingTimestampHeader)
{
    SignatureInput input = knownVectorInput();
    input.timestampHeader.reset();
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::MissingTimestamp);

    input.timestampHeader = QByteArray();
    EXPECT_EQ(verifySignature(input).status, SignatureStatus::MissingTimestamp);
}

TEST(Signature, MalformedTimestamp)
{
    SignatureInput input = knownVectorInput();
    for (const QByteArray &bad : {QByteArrayLiteral("yesterday"), QByteArrayLiteral("1700000000.5"),
                                  QByteArrayLiteral("-1700000000"), QByteArrayLiteral("2023-11-14T22:13:20Z")}) {
        input.timestampHeader = bad;
        EXPECT_EQ(verifySignature(input).status, SignatureStatus::MalformedTimestamp) << bad.toStdString();
    }
}

TEST(Signature, MalformedSignature)
{
    SignatureInput input = knownVectorInput();
    const QByteArrayList malformed {
        QByteArrayLiteral("sha256=abc"), kExpectedHex.left(63), kExpectedHex + QByteArrayLiteral("00"),
        QByteArrayLiteral("sha256=") + QByteArray(64, 'z'), QByteArrayLiteral("sha1=") + kExpectedHex};
    for (const QByteArray &bad : malformed) {
        input.signatureHeader = bad;
        EXPECT_EQ(verifySignature(input).status, SignatureStatus::MalformedSignature) << bad.toStdString();
    }
}

TEST(Signature, NoSecretIsNotChecked)
{
    SignatureInput input = knownVectorInput();
    input.secret.clear();
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::NoSecret);
    EXPECT_FALSE(check.isValid());
}

TEST(Signature, ConstantTimeEquals)
{
    EXPECT_TRUE(constantTimeEquals(QByteArray(), QByteArray()));
    EXPECT_TRUE(constantTimeEquals(kExpectedHex, kExpectedHex));
    EXPECT_FALSE(constantTimeEquals(kExpectedHex, kExpectedHex.left(63)));
    QByteArray lastByteDiffers = kExpectedHex;
    lastByteDiffers[63] = 'e';
    EXPECT_FALSE(constantTimeEquals(kExpectedHex, lastByteDiffers));
    QByteArray firstByteDiffers = kExpectedHex;
    firstByteDiffers[0] = 'c';
    EXPECT_FALSE(constantTimeEquals(kExpectedHex, firstByteDiffers));
    EXPECT_FALSE(constantTimeEquals(QByteArrayLiteral("a"), QByteArray()));
}

TEST(Signature, StatusCodesAreDistinct)
{
    const SignatureStatus all[] = {SignatureStatus::Valid,
                                   SignatureStatus::NoSecret,
                                   SignatureStatus::MissingSignature,
                                   SignatureStatus::MissingTimestamp,
                                   SignatureStatus::MalformedTimestamp,
                                   SignatureStatus::StaleTimestamp,
                                   SignatureStatus::MalformedSignature,
                                   SignatureStatus::Mismatch};
    QStringList codes;
    for (SignatureStatus status : all) {
        const QString code = signatureStatusCode(status);
        EXPECT_FALSE(code.isEmpty());
        EXPECT_FALSE(codes.contains(code)) << code.toStdString();
        codes.append(code);
        SignatureCheck check;
        check.status = status;
        EXPECT_FALSE(dockside::contract::describeSignatureCheck(check).isEmpty());
    }
}

} // namespace
