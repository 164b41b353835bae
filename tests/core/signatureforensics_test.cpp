// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/signature.h"
#include "contract/signatureforensics.h"

#include "qtprinters.h"

#include <QMessageAuthenticationCode>

#include <gtest/gtest.h>

#include <functional>

namespace {

using dockside::base::HeaderList;
using dockside::contract::diagnoseSignature;
using dockside::contract::ForensicsInput;
using dockside::contract::signatureHex;

const QByteArray kSecret = QByteArrayLiteral("whsec_test_secret_12345");
constexpr qint64 kNow = 1700000000;
const QByteArray kNowText = QByteArrayLiteral("1700000000");
// As sent: compact, in the sender's key order, with a non-ASCII character.
const QByteArray kBody = QByteArrayLiteral(R"({"type":"assistant-request","name":"Zoë","n":[1,2],"o":{}})");

QByteArray sign(const QByteArray &secret, const QByteArray &signedString)
{
    return QByteArrayLiteral("sha256=") + signatureHex(secret, signedString);
}

HeaderList headers(const QByteArray &timestamp, const QByteArray &signature)
{
    return {{"X-Webhook-Timestamp", timestamp}, {"X-Webhook-Signature", signature}};
}

struct ForensicsCase {
    const char *name;
    HeaderList headers;
    QByteArray body = kBody;
    QByteArray secret = kSecret; // what Dockside checks with
    const char *code;
    const char *says;
};

std::vector<ForensicsCase> cases()
{
    const QByteArray right = sign(kSecret, kNowText + '.' + kBody);
    const auto signedBody = [](const QByteArray &signedBodyText) {
        return headers(kNowText, sign(kSecret, kNowText + '.' + signedBodyText));
    };
    const QByteArray pretty =
        "{\n  \"type\": \"assistant-request\",\n  \"name\": \"Zoë\",\n  \"n\": [\n    1,\n    2\n  ],\n  \"o\": {}\n}";
    const QByteArray notUtf8 = QByteArray(kBody).replace("Zoë", "Zo\xff");
    return {
        {"signature under another name",
         {{"X-Webhook-Timestamp", kNowText}, {"X-Signature", right}},
         kBody,
         kSecret,
         "header_renamed",
         "X-Signature is present"},
        {"GitHub's header name",
         {{"X-Webhook-Timestamp", kNowText}, {"X-Hub-Signature-256", "sha256=00"}},
         kBody,
         kSecret,
         "header_renamed",
         "does not verify under the right name"},
        {"timestamp under another name",
         {{"X-Timestamp", kNowText}, {"X-Webhook-Signature", right}},
         kBody,
         kSecret,
         "header_renamed",
         "X-Timestamp is present: the sender uses another header name. Under the right name its "
         "value verifies."},
        {"no signature", {{"X-Webhook-Timestamp", kNowText}}, kBody, kSecret, "signature_missing", "does not sign"},
        {"no timestamp", {{"X-Webhook-Signature", right}}, kBody, kSecret, "timestamp_missing", "always sends one"},
        {"signed without the timestamp",
         {{"X-Webhook-Signature", sign(kSecret, kBody)}},
         kBody,
         kSecret,
         "timestamp_not_signed",
         "signs without a timestamp"},
        {"timestamp not signed, though sent", headers(kNowText, sign(kSecret, kBody)), kBody, kSecret,
         "timestamp_not_signed", "left out \"<timestamp>.\""},
        {"an HTTP date", headers("Tue, 14 Nov 2023 22:13:20 +0000", right), kBody, kSecret, "timestamp_not_seconds",
         "is a date"},
        {"prefix twice", headers(kNowText, "sha256=" + right), kBody, kSecret, "prefix_doubled",
         "With one prefix it verifies"},
        {"base64", headers(kNowText, "sha256=" + QByteArray::fromHex(right.mid(7)).toBase64()), kBody, kSecret,
         "signature_base64", "base64"},
        {"too short", headers(kNowText, "sha256=abc"), kBody, kSecret, "signature_malformed", "64 hex digits"},
        {"header in milliseconds", headers("1700000000123", sign(kSecret, "1700000000123." + kBody)), kBody, kSecret,
         "timestamp_milliseconds", "in milliseconds"},
        {"signed in milliseconds", headers(kNowText, sign(kSecret, "1700000000456." + kBody)), kBody, kSecret,
         "timestamp_milliseconds", "timestamp 1700000000456, in milliseconds"},
        {"only stale", headers("1699999600", sign(kSecret, "1699999600." + kBody)), kBody, kSecret, "clock_skew",
         "the sender's clock is 400 s behind this one"},
        {"sender ahead", headers("1700000500", sign(kSecret, "1700000500." + kBody)), kBody, kSecret, "clock_skew",
         "500 s ahead of"},
        {"signed another clock reading", headers(kNowText, sign(kSecret, "1699999997." + kBody)), kBody, kSecret,
         "clock_skew", "timestamp 1699999997, -3 s from the X-Webhook-Timestamp value 1700000000"},
        {"uppercase hex", headers(kNowText, "sha256=" + right.mid(7).toUpper()), kBody, kSecret, "uppercase_hex",
         "uppercase"},
        {"sender drops whsec_", headers(kNowText, sign("test_secret_12345", kNowText + '.' + kBody)), kBody, kSecret,
         "secret_whsec_prefix", "without its \"whsec_\" prefix"},
        {"sender keeps whsec_", headers(kNowText, sign(kSecret, kNowText + '.' + kBody)), kBody, "test_secret_12345",
         "secret_whsec_prefix", "with a \"whsec_\" prefix"},
        {"Dockside's secret has a newline", headers(kNowText, right), kBody, kSecret + "\n", "secret_whitespace",
         "trim the configured secret"},
        {"sender's secret has a newline", headers(kNowText, sign(kSecret + "\n", kNowText + '.' + kBody)), kBody,
         kSecret, "secret_whitespace", "trailing newline"},
        {"newline added after signing", headers(kNowText, right), kBody + "\n", kSecret, "body_trailing_newline",
         "added after signing"},
        {"newline signed, not sent", signedBody(kBody + "\n"), kBody, kSecret, "body_trailing_newline",
         "signed a newline that was not sent"},
        {"signed compact, sent pretty", signedBody(kBody), pretty, kSecret, "body_compact", "compact"},
        {"signed Python's default", signedBody(R"({"type": "assistant-request", "name": "Zoë", "n": [1, 2], "o": {}})"),
         kBody, kSecret, "body_spaced", "json.dumps"},
        {"signed pretty, sent compact", signedBody(pretty), kBody, kSecret, "body_pretty", "2-space indents"},
        {"signed with sorted keys", signedBody(R"({"n":[1,2],"name":"Zoë","o":{},"type":"assistant-request"})"), kBody,
         kSecret, "body_sorted_keys", "keys sorted"},
        {"signed with \\u escapes", signedBody(R"({"type":"assistant-request","name":"Zo\u00eb","n":[1,2],"o":{}})"),
         kBody, kSecret, "body_unicode_escapes", "\\u escapes"},
        {"raw bytes of a body that is not UTF-8 signed", signedBody(notUtf8), notUtf8, kSecret, "body_not_utf8",
         "not valid UTF-8"},
        {"prefix hashed in", headers(kNowText, sign(kSecret, "sha256=" + kNowText + '.' + kBody)), kBody, kSecret,
         "prefix_hashed", "hashed the header's \"sha256=\" prefix in"},
        {"another secret", headers(kNowText, sign("whsec_someone_else", kNowText + '.' + kBody)), kBody, kSecret,
         "secret_differs", "the secret is most likely different"},
    };
}

TEST(SignatureForensics, NamesTheWrongInput)
{
    QStringList covered;
    for (const ForensicsCase &forensicsCase : cases()) {
        SCOPED_TRACE(forensicsCase.name);
        ForensicsInput input;
        input.headers = forensicsCase.headers;
        input.body = forensicsCase.body;
        input.secret = forensicsCase.secret;
        input.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
        const auto diagnosis = diagnoseSignature(input);
        ASSERT_TRUE(diagnosis);
        EXPECT_EQ(diagnosis->code, QString::fromLatin1(forensicsCase.code));
        EXPECT_TRUE(diagnosis->sentence.contains(QString::fromUtf8(forensicsCase.says)))
            << diagnosis->sentence.toStdString();
        covered.append(diagnosis->code);
    }
    for (const QString &code : dockside::contract::signatureDiagnosisCodes())
        EXPECT_TRUE(covered.contains(code)) << "no test for " << code.toStdString();
}

TEST(SignatureForensics, NothingToExplainWhenValidOrUnchecked)
{
    ForensicsInput input;
    input.headers = headers(kNowText, sign(kSecret, kNowText + '.' + kBody));
    input.body = kBody;
    input.secret = kSecret;
    input.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    EXPECT_FALSE(diagnoseSignature(input));
    input.secret.clear();
    EXPECT_FALSE(diagnoseSignature(input));
}

TEST(SignatureForensics, NotJsonStillGetsTheOtherSearches)
{
    ForensicsInput input;
    input.body = QByteArrayLiteral("not json at all");
    input.headers = headers(kNowText, sign(kSecret, kNowText + '.' + input.body + '\n'));
    input.secret = kSecret;
    input.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    const auto diagnosis = diagnoseSignature(input);
    ASSERT_TRUE(diagnosis);
    EXPECT_EQ(diagnosis->code, QStringLiteral("body_trailing_newline"));
}

} // namespace
