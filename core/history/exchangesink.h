// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <functional>

namespace dockside::history {

// Where exchanges are appended: the SQLite history (HistoryStore) today, a server database in a later backend.
// Appends are asynchronous; their outcome comes back through onDurable and the implementation's signals.
class ExchangeSink {
public:
    virtual ~ExchangeSink() = default;

    virtual bool isOpen() const = 0;
    /*! onDurable runs on the sink's thread once the record survives a killed process (true) or was lost (false). */
    virtual void append(const ExchangeRecord &record, std::function<void(bool stored)> onDurable = {}) = 0;
    /*! Exchanges accepted but not yet readable through an ExchangeSource. */
    virtual qint64 backlog() const = 0;
    virtual void applyRetention() = 0;
    virtual void clear() = 0;
    /*! Stores everything accepted so far, then stops. */
    virtual void close() = 0;

protected:
    ExchangeSink() = default;
    Q_DISABLE_COPY_MOVE(ExchangeSink)
};

} // namespace dockside::history
