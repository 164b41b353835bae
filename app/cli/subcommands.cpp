// SPDX-License-Identifier: GPL-3.0-or-later

#include "subcommands.h"

namespace dockside::cli {

namespace {

QString shortName(const Command &group, const Command &subcommand)
{
    return subcommand.name().mid(group.name().size() + 1);
}

void printUsage(QTextStream &stream, const Command &group, const QList<const Command *> &subcommands)
{
    stream << "Usage: dockside-cli " << group.name() << " SUBCOMMAND [options] [arguments]\n"
           << group.summary() << "\n\nSubcommands:\n";
    for (const Command *subcommand : subcommands)
        stream << "  " << shortName(group, *subcommand).leftJustified(8) << ' '
               << subcommand->summary().section(QLatin1Char('\n'), 0, 0) << '\n';
    stream << "\nRun 'dockside-cli " << group.name() << " SUBCOMMAND --help' for its options.\n";
}

} // namespace

int runSubcommand(const Command &group, const QList<const Command *> &subcommands, const QStringList &arguments,
                  Streams streams)
{
    if (arguments.isEmpty()) {
        printUsage(streams.err, group, subcommands);
        return kExitUsage;
    }
    const QString first = arguments.constFirst();
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        printUsage(streams.out, group, subcommands);
        return kExitOk;
    }
    for (const Command *subcommand : subcommands) {
        if (shortName(group, *subcommand) == first)
            return subcommand->run(arguments.mid(1), streams);
    }
    streams.err << "dockside-cli " << group.name() << ": unknown subcommand \"" << first << "\".\n";
    printUsage(streams.err, group, subcommands);
    return kExitUsage;
}

} // namespace dockside::cli
