// SPDX-License-Identifier: GPL-3.0-or-later

#include "commandline.h"

namespace dockside::cli {

std::optional<int> parseCommandLine(QCommandLineParser &parser, const Command &command, const QStringList &arguments,
                                    int positionalCount, const QString &positionalSyntax, Streams streams)
{
    parser.setApplicationDescription(command.summary());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList full {QStringLiteral("dockside-cli %1").arg(command.name())};
    full += arguments;
    if (!parser.parse(full)) {
        streams.err << "dockside-cli " << command.name() << ": " << parser.errorText() << '\n'
                    << "Try 'dockside-cli " << command.name() << " --help'.\n";
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        // Qt's help names the binary's path; users type "dockside-cli COMMAND".
        const QString text = parser.helpText();
        streams.out << "Usage: dockside-cli " << command.name() << " [options] " << positionalSyntax << '\n'
                    << text.section(QLatin1Char('\n'), 1);
        return kExitOk;
    }
    if (positionalCount != kAnyNumberOfArguments && parser.positionalArguments().size() != positionalCount) {
        streams.err << "dockside-cli " << command.name() << ": expected " << positionalSyntax << '\n'
                    << "Try 'dockside-cli " << command.name() << " --help'.\n";
        return kExitUsage;
    }
    return std::nullopt;
}

std::optional<qint64> integerOption(const QCommandLineParser &parser, const QString &name, qint64 fallback,
                                    Streams streams)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok) {
        streams.err << "dockside-cli: --" << name << " expects a whole number, got \"" << parser.value(name) << "\".\n";
        return std::nullopt;
    }
    return value;
}

} // namespace dockside::cli
