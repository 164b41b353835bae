#pragma once

#include "command.h"

#include "contract/callevent.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace dockside::cli {

// --caller, --called, --call-type, --call-id: the call that every event of send, call and burst belongs to.
QList<QCommandLineOption> callOptions();

// Fills the call fields; prints a usage error naming the command and returns false on a bad value.
bool readCallOptions(const QCommandLineParser &parser, contract::EventOptions &event, const QString &commandName,
                     Streams streams);

} // namespace dockside::cli
