// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include <QCommandLineParser>

#include <optional>

namespace dockside::cli {

// As positionalCount: any number of positional arguments, for commands like "templates export [ID ...]".
inline constexpr int kAnyNumberOfArguments = -1;

// Parses a command's arguments; prints help or a usage error itself and returns the exit code to use.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const Command &command, const QStringList &arguments,
                                    int positionalCount, const QString &positionalSyntax, Streams streams);

// Reads an integer option; prints a usage error and returns nullopt when it is not one.
std::optional<qint64> integerOption(const QCommandLineParser &parser, const QString &name, qint64 fallback,
                                    Streams streams);

} // namespace dockside::cli
