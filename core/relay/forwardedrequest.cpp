// SPDX-License-Identifier: GPL-3.0-or-later

#include "forwardedrequest.h"

#include "contract/signature.h"
#include "http/httpclientconnection.h"

#include <QMessageAuthenticationCode>

#include <array>

namespace dockside::relay {

using base::sameHeaderName;

QByteArray ForwardedRequest::wire() const
{
    return http::serializeRequest(method, target, hostHeader, headers, body);
}

QList<QByteArray> connectionTokens(const base::HeaderList &headers)
{
    QList<QByteArray> tokens;
    for (const auto &[name, value] : headers) {
        if (!sameHeaderName(name, "Connection"))
            continue;
        for (const QByteArray &token : value.split(','))
            if (const QByteArray trimmed = token.trimmed(); !trimmed.isEmpty())
                tokens.append(trimmed);
    }
    return tokens;
}

bool isHopByHop(const QByteArray &name, const QList<QByteArray> &connectionTokens)
{
    static constexpr std::array<QByteArrayView, 6> kHopByHop {"Connection", "Keep-Alive",        "TE",
                                                              "Trailer",    "Transfer-Encoding", "Upgrade"};
    if (std::any_of(kHopByHop.begin(), kHopByHop.end(),
                    [&name](QByteArrayView hop) { return sameHeaderName(name, hop); }))
        return true;
    if (QByteArrayView(name).first(std::min<qsizetype>(6, name.size())).compare("Proxy-", Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(connectionTokens.begin(), connectionTokens.end(),
                       [&name](const QByteArray &token) { return sameHeaderName(name, token); });
}

QByteArray joinTarget(const QUrl &upstream, const QByteArray &requestTarget)
{
    QByteArray path = upstream.path(QUrl::FullyEncoded).toUtf8();
    QByteArray query = upstream.query(QUrl::FullyEncoded).toUtf8();
    const qsizetype queryStart = requestTarget.indexOf('?');
    QByteArray suffix = queryStart < 0 ? requestTarget : requestTarget.left(queryStart);
    if (queryStart >= 0) {
        const QByteArray requestQuery = requestTarget.mid(queryStart + 1);
        query = query.isEmpty() ? requestQuery : query + '&' + requestQuery;
    }
    if (suffix != "/" && !suffix.isEmpty()) {
        if (path.endsWith('/'))
            path.chop(1);
        path += suffix.startsWith('/') ? suffix : '/' + suffix;
    }
    if (path.isEmpty())
        path = "/";
    return query.isEmpty() ? path : path + '?' + query;
}

QByteArray resignature(const QByteArray &secret, const QByteArray &timestampText, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(timestampText);
    mac.addData(".");
    mac.addData(body);
    return "sha256=" + mac.result().toHex();
}

ForwardedRequest prepareForward(const base::CapturedRequest &request, const QUrl &upstream, const RelayOptions &options)
{
    ForwardedRequest forwarded;
    forwarded.method = request.method;
    forwarded.target = joinTarget(upstream, request.target);
    forwarded.url = upstream;
    const qsizetype queryStart = forwarded.target.indexOf('?');
    forwarded.url.setPath(
        QString::fromUtf8(forwarded.target.left(queryStart < 0 ? forwarded.target.size() : queryStart)),
        QUrl::TolerantMode);
    if (queryStart >= 0)
        forwarded.url.setQuery(QString::fromUtf8(forwarded.target.mid(queryStart + 1)), QUrl::TolerantMode);
    forwarded.hostHeader = http::hostHeader(upstream);
    forwarded.body = request.body;

    const QList<QByteArray> tokens = connectionTokens(request.headers);
    const std::optional<QByteArray> timestamp = request.header(contract::kTimestampHeader);
    QByteArray forwardedFor;
    for (const auto &[name, value] : request.headers) {
        // Dockside's server already answered Expect and removed the chunked framing of the body.
        if (isHopByHop(name, tokens) || sameHeaderName(name, "Host") || sameHeaderName(name, "Content-Length") ||
            sameHeaderName(name, "Expect"))
            continue;
        if (options.forwardedFor && sameHeaderName(name, "X-Forwarded-For")) {
            forwardedFor = value;
            continue;
        }
        if (!options.resignSecret.isEmpty() && timestamp && sameHeaderName(name, contract::kSignatureHeader)) {
            forwarded.headers.append({name, resignature(options.resignSecret, *timestamp, request.body)});
            forwarded.resigned = true;
            continue;
        }
        forwarded.headers.append({name, value});
    }
    if (options.forwardedFor) {
        const QByteArray peer = request.peerAddress.toLatin1();
        forwarded.headers.append({"X-Forwarded-For", forwardedFor.isEmpty() ? peer : forwardedFor + ", " + peer});
    }
    return forwarded;
}

base::HeaderList answerHeaders(const base::HeaderList &upstreamHeaders)
{
    const QList<QByteArray> tokens = connectionTokens(upstreamHeaders);
    base::HeaderList headers;
    headers.reserve(upstreamHeaders.size());
    for (const auto &header : upstreamHeaders) {
        if (isHopByHop(header.first, tokens) || sameHeaderName(header.first, "Content-Length"))
            continue;
        headers.append(header);
    }
    return headers;
}

} // namespace dockside::relay
