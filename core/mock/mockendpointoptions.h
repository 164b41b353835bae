// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "http/httplimits.h"
#include "relay/relayoptions.h"

#include <QByteArray>
#include <QHostAddress>

namespace dockside::mock {

inline constexpr quint16 kDefaultMockPort = 8790;

// What the GUI's settings and the CLI's flags both turn into before starting the mock endpoint.
struct MockEndpointOptions {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = kDefaultMockPort; // 0 picks a free port
    http::HttpLimits limits;
    QByteArray secret; // empty: signatures are not checked
    qint64 platformDeadlineMs = 5000; // how long a "hang" fault holds the request at least
    relay::RelayOptions relay; // how forwarded requests reach the developer's webhook

    // Binding anywhere but loopback exposes captured calls to the network: the front ends warn.
    bool isLoopbackOnly() const { return address.isLoopback(); }
};

} // namespace dockside::mock
