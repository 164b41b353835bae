// SPDX-License-Identifier: GPL-3.0-or-later

#include "suiterunner.h"

#include "eventsender.h"

#include "contract/callevent.h"

#include <QTimer>

#include <algorithm>

namespace dockside::composer {

using namespace Qt::StringLiterals;

int SuiteReport::passedCount() const
{
    return static_cast<int>(
        std::count_if(results.cbegin(), results.cend(), [](const ScenarioResult &result) { return result.passed(); }));
}

int SuiteReport::failedCount() const
{
    return static_cast<int>(std::count_if(results.cbegin(), results.cend(), [](const ScenarioResult &result) {
        return !result.cancelled && !result.passed();
    }));
}

int SuiteReport::cancelledCount() const
{
    return static_cast<int>(
        std::count_if(results.cbegin(), results.cend(), [](const ScenarioResult &result) { return result.cancelled; }));
}

SuiteRunner::SuiteRunner(QObject *parent)
    : QObject(parent)
    , m_sender(new EventSender(this))
{
    connect(m_sender, &EventSender::finished, this, [this](quint64 id, const SendResult &result) {
        if (!m_running || !m_inFlight.contains(id))
            return;
        answered(m_inFlight.take(id), result);
    });
    connect(m_sender, &EventSender::failed, this, [this](quint64 id, const QString &message) {
        if (!m_running || !m_inFlight.contains(id))
            return;
        const qsizetype index = m_inFlight.take(id);
        SendResult result;
        result.transport = contract::Transport::Unreachable;
        result.transportError = message;
        answered(index, result);
    });
}

SuiteRunner::~SuiteRunner() = default;

void SuiteRunner::run(const QUrl &url, const QList<Scenario> &scenarios, const QByteArray &secret,
                      const QJsonObject &defaultAssistant, int concurrency)
{
    if (m_running)
        return;
    m_url = url;
    m_scenarios = scenarios;
    m_secret = secret;
    m_defaultAssistant = defaultAssistant;
    m_concurrency = std::max(1, concurrency);
    m_nextIndex = 0;
    m_done = 0;
    m_inFlight.clear();
    m_stepRuns.clear();
    m_results = QList<std::optional<ScenarioResult>>(scenarios.size());
    m_clock.start();
    m_running = true;
    // Queued, so that a caller connecting after run() still sees every signal, even for an empty suite.
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        if (m_scenarios.isEmpty())
            finish();
        else
            startMore();
    });
}

void SuiteRunner::startMore()
{
    while (m_running && m_inFlight.size() < m_concurrency && m_nextIndex < m_scenarios.size()) {
        const qsizetype index = m_nextIndex++;
        if (!m_scenarios.at(index).steps.isEmpty()) {
            StepRun run;
            run.callId = contract::newCallId();
            run.result.scenarioId = m_scenarios.at(index).id;
            run.result.scenarioName = m_scenarios.at(index).displayName();
            m_stepRuns.insert(index, run);
        }
        send(index);
    }
}

void SuiteRunner::send(qsizetype index)
{
    const Scenario &scenario = m_scenarios.at(index);
    SendOptions options = scenario.steps.isEmpty()
        ? scenario.sendOptions(m_secret)
        : scenario.stepSendOptions(m_stepRuns.value(index).next, m_stepRuns.value(index).callId, m_secret);
    options.url = m_url;
    options.defaultAssistant = m_defaultAssistant;
    m_inFlight.insert(m_sender->send(options), index);
}

void SuiteRunner::answered(qsizetype index, const SendResult &result)
{
    const Scenario &scenario = m_scenarios.at(index);
    if (scenario.steps.isEmpty()) {
        record(index, evaluateScenario(scenario, result));
        return;
    }
    StepRun &run = m_stepRuns[index];
    const qsizetype stepIndex = run.next++;
    const ScenarioStep &step = scenario.steps.at(stepIndex);
    // The step's expectations, read as a one-event scenario's.
    Scenario single;
    single.id = scenario.id;
    single.name = scenario.name;
    single.expect = step.expect;
    const ScenarioResult stepResult = evaluateScenario(single, result);
    // Each expectation says which step it read: "step 3 (tool-calls): status".
    const QString prefix = u"step %1 (%2): "_s.arg(stepIndex + 1).arg(step.eventType());
    for (ExpectationResult expectation : stepResult.expectations) {
        expectation.name.prepend(prefix);
        run.result.expectations.append(expectation);
    }
    // The answer shown is the assistant-request's (it decides the call), else the last one.
    if (stepIndex == 0 || stepResult.outcome || !run.result.outcome) {
        run.result.transport = stepResult.transport;
        run.result.transportError = stepResult.transportError;
        run.result.httpStatus = stepResult.httpStatus;
        run.result.responseBody = stepResult.responseBody;
        run.result.latencyUs = stepResult.latencyUs;
        if (stepResult.outcome)
            run.result.outcome = stepResult.outcome;
    }
    if (run.next < scenario.steps.size()) {
        send(index);
        return;
    }
    const ScenarioResult finished = m_stepRuns.take(index).result;
    record(index, finished);
}

void SuiteRunner::record(qsizetype index, const ScenarioResult &result)
{
    m_results[index] = result;
    ++m_done;
    Q_EMIT scenarioFinished(result);
    Q_EMIT progress(m_done, static_cast<int>(m_scenarios.size()));
    if (m_done == m_scenarios.size())
        finish();
    else
        startMore();
}

void SuiteRunner::cancel()
{
    if (!m_running)
        return;
    const QList<quint64> ids = m_inFlight.keys();
    for (qsizetype index = 0; index < m_results.size(); ++index) {
        if (m_results.at(index))
            continue;
        ScenarioResult result;
        result.scenarioId = m_scenarios.at(index).id;
        result.scenarioName = m_scenarios.at(index).displayName();
        result.transport = contract::Transport::Unreachable;
        result.transportError = QStringLiteral("cancelled");
        result.cancelled = true;
        m_results[index] = result;
    }
    m_inFlight.clear();
    m_stepRuns.clear();
    finish();
    // After finish(), so that the results these aborts produce are ignored.
    for (const quint64 id : ids)
        m_sender->cancel(id);
}

void SuiteRunner::finish()
{
    SuiteReport report;
    report.elapsedMs = m_clock.elapsed();
    for (const std::optional<ScenarioResult> &result : std::as_const(m_results)) {
        if (result) {
            report.results.append(*result);
            report.cancelled = report.cancelled || result->cancelled;
        }
    }
    m_running = false;
    Q_EMIT finished(report);
}

} // namespace dockside::composer
