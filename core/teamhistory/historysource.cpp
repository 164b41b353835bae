// SPDX-License-Identifier: GPL-3.0-or-later

#include "historysource.h"

#include "teamexchangesource.h"

#include "history/historyreader.h"

namespace dockside::teamhistory {

std::unique_ptr<history::ExchangeSource> openExchangeSource(const QString &location, QString *errorMessage)
{
    if (isTeamHistoryUrl(location)) {
        const std::optional<TeamDatabase> database = parseTeamHistoryUrl(location, errorMessage);
        if (!database)
            return nullptr;
        auto source = std::make_unique<TeamExchangeSource>();
        if (!source->open(*database, {}, errorMessage))
            return nullptr;
        return source;
    }
    auto reader = std::make_unique<history::HistoryReader>();
    if (!reader->open(location, errorMessage))
        return nullptr;
    return reader;
}

} // namespace dockside::teamhistory
