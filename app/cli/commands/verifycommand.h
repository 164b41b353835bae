// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

namespace dockside::cli {

class VerifyCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("verify"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
