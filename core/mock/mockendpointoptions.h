// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "base/mockclock.h"
#include "http/httplimits.h"
#include "relay/relayoptions.h"

#include <QByteArray>
#include <QDateTime>
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
    base::MockClock clock; // what the rules and {{now}} take for the time; the signature check always the real one
    // X-Dockside-Clock sets one request's moment: honoured only when allowed and only from a loopback peer, since
    // anyone else who can reach the endpoint could otherwise steer its answers.
    bool allowClockHeader = false;

    // Binding anywhere but loopback exposes captured calls to the network: the front ends warn.
    bool isLoopbackOnly() const { return address.isLoopback(); }
};

// The moment one request's rules are evaluated at, and what the history says about it.
struct ClockDecision {
    QDateTime at;
    bool fromHeader = false;
    // Empty on the real clock without a header; else "evaluated at … (pinned)", "… (X-Dockside-Clock)", or why a
    // header was ignored or refused.
    QString note;
};

// Pure, so the loopback rule is tested without a second machine: the peer is the request's peerAddress.
ClockDecision decideClock(const MockEndpointOptions &options, const base::CapturedRequest &request,
                          const QDateTime &realNow);

} // namespace dockside::mock
