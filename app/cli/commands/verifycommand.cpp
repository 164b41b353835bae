#include "verifycommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"

#include "contract/signature.h"

#include <QDateTime>

namespace dockside::cli {

using namespace dockside::contract;

QString VerifyCommand::summary() const
{
    return QStringLiteral("Verifies a body file against X-Webhook-Timestamp and X-Webhook-Signature values.\n"
                          "Says which check failed and prints the exact signed string; exits 1 when invalid.");
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

    SignatureInput input;
    input.body = *body;
    input.secret = *secret;
    input.now = QDateTime::fromSecsSinceEpoch(*now, Qt::UTC);
    if (parser.isSet(QStringLiteral("timestamp")))
        input.timestampHeader = parser.value(QStringLiteral("timestamp")).toUtf8();
    if (parser.isSet(QStringLiteral("signature")))
        input.signatureHeader = parser.value(QStringLiteral("signature")).toUtf8();

    const SignatureCheck check = verifySignature(input);
    streams.out << (check.isValid() ? "valid" : "INVALID") << " (" << signatureStatusCode(check.status)
                << "): " << describeSignatureCheck(check) << '\n';
    if (!check.signedString.isEmpty())
        streams.out << "Signed string: " << check.signedString << '\n';
    return check.isValid() ? kExitOk : kExitCheckFailed;
}

} // namespace dockside::cli
