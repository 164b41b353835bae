// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

namespace dockside::cli {

// routes: the routing matrix of a workspace (callers × moments), as bands, JSON or CSV, optionally against another.
class RoutesCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("routes"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
