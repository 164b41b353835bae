// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"
#include "history/historyoptions.h"
#include "mock/mockendpoint.h"
#include "mock/mockendpointoptions.h"
#include "mock/mockresponder.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <functional>

#include <memory>
#include <optional>

namespace dockside::history {
class HistoryStore;
}
namespace dockside::teamhistory {
class TeamCopier;
class TeamListener;
struct TeamDatabase;
} // namespace dockside::teamhistory

namespace dockside::ui {

// The developer's webhook as the relay last saw it: the latest relayed exchange, for the endpoint panel.
struct UpstreamReport {
    QString url;
    int status = 0; // 0: no complete answer
    qint64 finishedAfterUs = 0; // from the request's arrival to the answer or the failure
    QString verdict; // relay::verdictName()
    QString error;
    qint64 receivedAtUs = 0; // when the request arrived, Unix microseconds
    qint64 relayed = 0; // exchanges relayed since the endpoint started
};

// Runs the mock endpoint and the history store on a worker thread, so a burst of requests never
// stalls the window; everything it reports arrives on the GUI thread, coalesced.
class EndpointHost final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointHost)

public:
    explicit EndpointHost(QObject *parent = nullptr);
    ~EndpointHost() override;

    /*! Opens the history file on the worker thread and waits for it; on failure the endpoint runs unrecorded. A team
        history's postgresql:// URL records into this machine's local history for it, copied to the team database. */
    bool openHistory(const history::HistoryOptions &options, QString *error);
    bool hasHistory() const { return m_historyOpen; }
    /*! What readers open: the history file, or the team history's URL. */
    QString historyPath() const { return m_historyPath; }
    bool isTeamHistory() const { return m_teamCopier != nullptr; }
    /*! The team history's role may only read: this window's exchanges stay in its local history, uncopied. */
    void stopTeamCopy();
    /*! Opens the copier's and the listener's connections again, for example with a new password. */
    void restartTeamHistory();
    /*! The last teamStatusChanged() text; empty without a team history. */
    const QString &teamStatus() const { return m_teamStatusText; }
    /*! What opening the history changed that the user should hear of (files others could read, made private). */
    QString historyNotice() const { return m_historyNotice; }

    void start(const mock::MockEndpointOptions &options);
    void stop();
    // Takes effect for the next request, also while running.
    void setResponder(const mock::MockResponder &responder);
    // Re-signs forwarded requests with the webhook's own secret from the next one on; empty: off.
    void setResignSecret(const QByteArray &secret);
    // The workspace's clock and whether X-Dockside-Clock is honoured, at once also while running.
    void setClock(const base::MockClock &clock, bool allowClockHeader);
    // An exchange the composer made; it lands in the same history as the endpoint's.
    void recordOutbound(const history::ExchangeRecord &record);
    /*! Removes every exchange durable when the worker gets to it; historyCleared() or historyFailed() follows. */
    void clearHistory();
    /*! Erases a caller from the history off the GUI thread; historyForgotten() or historyFailed() follows. */
    void forgetCaller(const QString &number);
    /*! New retention limits, applied at once and from then on (0: no limit). */
    void setRetention(qint64 maxRows, int maxAgeDays);

    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }
    const mock::MockEndpointOptions &options() const { return m_options; }
    mock::MockCounters counters() const { return m_counters; }

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &message);
    void stopped();
    // At most a few times a second, however many requests arrive.
    void countersChanged(const dockside::mock::MockCounters &counters);
    // Ids of rows that are durable in the history, in batches.
    void historyAppended(const QList<qint64> &ids);
    void historyFailed(const QString &message);
    // After every historyAppended() of the rows it removed, and before any of the rows kept.
    void historyCleared(qint64 removedRows);
    void historyForgotten(const QString &number, qint64 exchanges, qint64 calls);
    void retentionApplied(qint64 removedRows);
    void requestRejected(const QString &peer, int status, const QString &reason);
    // After a relayed exchange, at most a few times a second.
    void upstreamSeen(const dockside::ui::UpstreamReport &report);
    // The team history in a few words ("12 waiting to be copied", "unreachable"); problem when it needs attention.
    void teamStatusChanged(const QString &status, bool problem);
    // The team history is heard again after a break: what arrived meanwhile was not announced, so read again.
    void teamHistoryResumed();

private:
    void startTeamHistory(const teamhistory::TeamDatabase &database, const QString &localPath);
    void reportTeamStatus();
    void runTeamJob(std::function<void()> job);

    QThread m_thread;
    history::HistoryStore *m_store = nullptr; // lives on m_thread
    mock::MockEndpoint *m_endpoint = nullptr; // lives on m_thread
    QTimer *m_counterTimer = nullptr; // lives on m_thread
    bool m_countersDirty = false; // touched on m_thread only
    qint64 m_reportedBacklog = 0; // touched on m_thread only
    std::optional<UpstreamReport> m_upstream; // the latest not yet reported; touched on m_thread only
    qint64 m_relayed = 0; // touched on m_thread only

    mock::MockEndpointOptions m_options;
    mock::MockCounters m_counters;
    QUrl m_url;
    QString m_historyNotice;
    QString m_historyPath;
    bool m_historyOpen = false;
    bool m_running = false;
    std::unique_ptr<teamhistory::TeamCopier> m_teamCopier;
    std::unique_ptr<teamhistory::TeamListener> m_teamListener;
    QString m_teamProblem; // the copier's last failure, until it recovers
    QString m_teamStatusText;
    QString m_teamLocalPath;
    QTimer *m_teamStatusTimer = nullptr; // the backlog grows while the database is away: say so as it does
    QList<QThread *> m_teamJobs; // clears and erasures running on the team database
};

} // namespace dockside::ui
