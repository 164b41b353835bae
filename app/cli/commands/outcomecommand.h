// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

namespace dockside::cli {

class OutcomeCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("outcome"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
