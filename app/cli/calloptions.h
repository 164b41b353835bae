// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

#include "contract/callevent.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>

#include <optional>

namespace dockside::cli {

// --caller, --called, --call-type, --call-id, --sdk: the call that every event of send, call and burst belongs to.
QList<QCommandLineOption> callOptions();
// --sdk 1.0.1|1.0.0: whose payload types the events follow.
QCommandLineOption sdkOption();

// Fills the call fields and the SDK version; prints a usage error naming the command and returns false on a bad value.
bool readCallOptions(const QCommandLineParser &parser, contract::EventOptions &event, const QString &commandName,
                     Streams streams);
// --at ISO: the moment Dockside's mock endpoint should evaluate its rules at, sent as X-Dockside-Clock.
QCommandLineOption atOption();
// Leaves at unset without --at; prints a usage error naming the command and returns false on a bad value.
bool readAtOption(const QCommandLineParser &parser, std::optional<QDateTime> &at, const QString &commandName,
                  Streams streams);
bool readSdkOption(const QCommandLineParser &parser, contract::EventOptions &event, const QString &commandName,
                   Streams streams);

} // namespace dockside::cli
