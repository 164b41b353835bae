// SPDX-License-Identifier: GPL-3.0-or-later

#include "calloptions.h"

#include "base/mockclock.h"

namespace dockside::cli {

QList<QCommandLineOption> callOptions()
{
    return {
        {QStringLiteral("caller"), QStringLiteral("The caller's number (default +31612345678)."),
         QStringLiteral("NUMBER")},
        {QStringLiteral("called"), QStringLiteral("The called number (default +31850835037)."),
         QStringLiteral("NUMBER")},
        {QStringLiteral("call-type"),
         QStringLiteral("inbound_phone_call (default), outbound_phone_call or web_call (numbers become null)."),
         QStringLiteral("TYPE")},
        {QStringLiteral("call-id"), QStringLiteral("The call id (default: a new UUID)."), QStringLiteral("ID")},
        sdkOption(),
    };
}

QCommandLineOption sdkOption()
{
    return {QStringLiteral("sdk"),
            QStringLiteral("The SDK version whose payload types the events follow: 1.0.1 (default, the current one) "
                           "or 1.0.0 (adds end_reason, started_at, ended_at and phone_number.id, for webhooks written "
                           "against older SDKs)."),
            QStringLiteral("VERSION")};
}

bool readSdkOption(const QCommandLineParser &parser, contract::EventOptions &event, const QString &commandName,
                   Streams streams)
{
    if (!parser.isSet(QStringLiteral("sdk")))
        return true;
    const auto version = contract::sdkVersionFromName(parser.value(QStringLiteral("sdk")));
    if (!version) {
        streams.err << "dockside-cli " << commandName << ": unknown --sdk \"" << parser.value(QStringLiteral("sdk"))
                    << "\"; use 1.0.1 (the current SDK) or 1.0.0.\n";
        return false;
    }
    event.sdk = *version;
    return true;
}

bool readCallOptions(const QCommandLineParser &parser, contract::EventOptions &event, const QString &commandName,
                     Streams streams)
{
    if (parser.isSet(QStringLiteral("call-type"))) {
        const auto callType = contract::callTypeFromName(parser.value(QStringLiteral("call-type")));
        if (!callType) {
            streams.err << "dockside-cli " << commandName
                        << ": unknown --call-type; use inbound_phone_call, outbound_phone_call or web_call.\n";
            return false;
        }
        event.callType = *callType;
    }
    if (parser.isSet(QStringLiteral("caller")))
        event.customerNumber = parser.value(QStringLiteral("caller"));
    if (parser.isSet(QStringLiteral("called")))
        event.phoneNumber = parser.value(QStringLiteral("called"));
    event.callId = parser.value(QStringLiteral("call-id"));
    return readSdkOption(parser, event, commandName, streams);
}

QCommandLineOption atOption()
{
    return {QStringLiteral("at"),
            QStringLiteral("Ask Dockside's mock endpoint to evaluate its rules (business hours) at this moment, an ISO "
                           "8601 instant with its UTC offset such as 2026-12-24T18:00:00+01:00: sent as %1, which the "
                           "endpoint honours from this machine when allowed (serve --allow-clock-header). Other "
                           "webhooks ignore it.")
                .arg(QLatin1String(base::kClockHeader)),
            QStringLiteral("WHEN")};
}

bool readAtOption(const QCommandLineParser &parser, std::optional<QDateTime> &at, const QString &commandName,
                  Streams streams)
{
    if (!parser.isSet(QStringLiteral("at")))
        return true;
    QString error;
    at = base::parseClockInstant(parser.value(QStringLiteral("at")), &error);
    if (!at) {
        streams.err << "dockside-cli " << commandName << ": --at: " << error << '\n';
        return false;
    }
    return true;
}

} // namespace dockside::cli
