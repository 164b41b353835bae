// SPDX-License-Identifier: GPL-3.0-or-later

#include "signcommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"

#include "contract/signature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace dockside::cli {

using namespace dockside::contract;

QString SignCommand::summary() const
{
    return QStringLiteral("Signs a body file as the platform does and prints the headers to send.\n"
                          "The secret comes from an environment variable, never from the command line.");
}

int SignCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        {QStringLiteral("timestamp"), QStringLiteral("Unix time in seconds to sign with (default now)."),
         QStringLiteral("SECONDS")},
        secretEnv,
        {QStringLiteral("show-signed-string"), QStringLiteral("Also print the exact string that was signed.")},
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("BODY_FILE"), streams))
        return *exit;
    const auto timestamp =
        integerOption(parser, QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch(), streams);
    if (!timestamp)
        return kExitUsage;
    const auto secret = secretFromEnvironment(parser.value(secretEnv), streams);
    if (!secret)
        return kExitInput;
    const auto body = readInputFile(parser.positionalArguments().constFirst(), streams);
    if (!body)
        return kExitInput;

    const QString eventType = QJsonDocument::fromJson(*body)
                                  .object()
                                  .value(QStringLiteral("message"))
                                  .toObject()
                                  .value(QStringLiteral("type"))
                                  .toString();
    if (!eventType.isEmpty())
        streams.out << kEventHeader << ": " << eventType << '\n';
    streams.out << kTimestampHeader << ": " << *timestamp << '\n';
    streams.out << kSignatureHeader << ": " << signatureHeaderValue(*secret, *timestamp, *body) << '\n';
    if (parser.isSet(QStringLiteral("show-signed-string")))
        streams.out << "Signed string: " << signedPayload(*timestamp, *body) << '\n';
    return kExitOk;
}

} // namespace dockside::cli
