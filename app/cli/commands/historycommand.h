// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

namespace dockside::cli {

// history list | show | curl | export | clear: the recorded exchanges. Options may come before or after the
// subcommand, and the older spellings ("history" alone, "history --clear") still work.
class HistoryCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
