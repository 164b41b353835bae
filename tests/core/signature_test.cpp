// SPDX-License-Identifier: GPL-3.0-or-later

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

// A JSON string with a byte that is not UTF-8, and what the SDK signs of it: in Node 20,
// Buffer.from(Buffer.from(body).toString("utf-8")) gives these bytes, and the HMAC over "1700000000." + them with
// whsec_test_secret_12345 is fa55f922e5f7f64c499f8e9c5981967b3d49865ab666e31f2a62c1f616d6a15b.
const QByteArray kNotUtf8Body = QByteArrayLiteral("{\"name\":\"a\xff"
                                                  "b\"}");
const QByteArray kNotUtf8BodyAsTheSdkSignsIt = QByteArrayLiteral("{\"name\":\"a\xef\xbf\xbd"
                                                                 "b\"}");

// What the platform's SDK (hmsovereign-node Webhooks.verify) decides: it signs "<timestamp header text>.<body>",
// reads the timestamp with parseInt for the age check and compares the hex exactly as sent.
struct SdkCase {
    const char *name;
    QByteArray timestampHeader;
    QByteArray body;
    QByteArray secret;
    qint64 now;
    QByteArray signedTimestamp; // the text the sender put before ".<body>" when signing
    bool uppercaseHex;
    SignatureStatus expected;
    bool warns;
    QByteArray senderSignedBody {}; // what the sender signed, when not the body as sent
    QByteArray sdkSignedBody {}; // what the SDK signs, when not the body as sent
};

TEST(Signature, VerdictsFollowTheSdk)
{
    const QByteArray body = kBody;
    const QByteArray secret = kSecret;
    const QByteArray other = QByteArrayLiteral("whsec_other");
    const QByteArray ts = QByteArray::number(kTimestamp);
    const SdkCase cases[] = {
        {"plain seconds", ts, body, secret, kTimestamp, ts, false, SignatureStatus::Valid, false},
        {"leading zero signed as sent", "0" + ts, body, secret, kTimestamp, "0" + ts, false, SignatureStatus::Valid,
         true},
        {"leading zero, sender signed the integer", "0" + ts, body, secret, kTimestamp, ts, false,
         SignatureStatus::Mismatch, true},
        {"fraction signed as sent", ts + ".5", body, secret, kTimestamp, ts + ".5", false, SignatureStatus::Valid,
         true},
        {"trailing letter signed as sent", ts + "x", body, secret, kTimestamp, ts + "x", false, SignatureStatus::Valid,
         true},
        {"plus sign signed as sent", "+" + ts, body, secret, kTimestamp, "+" + ts, false, SignatureStatus::Valid, true},
        {"surrounding whitespace is trimmed as Node does", " " + ts + " ", body, secret, kTimestamp, ts, false,
         SignatureStatus::Valid, false},
        {"negative is parsed, hence stale", "-" + ts, body, secret, kTimestamp, "-" + ts, false,
         SignatureStatus::StaleTimestamp, true},
        {"ISO date parses as its year, hence stale", "2023-11-14T22:13:20Z", body, secret, kTimestamp,
         "2023-11-14T22:13:20Z", false, SignatureStatus::StaleTimestamp, true},
        {"no leading digits", "yesterday", body, secret, kTimestamp, "yesterday", false,
         SignatureStatus::MalformedTimestamp, false},
        {"letter first", "x" + ts, body, secret, kTimestamp, "x" + ts, false, SignatureStatus::MalformedTimestamp,
         false},
        {"milliseconds", ts + "000", body, secret, kTimestamp, ts + "000", false, SignatureStatus::StaleTimestamp,
         false},
        {"uppercase hex", ts, body, secret, kTimestamp, ts, true, SignatureStatus::Mismatch, true},
        {"other secret", ts, body, other, kTimestamp, ts, false, SignatureStatus::Mismatch, false},
        {"300 s old", ts, body, secret, kTimestamp + 300, ts, false, SignatureStatus::Valid, false},
        {"301 s old", ts, body, secret, kTimestamp + 301, ts, false, SignatureStatus::StaleTimestamp, false},
        {"no secret", ts, body, QByteArray(), kTimestamp, ts, false, SignatureStatus::NoSecret, false},
        // The SDK signs payload.toString("utf-8"): 0xff inside a JSON string is signed as U+FFFD (EF BF BD).
        {"invalid UTF-8 body, sender signed the raw bytes", ts, kNotUtf8Body, secret, kTimestamp, ts, false,
         SignatureStatus::Mismatch, true, QByteArray(), kNotUtf8BodyAsTheSdkSignsIt},
        {"invalid UTF-8 body, sender signed it as the SDK decodes it", ts, kNotUtf8Body, secret, kTimestamp, ts, false,
         SignatureStatus::Valid, true, kNotUtf8BodyAsTheSdkSignsIt, kNotUtf8BodyAsTheSdkSignsIt},
        {"valid UTF-8 body is signed as sent", ts,
         QByteArrayLiteral("{\"name\":\"Ren\xc3\xa9"
                           "e \xf0\x9f\x98\x80\"}"),
         secret, kTimestamp, ts, false, SignatureStatus::Valid, false},
    };
    for (const SdkCase &sdkCase : cases) {
        SCOPED_TRACE(sdkCase.name);
        SignatureInput input;
        input.timestampHeader = sdkCase.timestampHeader;
        input.body = sdkCase.body;
        input.secret = sdkCase.secret;
        input.now = QDateTime::fromSecsSinceEpoch(sdkCase.now, Qt::UTC);
        // The sender always signs with the known secret; "other secret" is the receiver's.
        const QByteArray senderBody = sdkCase.senderSignedBody.isEmpty() ? sdkCase.body : sdkCase.senderSignedBody;
        QByteArray hex = dockside::contract::signatureHex(kSecret, sdkCase.signedTimestamp + '.' + senderBody);
        if (sdkCase.uppercaseHex)
            hex = hex.toUpper();
        input.signatureHeader = QByteArrayLiteral("sha256=") + hex;
        const SignatureCheck check = verifySignature(input);
        EXPECT_EQ(signatureStatusCode(check.status), signatureStatusCode(sdkCase.expected));
        EXPECT_EQ(!check.warnings.isEmpty(), sdkCase.warns) << check.warnings.join(u' ').toStdString();
        if (check.status != SignatureStatus::NoSecret && check.status != SignatureStatus::MalformedTimestamp) {
            const QByteArray sdkBody = sdkCase.sdkSignedBody.isEmpty() ? sdkCase.body : sdkCase.sdkSignedBody;
            EXPECT_EQ(check.signedString, QByteArray(sdkCase.timestampHeader.trimmed() + '.' + sdkBody));
        }
    }
}

