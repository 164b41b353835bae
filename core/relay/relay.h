// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "forwardedrequest.h"
#include "relayoptions.h"

#include "base/capturedrequest.h"
#include "contract/calloutcome.h"
#include "http/httpclientconnection.h"

#include <QList>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <optional>

namespace dockside::relay {

// How a forwarded exchange ended, against the platform's deadline.
enum class RelayVerdict {
    InTime, // a complete answer within the deadline
    Late, // a complete answer, after the deadline
    Failed, // no answer: refused, reset, DNS, TLS, too large, not HTTP; before the deadline
    FailedLate, // no answer by the deadline, and none or a failure after it
};

QString verdictName(RelayVerdict verdict);
std::optional<RelayVerdict> verdictFromName(const QString &name);

// One request relayed to the webhook and what came back. Times are microseconds since the request reached Dockside.
struct RelayResult {
    ForwardedRequest forwarded;
    http::ClientExchange exchange; // its own times count from when the forwarded request left
    qint64 sentAtUs = 0; // when the forwarded request left
    qint64 finishedAtUs = 0; // when the answer was complete, or the relay stopped waiting
    qint64 deadlineMs = 0;
    LateAnswer late = LateAnswer::Faithful;
    RelayVerdict verdict = RelayVerdict::InTime;
    bool stopped = false; // the relay was stopped (the endpoint stopped) before the webhook answered

    // What the platform observes: the webhook's real answer, timed from the request's arrival.
    contract::Exchange observed() const;
    // The webhook's answer is what the caller gets (faithful, or in time).
    bool passesAnswerOn() const { return exchange.response.has_value() && !usesFallback(); }
    bool usesFallback() const { return late == LateAnswer::Fallback && verdict != RelayVerdict::InTime && !stopped; }
    // In words, for the history and the log: empty when the webhook answered in time.
    QString message() const;
};

// Forwards captured requests to upstream webhooks without blocking the event loop, one connection per request in
// flight, reusing connections the upstream keeps alive.
class Relay final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Relay)

public:
    using Done = std::function<void(const RelayResult &result)>;

    explicit Relay(RelayOptions options = {}, QObject *parent = nullptr);
    ~Relay() override;

    const RelayOptions &options() const { return m_options; }
    // For requests forwarded from now on; empty: the platform's signature is passed on.
    void setResignSecret(const QByteArray &secret) { m_options.resignSecret = secret; }

    // Forwards request to upstream; done follows exactly once, never before forward() returns: with the answer, at
    // the deadline (fallback), or when the relay gives up (faithful). The deadline runs from request.receivedAtUs.
    void forward(const base::CapturedRequest &request, const QUrl &upstream, qint64 deadlineMs, LateAnswer late,
                 Done done);
    int inFlight() const { return static_cast<int>(m_busy.size()); }
    // Ends every exchange in flight at once: each one's done runs before this returns, with `stopped` set, so the
    // caller can record what is known of it.
    void stopAll();

private:
    http::HttpClientConnection *takeConnection(const QUrl &upstream);
    void release(http::HttpClientConnection *connection);

    RelayOptions m_options;
    QSslConfiguration m_tls;
    QList<http::HttpClientConnection *> m_idle;
    QList<http::HttpClientConnection *> m_busy;
    bool m_stopping = false;
};

} // namespace dockside::relay
