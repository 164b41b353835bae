// SPDX-License-Identifier: GPL-3.0-or-later

#include "suiterunner.h"

#include "eventsender.h"

#include <QTimer>

#include <algorithm>

namespace dockside::composer {

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
        const qsizetype index = m_inFlight.take(id);
        record(index, evaluateScenario(m_scenarios.at(index), result));
    });
    connect(m_sender, &EventSender::failed, this, [this](quint64 id, const QString &message) {
        if (!m_running || !m_inFlight.contains(id))
            return;
        const qsizetype index = m_inFlight.take(id);
        SendResult result;
        result.transport = contract::Transport::Unreachable;
        result.transportError = message;
        record(index, evaluateScenario(m_scenarios.at(index), result));
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
        SendOptions options = m_scenarios.at(index).sendOptions(m_secret);
        options.url = m_url;
        options.defaultAssistant = m_defaultAssistant;
        const quint64 id = m_sender->send(options);
        m_inFlight.insert(id, index);
    }
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
