// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace dockside::cli {

// Exit codes, documented in the README and in `dockside-cli --help`.
enum ExitCode : int {
    kExitOk = 0,
    kExitCheckFailed = 1, // the answer is invalid, the signature does not verify
    kExitUsage = 2, // unknown command or option, missing argument
    kExitInput = 3, // unreadable file, invalid input JSON, missing secret
    kExitCannotStart = 4, // the port is taken, the history file cannot be opened
    kExitNoAnswer = 5, // send: the webhook did not answer in time, or could not be reached
};

// Where a command writes; tests can hand in strings instead of the process's streams.
struct Streams {
    QTextStream &out;
    QTextStream &err;
};

// One sub-command of dockside-cli; each lives in its own file under commands/.
class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // arguments excludes the program and command names.
    virtual int run(const QStringList &arguments, Streams streams) const = 0;
};

} // namespace dockside::cli
