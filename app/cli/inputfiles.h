// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace dockside::cli {

// Reads a whole file, or "-" for standard input; prints one clear line on failure.
std::optional<QByteArray> readInputFile(const QString &fileName, Streams streams);

// Reads a file that must hold a JSON object; the error names the line and column.
std::optional<QJsonObject> readJsonObjectFile(const QString &fileName, Streams streams);

// "file:line:column" for a byte offset into text.
QString positionInFile(const QString &fileName, const QByteArray &text, qsizetype offset);

// The webhook secret from an environment variable; never from the command line, where `ps` shows it.
std::optional<QByteArray> secretFromEnvironment(const QString &variable, Streams streams);

} // namespace dockside::cli
