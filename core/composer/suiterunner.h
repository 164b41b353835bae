// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "scenario.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

namespace dockside::composer {

class EventSender;

inline constexpr int kDefaultSuiteConcurrency = 4;

// Every scenario's result, in the order the scenarios were given.
struct SuiteReport {
    QList<ScenarioResult> results;
    qint64 elapsedMs = 0;
    bool cancelled = false;

    int passedCount() const;
    int failedCount() const; // ran and missed at least one expectation
    int cancelledCount() const;
    bool allPassed() const { return passedCount() == results.size(); }
};

// Runs scenarios against one webhook with at most `concurrency` events in flight, so a suite neither waits for
// each answer in turn nor floods a developer's server. A whole-call scenario sends its steps one after another, each
// once the previous one is answered, and takes one place in flight.
class SuiteRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuiteRunner)

public:
    explicit SuiteRunner(QObject *parent = nullptr);
    ~SuiteRunner() override;

    // Starts the suite; finished() follows, also for an empty list. Ignored while a suite runs.
    void run(const QUrl &url, const QList<Scenario> &scenarios, const QByteArray &secret,
             const QJsonObject &defaultAssistant, int concurrency = kDefaultSuiteConcurrency);
    // Stops sending; scenarios without an answer yet are reported as cancelled, and finished() follows at once.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    void scenarioFinished(const dockside::composer::ScenarioResult &result);
    void finished(const dockside::composer::SuiteReport &report);

private:
    void startMore();
    void send(qsizetype index);
    void answered(qsizetype index, const SendResult &result);
    void record(qsizetype index, const ScenarioResult &result);
    void finish();

    EventSender *m_sender = nullptr;
    QUrl m_url;
    QList<Scenario> m_scenarios;
    QByteArray m_secret;
    QJsonObject m_defaultAssistant;
    int m_concurrency = kDefaultSuiteConcurrency;
    qsizetype m_nextIndex = 0;
    int m_done = 0;
    QHash<quint64, qsizetype> m_inFlight; // send id to scenario index
    QList<std::optional<ScenarioResult>> m_results;
    // A whole-call scenario in flight: its next step, its run's call id and the expectations checked so far.
    struct StepRun {
        qsizetype next = 0;
        QString callId;
        ScenarioResult result;
    };
    QHash<qsizetype, StepRun> m_stepRuns;
    QElapsedTimer m_clock;
    bool m_running = false;
};

} // namespace dockside::composer
