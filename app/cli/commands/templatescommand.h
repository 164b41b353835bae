// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "command.h"

namespace dockside::cli {

// templates list | export | import: the workspace's templates, and templates on their own as JSON files.
class TemplatesCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("templates"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
