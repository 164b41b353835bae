#pragma once

#include "base/headerlist.h"

#include <QByteArray>

namespace dockside::http {

struct HttpResponse {
    int status = 200;
    base::HeaderList headers; // Content-Length and Connection are added by the connection
    QByteArray body;
    bool closeAfter = false;
};

} // namespace dockside::http
