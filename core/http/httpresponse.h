// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"

#include <QByteArray>

namespace dockside::http {

struct HttpResponse {
    HttpResponse() = default;
    HttpResponse(int status_, base::HeaderList headers_, QByteArray body_, bool closeAfter_ = false)
        : status(status_)
        , headers(std::move(headers_))
        , body(std::move(body_))
        , closeAfter(closeAfter_)
    {
    }

    int status = 200;
    base::HeaderList headers; // Content-Length and Connection are added by the connection
    QByteArray body;
    bool closeAfter = false;
    QByteArray reasonPhrase; // empty: the standard phrase for status
    bool addServerHeader = true; // false for an answer passed on from another server as it came
    QByteArray headContentLength; // to a HEAD request: the Content-Length announced instead of the body's (a relay's)
};

} // namespace dockside::http
