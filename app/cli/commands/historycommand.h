#pragma once

#include "command.h"

namespace dockside::cli {

class HistoryCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override;
    int run(const QStringList &arguments, Streams streams) const override;
};

} // namespace dockside::cli
