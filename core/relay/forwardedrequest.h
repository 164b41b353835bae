// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "relayoptions.h"

#include "base/capturedrequest.h"
#include "base/headerlist.h"

#include <QByteArray>
#include <QUrl>

namespace dockside::relay {

// The request as the relay writes it to the upstream: the platform's method, headers and body unchanged, but for
// the hop-by-hop headers, Host (the upstream's) and, when asked, X-Forwarded-For and a new signature.
struct ForwardedRequest {
    QUrl url; // the upstream with the request's path suffix and query
    QByteArray method;
    QByteArray target;
    QByteArray hostHeader;
    base::HeaderList headers; // without Host and Content-Length, which serializeRequest() writes
    QByteArray body;
    bool resigned = false;

    QByteArray wire() const;
};

// True for headers that belong to one connection, not to the message (RFC 9110 §7.6.1), including those the
// Connection header names.
bool isHopByHop(const QByteArray &name, const QList<QByteArray> &connectionTokens);
QList<QByteArray> connectionTokens(const base::HeaderList &headers);

// upstream's path with the request's path suffix and query: "/hook" + "/a?b=1" = "/hook/a?b=1"; "/" adds nothing.
QByteArray joinTarget(const QUrl &upstream, const QByteArray &requestTarget);

ForwardedRequest prepareForward(const base::CapturedRequest &request, const QUrl &upstream,
                                const RelayOptions &options);

// The webhook's answer headers as the caller gets them: in order and as sent, without hop-by-hop headers and the
// framing (Content-Length, Transfer-Encoding), which the endpoint's connection writes for the body it sends.
base::HeaderList answerHeaders(const base::HeaderList &upstreamHeaders);

// "sha256=<hex HMAC-SHA256(secret, "<timestamp header text>.<body>")>", the platform's signature (CONTRACT.md §1).
QByteArray resignature(const QByteArray &secret, const QByteArray &timestampText, const QByteArray &body);

} // namespace dockside::relay
