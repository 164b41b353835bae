// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"
#include "history/exchangerecord.h"

#include <optional>

namespace dockside::composer {

// What happened when the composer played the platform: the exchange, its timing and the call outcome.
struct SendResult {
    history::ExchangeRecord record; // direction Outbound; request is what was sent, byte for byte
    contract::Transport transport = contract::Transport::Completed;
    QString transportError; // why there was no complete answer, in words
    qint64 latencyUs = 0; // from the moment of sending (connection set-up included) to the last byte received
    std::optional<qint64> firstByteUs; // when the answer's first byte arrived (https: its status line and headers)
    // Connection set-up within latencyUs: name lookup and TCP handshake, 0 on a reused connection. Not known over
    // https (QNetworkAccessManager does not tell) or when no connection was made.
    std::optional<qint64> connectUs;
    qint64 deadlineMs = 0;
    std::optional<contract::CallOutcome> outcome; // for assistant-requests

    bool answered() const { return transport == contract::Transport::Completed; }
};

} // namespace dockside::composer
