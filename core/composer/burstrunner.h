// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "eventstamper.h"
#include "sendoptions.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace dockside::http {
class HttpClientConnection;
struct ClientExchange;
} // namespace dockside::http

namespace dockside::composer {

class EventSender;
using http::ClientExchange;
using http::HttpClientConnection;
struct SendResult;

// N signed events with C in flight against one webhook: what the CLI's `burst` and any front end fill in.
struct BurstOptions {
    SendOptions request; // the template; every request gets a fresh call id
    int count = 100;
    int concurrency = 10;
    bool allowNonLoopback = false; // load aimed anywhere but this machine must be asked for explicitly
};

struct BurstReport {
    int sent = 0; // requests that ended, whatever the result
    int answered = 0; // a complete answer within the deadline
    int missedDeadline = 0;
    int unreachable = 0;
    int cancelled = 0;
    QMap<int, int> statuses; // HTTP status -> how many answers carried it
    // Over answered and late requests (a late one counts with the time it was given up at); unreachable ones have no
    // latency worth the name.
    double p50Ms = 0;
    double p90Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double requestsPerSecond = 0; // answered requests a second: late or unreachable ones are not throughput
    double wallMs = 0;
    // Every latency the percentiles come from, ascending: what a histogram draws. 8 bytes a request, so even the
    // window's largest burst (a million requests) holds 8 MB, and the report's copies share it (implicit sharing).
    QList<double> latenciesMs;

    int nonSuccessStatuses() const;
    // Every request answered in time with a 2xx status.
    bool allAnsweredInTime() const;
};

// The nearest-rank percentile (0 < fraction <= 1) of sorted values; 0 for none.
double nearestRankPercentile(const QList<double> &sorted, double fraction);

// True for 127.0.0.0/8, ::1 and "localhost": the only targets a burst aims at unless allowed otherwise.
bool isLoopbackHost(const QString &host);

// Keeps C requests in flight until N have ended, then reports latency percentiles and what failed. Over http:// it
// drives C persistent connections itself, each carrying its next request as soon as an answer is complete; every
// request is still built, signed and timed like a send, but nothing else (no history record, no call outcome).
class BurstRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstRunner)

public:
    explicit BurstRunner(QObject *parent = nullptr);
    ~BurstRunner() override;

    // False (and failed() is emitted) when the options are refused; then nothing is sent.
    bool run(const BurstOptions &options);
    // Stops sending and aborts what is in flight; finished() follows with the requests cancelled counted.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const dockside::composer::BurstReport &report);
    void failed(const QString &message);

private:
    void sendOn(HttpClientConnection *connection);
    void recordExchange(const ClientExchange &exchange);
    void startOverNetworkManager();
    void sendNext();
    void record(EventSender *sender, quint64 id, const SendResult &result);
    void count(contract::Transport transport, int status, qint64 latencyUs);
    void finish();

    // http://: C connections (children), each reconnecting by itself when the server closes it.
    std::vector<HttpClientConnection *> m_connections;
    SendOptions m_request; // the template; only the call id and the time change from request to request
    std::optional<EventStamper> m_stamper;
    TimestampClock m_clock;
    QByteArray m_target;
    QByteArray m_hostHeader;
    qint64 m_deadlineMs = 0;
    int m_plainInFlight = 0;
    // https://: one sender per six in flight: each owns a QNetworkAccessManager, which opens at most six HTTP/1.1
    // connections per host and queues the rest.
    std::vector<std::unique_ptr<EventSender>> m_senders;
    QSet<std::pair<EventSender *, quint64>> m_inFlight; // ids are per sender
    BurstOptions m_options;
    BurstReport m_report;
    QList<double> m_latenciesMs;
    QElapsedTimer m_wall;
    int m_started = 0;
    bool m_running = false;
    bool m_cancelling = false;
};

} // namespace dockside::composer
