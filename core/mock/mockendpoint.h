// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "mockendpointoptions.h"
#include "mockresponder.h"

#include "history/exchangerecord.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace dockside::history {
class HistoryStore;
}

namespace dockside::http {
class HttpConnection;
class HttpServer;
} // namespace dockside::http

namespace dockside::relay {
class Relay;
}

namespace dockside::mock {

struct MockCounters {
    qint64 received = 0;
    qint64 answered = 0;
    qint64 dropped = 0; // closed without an answer (fault, or the client left)
    qint64 rejected = 0; // refused by a limit or the protocol (400, 408, 413, 431)
    qint64 historyBacklog = 0; // durable in the spool, not yet copied into the history's tables
};

// What the timeline shows as a mock answer's latency, in microseconds: from the request's last byte until the answer
// was decided or, when the template holds it longer, until that delay ends. The wait for the history's spool write
// that follows is not included.
qint64 answerLatencyUs(qint64 receivedAtUs, qint64 handledAtUs, qint64 decidedAtUs, qint64 holdMs);

// The mock webhook: captures every request, answers from the workspace's rules and templates, and records
// each exchange in the history before its answer leaves.
class MockEndpoint final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockEndpoint)

public:
    // history may be null (nothing is recorded); it must outlive the endpoint.
    explicit MockEndpoint(history::HistoryStore *history, QObject *parent = nullptr);
    ~MockEndpoint() override;

    // Takes effect for the next request, also while running.
    void setResponder(const MockResponder &responder);
    // The developer's webhook's own secret for re-signing forwarded requests, also while running; empty: off.
    void setResignSecret(const QByteArray &secret);
    // The clock the rules see and whether X-Dockside-Clock is honoured (from loopback), also while running.
    void setClock(const base::MockClock &clock, bool allowClockHeader);
    const MockResponder &responder() const { return m_responder; }

    void start(const MockEndpointOptions &options);
    void stop();
    bool isRunning() const;
    QUrl url() const;
    const MockEndpointOptions &options() const { return m_options; }
    MockCounters counters() const;

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);
    void stopped();
    // After the exchange is durable in the history (or at once without a history).
    void exchangeRecorded(const dockside::history::ExchangeRecord &record);
    void requestRejected(const QString &peer, int status, const QString &reason);
    void countersChanged();

private:
    void handleRequest(http::HttpConnection *connection, const base::CapturedRequest &request);
    void forward(const std::shared_ptr<struct PendingAnswer> &pending, const base::CapturedRequest &request);
    void recordAndDeliver(const std::shared_ptr<struct PendingAnswer> &pending);
    void deliver(const std::shared_ptr<struct PendingAnswer> &pending);

    history::HistoryStore *m_history = nullptr;
    std::unique_ptr<http::HttpServer> m_server;
    std::unique_ptr<relay::Relay> m_relay; // forwards "forward to URL" answers to the developer's webhook
    MockResponder m_responder;
    MockEndpointOptions m_options;
    MockCounters m_counters;
    QString m_baseUrl;
};

} // namespace dockside::mock
