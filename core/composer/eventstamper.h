// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/callevent.h"

#include <QByteArray>

namespace dockside::composer {

// Builds an event's body once and stamps each copy with a fresh call id and the time of sending: byte for byte what
// building the event again would give, for a fraction of the cost. A burst sends thousands of events a second.
class EventStamper final {
public:
    // Not usable when other parts of the event change from build to build (generated tool call ids, times derived
    // from the timestamp): a second build with other values decides, so each body is then built in full.
    explicit EventStamper(const contract::EventOptions &event);

    bool isUsable() const { return m_idOffset >= 0; }
    // The body with this call id (a UUID as text) and timestamp (as contract::isoTimestamp writes it); empty when
    // either has another length than the built one, or the stamper is not usable.
    QByteArray stamp(const QByteArray &callId, const QByteArray &timestamp) const;

private:
    QByteArray m_body;
    qsizetype m_idOffset = -1;
    qsizetype m_idSize = 0;
    qsizetype m_timestampOffset = -1;
    qsizetype m_timestampSize = 0;
};

// The time of sending as the platform writes it ("2025-12-13T12:00:00.123Z"): Qt formats each second once and the
// milliseconds are written in place.
class TimestampClock final {
public:
    QByteArray now();

private:
    QByteArray m_text;
    qint64 m_second = -1;
};

// A fresh UUID v4 as text (without braces), from a generator the system seeded: unique, which is what a call id
// needs, without a system call per id.
QByteArray freshCallId();

} // namespace dockside::composer
