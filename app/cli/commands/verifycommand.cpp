// SPDX-License-Identifier: GPL-3.0-or-later

#include "verifycommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"

#include "contract/signature.h"
#include "contract/signatureforensics.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dockside::cli {

using namespace dockside::contract;

QString VerifyCommand::summary() const
{
    return QStringLiteral("Verifies a body file against X-Webhook-Timestamp and X-Webhook-Signature values, as the\n"
                          "platform's SDK does. Says which check failed and why (the body re-serialised, the\n"
                          "timestamp in milliseconds, a clock skew, the secret's whsec_ prefix, ...), and prints the\n"
                          "exact signed string; exits 1 when invalid.");
}

int VerifyCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        {QStringLiteral("timestamp"), QStringLiteral("The X-Webhook-Timestamp value."), QStringLiteral("SECONDS")},
        {QStringLiteral("signature"), QStringLiteral("The X-Webhook-Signature value (\"sha256=\" optional)."),
         QStringLiteral("SIGNATURE")},
        {QStringLiteral("now"), QStringLiteral("Check freshness against this Unix time instead of the clock."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("header"),
         QStringLiteral("A request header as it arrived, \"Name: value\" (repeatable), so that a signature sent "
                        "under another name is found."),
         QStringLiteral("HEADER")},
        {QStringLiteral("json"), QStringLiteral("Print the verdict and the diagnosis as JSON.")},
        secretEnv,
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("BODY_FILE"), streams))
        return *exit;
    const auto now = integerOption(parser, QStringLiteral("now"), QDateTime::currentSecsSinceEpoch(), streams);
    if (!now)
        return kExitUsage;
    const auto secret = secretFromEnvironment(parser.value(secretEnv), streams);
    if (!secret)
        return kExitInput;
    const auto body = readInputFile(parser.positionalArguments().constFirst(), streams);
    if (!body)
        return kExitInput;

    ForensicsInput request;
    for (const QString &header : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            streams.err << "dockside-cli verify: --header takes \"Name: value\", got \"" << header << "\"\n";
            return kExitUsage;
        }
        request.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
    }
    if (parser.isSet(QStringLiteral("timestamp")))
        request.headers.append({kTimestampHeader, parser.value(QStringLiteral("timestamp")).toUtf8()});
    if (parser.isSet(QStringLiteral("signature")))
        request.headers.append({kSignatureHeader, parser.value(QStringLiteral("signature")).toUtf8()});
    request.body = *body;
    request.secret = *secret;
    request.now = QDateTime::fromSecsSinceEpoch(*now, Qt::UTC);

    const auto header = [&request](QByteArrayView name) -> std::optional<QByteArray> {
        for (const auto &[key, value] : request.headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return std::nullopt;
    };
    SignatureInput input;
    input.timestampHeader = header(kTimestampHeader);
    input.signatureHeader = header(kSignatureHeader);
    input.body = request.body;
    input.secret = request.secret;
    input.now = request.now;
    const SignatureCheck check = verifySignature(input);
    const std::optional<SignatureDiagnosis> diagnosis = diagnoseSignature(request);

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject json {{QStringLiteral("valid"), check.isValid()},
                          {QStringLiteral("status"), signatureStatusCode(check.status)},
                          {QStringLiteral("description"), describeSignatureCheck(check)},
                          {QStringLiteral("warnings"), QJsonArray::fromStringList(check.warnings)},
                          {QStringLiteral("signedString"), QString::fromUtf8(check.signedString)}};
        if (diagnosis)
            json.insert(
                QStringLiteral("diagnosis"),
                QJsonObject {{QStringLiteral("code"), diagnosis->code}, {QStringLiteral("text"), diagnosis->sentence}});
        streams.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return check.isValid() ? kExitOk : kExitCheckFailed;
    }
    streams.out << (check.isValid() ? "valid" : "INVALID") << " (" << signatureStatusCode(check.status)
                << "): " << describeSignatureCheck(check) << '\n';
    if (diagnosis)
        streams.out << "Why (" << diagnosis->code << "): " << diagnosis->sentence << '\n';
    if (!check.signedString.isEmpty())
        streams.out << "Signed string: " << check.signedString << '\n';
    return check.isValid() ? kExitOk : kExitCheckFailed;
}

} // namespace dockside::cli
