// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

namespace dockside::http {

// What one connection may cost the server; every limit is enforced before the bytes are kept.
struct HttpLimits {
    qint64 maxBodyBytes = 10 * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int headerTimeoutMs = 10000; // from the first byte of a request to the end of its headers (slowloris)
    int requestTimeoutMs = 60000; // from the first byte of a request to its last
    int idleTimeoutMs = 30000; // a kept-alive connection with no request in progress
    int maxConnections = 1024;
};

} // namespace dockside::http
