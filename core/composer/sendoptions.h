// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "contract/callevent.h"
#include "contract/calloutcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

#include <optional>

namespace dockside::composer {

// One event to send as the platform would: the GUI's composer form and `dockside-cli send` both fill this.
struct SendOptions {
    QUrl url;
    contract::EventOptions event;
    std::optional<QByteArray> rawBody; // sent byte for byte instead of the event built from `event`
    // Sent instead of the platform's headers, for replays; with a secret the signature headers are replaced.
    std::optional<base::HeaderList> rawHeaders;
    QByteArray secret; // empty: no signature headers, as the platform does without a secret
    std::optional<qint64> signatureTimestamp; // Unix seconds; default: the moment of sending
    std::optional<qint64> deadlineMs; // default: 5 s for assistant-request, 20 s for the others
    base::HeaderList extraHeaders;
    // Sent as X-Dockside-Clock: the moment Dockside's mock endpoint evaluates its rules at ("Call at", a scenario's
    // "at"). Another webhook ignores the header.
    std::optional<QDateTime> callAt;
    QJsonObject defaultAssistant; // what the outcome merges onto; empty: the built-in default

    QString eventTypeName() const;
    qint64 effectiveDeadlineMs() const;
};

} // namespace dockside::composer
