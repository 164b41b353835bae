// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "headerlist.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace dockside::base {

// One HTTP request exactly as it arrived: nothing normalised, nothing re-serialised.
struct CapturedRequest {
    qint64 receivedAtUs = 0; // Unix time in microseconds, when the last byte arrived
    QByteArray method;
    QByteArray target; // the raw request-target: path and query as sent
    QByteArray httpVersion;
    HeaderList headers; // in the order they came, names as sent
    QByteArray body;
    QString peerAddress;
    quint16 peerPort = 0;
    qint64 headerBytes = 0;

    QByteArray path() const;
    QByteArray rawQuery() const;
    // The first header with this name, compared case-insensitively.
    std::optional<QByteArray> header(QByteArrayView name) const;
};

} // namespace dockside::base