TEST(Signature, ABodyThatIsNotUtf8IsSignedAsNodeDecodesIt)
{
    using dockside::contract::bodyAsTheSdkSignsIt;
    EXPECT_EQ(dockside::contract::signatureHex(kSecret, "1700000000." + bodyAsTheSdkSignsIt(kNotUtf8Body)),
              QByteArrayLiteral("fa55f922e5f7f64c499f8e9c5981967b3d49865ab666e31f2a62c1f616d6a15b"));
    // Input and Buffer.from(Buffer.from(input, "hex").toString("utf-8")).toString("hex"), from Node 20: each maximal
    // invalid subpart is one U+FFFD; overlong forms, surrogates and code points past U+10FFFF are invalid.
    const std::pair<const char *, const char *> node[] = {
        {"ff", "efbfbd"},
        {"80", "efbfbd"},
        {"c0af", "efbfbdefbfbd"},
        {"c280", "c280"},
        {"c2", "efbfbd"},
        {"c241", "efbfbd41"},
        {"e282", "efbfbd"},
        {"e28241", "efbfbd41"},
        {"e282ac", "e282ac"},
        {"eda080", "efbfbdefbfbdefbfbd"},
        {"ed9fbf", "ed9fbf"},
        {"e08080", "efbfbdefbfbdefbfbd"},
        {"e0a080", "e0a080"},
        {"f09f9880", "f09f9880"},
        {"f09f98", "efbfbd"},
        {"f09f9841", "efbfbd41"},
        {"f4908080", "efbfbdefbfbdefbfbdefbfbd"},
        {"f48fbfbf", "f48fbfbf"},
        {"f5", "efbfbd"},
        {"efbbbf41", "efbbbf41"},
        {"fe", "efbfbd"},
        {"41e2ff42", "41efbfbdefbfbd42"},
        {"f08f", "efbfbdefbfbd"},
        {"e180c280", "efbfbdc280"},
    };
    for (const auto &[input, expected] : node)
        EXPECT_EQ(bodyAsTheSdkSignsIt(QByteArray::fromHex(input)).toHex(), QByteArray(expected)) << input;
    EXPECT_EQ(bodyAsTheSdkSignsIt(QByteArray()), QByteArray());
}

TEST(Signature, UppercaseHexIsRefusedAndSaysWhy)
{
    SignatureInput input = knownVectorInput();
    input.signatureHeader = QByteArrayLiteral("sha256=") + kExpectedHex.toUpper();
    const SignatureCheck check = verifySignature(input);
    EXPECT_EQ(check.status, SignatureStatus::Mismatch);
    EXPECT_TRUE(check.uppercaseHexMatches);
    const QString text = dockside::contract::describeSignatureCheck(check);
    EXPECT_TRUE(text.contains(QStringLiteral("uppercase"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("lowercased, they would match"))) << text.toStdString();
}

TEST(Signature, ParseIntLikeJavaScript)
{
    using dockside::contract::parseIntLikeJavaScript;
    EXPECT_EQ(parseIntLikeJavaScript("1700000000"), 1700000000);
    EXPECT_EQ(parseIntLikeJavaScript("  \t42abc"), 42);
    EXPECT_EQ(parseIntLikeJavaScript("-7.9"), -7);
    EXPECT_EQ(parseIntLikeJavaScript("+0012"), 12);
    EXPECT_EQ(parseIntLikeJavaScript("99999999999999999999999"), qint64(1) << 53);
    EXPECT_FALSE(parseIntLikeJavaScript(""));
    EXPECT_FALSE(parseIntLikeJavaScript("-"));
    EXPECT_FALSE(parseIntLikeJavaScript("abc1"));
    EXPECT_FALSE(parseIntLikeJavaScript(" + 1"));
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
