// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangesource.h"

#include <QString>

#include <memory>

namespace dockside::teamhistory {

// Opens what a --history value names for reading: a SQLite history file, or a team history's postgresql:// URL.
// Nothing, with the reason in errorMessage, when it cannot be opened.
std::unique_ptr<history::ExchangeSource> openExchangeSource(const QString &location, QString *errorMessage);

} // namespace dockside::teamhistory
