// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "sendoptions.h"
#include "sendresult.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace dockside::http {
class HttpClientConnection;
struct ClientExchange;
} // namespace dockside::http

namespace dockside::composer {

using http::ClientExchange;
using http::HttpClientConnection;
struct PendingSend;
struct PreparedRequest;

// Plays the platform: builds and signs events, sends them, enforces the deadline with its own precise clock and
// computes the call outcome. Several sends may run at once. Plain http:// goes over Dockside's own HTTP/1.1
// connections (pooled and kept alive, timed to the microsecond, no thread hop); https:// over QNetworkAccessManager.
class EventSender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSender)

public:
    explicit EventSender(QObject *parent = nullptr);
    ~EventSender() override;

    // Returns the id that finished() or failed() will carry.
    quint64 send(const SendOptions &options);
    void cancel(quint64 id);
    int inFlight() const { return static_cast<int>(m_pending.size()); }

Q_SIGNALS:
    // The exchange ended: answered, timed out or unreachable; the result says which.
    void finished(quint64 id, const dockside::composer::SendResult &result);
    // Nothing was sent: the options cannot make a request (not an http(s) URL, for example).
    void failed(quint64 id, const QString &message);

private:
    void sendPlain(quint64 id, const std::shared_ptr<PendingSend> &pending, const QByteArray &request);
    void sendOverNetworkManager(quint64 id, const std::shared_ptr<PendingSend> &pending,
                                const PreparedRequest &prepared);
    void complete(quint64 id);
    void completePlain(HttpClientConnection *connection, const ClientExchange &exchange);
    void finish(quint64 id, PendingSend &pending);
    HttpClientConnection *takeConnection(const QString &host, quint16 port);

    std::unique_ptr<QNetworkAccessManager> m_network; // created for the first https:// send
    QHash<quint64, std::shared_ptr<PendingSend>> m_pending;
    QList<HttpClientConnection *> m_idleConnections; // children; kept alive by the server, ready for reuse
    QHash<HttpClientConnection *, quint64> m_busyConnections; // -> the send it carries
    quint64 m_nextId = 1;
};

// Builds the request body and headers exactly as they will be sent; exposed so replays and curl copies agree.
struct PreparedRequest {
    QByteArray body;
    base::HeaderList headers;
    QByteArray signedString; // empty when unsigned
};
PreparedRequest prepareRequest(const SendOptions &options, qint64 nowSeconds);
// The same around a body the caller built from options (a burst writes a fresh call id into one built body).
PreparedRequest prepareRequest(const SendOptions &options, qint64 nowSeconds, const QByteArray &body);

} // namespace dockside::composer
