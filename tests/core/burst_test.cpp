// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/burstrunner.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>

using namespace dockside;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec_burst_test");

const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "greet", "body": {"assistant": {"first_message": "Hi from the webhook"}}},
    {"id": "held", "body": {"assistant": {"first_message": "Held a while"}}, "delay_ms": 40},
    {"id": "slow", "body": {"assistant": {"first_message": "Slow"}}, "delay_ms": 300}
  ],
  "fallback_template": "greet",
  "rules": [
    {"id": "held", "conditions": [{"kind": "caller", "equals": "+3100000040"}], "template": "held"},
    {"id": "slow", "conditions": [{"kind": "caller", "equals": "+3100000300"}], "template": "slow"}
  ]
})";

class BurstTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const workspace::WorkspaceLoad load = workspace::parseWorkspace(kWorkspace);
        ASSERT_TRUE(load.workspace) << load.errors.first().message.toStdString();
        m_endpoint.setResponder(mock::MockResponder(*load.workspace, kSecret, 5000));
        mock::MockEndpointOptions options;
        options.port = 0;
        options.secret = kSecret;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
        // In flight at the endpoint: received and not yet answered. It only drops when an answer leaves, so its
        // peak is reached just before one; exchangeRecorded follows each answer, counted already.
        QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint, [this] {
            const mock::MockCounters counters = m_endpoint.counters();
            m_peakInFlight = std::max(m_peakInFlight, counters.received - counters.answered - counters.dropped + 1);
        });
    }

    composer::BurstOptions optionsFor(const QString &caller, int count, int concurrency) const
    {
        composer::BurstOptions options;
        options.request.url = m_endpoint.url().resolved(QUrl(QStringLiteral("/webhook")));
        options.request.event.customerNumber = caller;
        options.request.secret = kSecret;
        options.count = count;
        options.concurrency = concurrency;
        return options;
    }

    composer::BurstReport runBurst(const composer::BurstOptions &options, int timeoutMs = 20000)
    {
        QSignalSpy finished(&m_runner, &composer::BurstRunner::finished);
        EXPECT_TRUE(m_runner.run(options));
        EXPECT_TRUE(finished.count() == 1 || finished.wait(timeoutMs));
        return finished.isEmpty() ? composer::BurstReport {}
                                  : finished.constFirst().constFirst().value<composer::BurstReport>();
    }

    mock::MockEndpoint m_endpoint {nullptr};
    composer::BurstRunner m_runner;
    qint64 m_peakInFlight = 0;
};

} // namespace

TEST_F(BurstTest, CountsAddUpAndEveryRequestIsSignedAndAnswered)
{
    QSignalSpy progress(&m_runner, &composer::BurstRunner::progress);
    QMap<QString, int> signatures;
    QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint,
                     [&](const history::ExchangeRecord &record) { ++signatures[record.signatureStatus]; });
    const composer::BurstReport report = runBurst(optionsFor(QStringLiteral("+31612345678"), 200, 20));
    EXPECT_EQ(report.sent, 200);
    EXPECT_EQ(report.answered, 200);
    EXPECT_EQ(report.missedDeadline, 0);
    EXPECT_EQ(report.unreachable, 0);
    EXPECT_EQ(report.statuses, (QMap<int, int> {{200, 200}}));
    // The endpoint verified every signature with the shared secret.
    EXPECT_EQ(signatures, (QMap<QString, int> {{QStringLiteral("valid"), 200}}));
    EXPECT_TRUE(report.allAnsweredInTime());
    EXPECT_EQ(m_endpoint.counters().received, 200);
    EXPECT_EQ(progress.count(), 200);
    EXPECT_EQ(progress.constLast().at(0).toInt(), 200);
    EXPECT_EQ(progress.constLast().at(1).toInt(), 200);
    EXPECT_GT(report.requestsPerSecond, 0.0);
    EXPECT_GT(report.wallMs, 0.0);
}

TEST_F(BurstTest, EveryRequestCarriesAFreshCallId)
{
    QSet<QString> callIds;
    QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint,
                     [&](const history::ExchangeRecord &record) { callIds.insert(record.callId); });
    runBurst(optionsFor(QStringLiteral("+31612345678"), 50, 10));
    EXPECT_EQ(callIds.size(), 50);
    EXPECT_FALSE(callIds.contains(QString()));
}

TEST_F(BurstTest, KeepsExactlyCInFlightBeyondSixConnections)
{
    // A held answer lets requests pile up at the endpoint; one QNetworkAccessManager alone would stop at six.
    const composer::BurstReport report = runBurst(optionsFor(QStringLiteral("+3100000040"), 60, 15));
    EXPECT_EQ(report.answered, 60);
    EXPECT_EQ(m_peakInFlight, 15);
    EXPECT_GE(report.p50Ms, 40.0);
}

TEST_F(BurstTest, RunsOverCPersistentConnections)
{
    QSet<quint16> clientPorts;
    QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint,
                     [&](const history::ExchangeRecord &record) { clientPorts.insert(record.request.peerPort); });
    const composer::BurstReport report = runBurst(optionsFor(QStringLiteral("+31612345678"), 300, 12));
    EXPECT_EQ(report.answered, 300);
    // Each of the 12 connections carried its share of the 300 requests, one after another.
    EXPECT_EQ(clientPorts.size(), 12);
}

TEST_F(BurstTest, NeverMoreInFlightThanTheConcurrency)
{
    const composer::BurstReport report = runBurst(optionsFor(QStringLiteral("+3100000040"), 30, 3));
    EXPECT_EQ(report.answered, 30);
    EXPECT_EQ(m_peakInFlight, 3);
    // Three at a time, ten rounds of at least 40 ms.
    EXPECT_GE(report.wallMs, 400.0);
}

TEST_F(BurstTest, PercentilesAreOrderedAndWithinTheMeasuredRange)
{
    const composer::BurstReport report = runBurst(optionsFor(QStringLiteral("+3100000040"), 40, 8));
    EXPECT_GE(report.p50Ms, 40.0);
    EXPECT_LE(report.p50Ms, report.p90Ms);
    EXPECT_LE(report.p90Ms, report.p99Ms);
    EXPECT_LE(report.p99Ms, report.maxMs);
    EXPECT_LT(report.maxMs, 2000.0);
    // Each request's latency, ascending: the percentiles are ranks in it.
    ASSERT_EQ(report.latenciesMs.size(), 40);
    EXPECT_TRUE(std::is_sorted(report.latenciesMs.cbegin(), report.latenciesMs.cend()));
    EXPECT_GE(report.latenciesMs.constFirst(), 40.0);
    EXPECT_EQ(report.latenciesMs.at(19), report.p50Ms);
    EXPECT_EQ(report.latenciesMs.at(35), report.p90Ms);
    EXPECT_EQ(report.latenciesMs.constLast(), report.maxMs);
}

TEST_F(BurstTest, AnswersAfterTheDeadlineAreCountedAsMissed)
{
    composer::BurstOptions options = optionsFor(QStringLiteral("+3100000300"), 12, 4);
    options.request.deadlineMs = 150;
    const composer::BurstReport report = runBurst(options);
    EXPECT_EQ(report.sent, 12);
    EXPECT_EQ(report.missedDeadline, 12);
    EXPECT_EQ(report.answered, 0);
    EXPECT_TRUE(report.statuses.isEmpty());
    EXPECT_FALSE(report.allAnsweredInTime());
    EXPECT_EQ(report.requestsPerSecond, 0.0) << "nothing was answered in time";
    // Given up at the deadline, not at the answer 300 ms in.
    EXPECT_GE(report.p50Ms, 150.0);
    EXPECT_LT(report.maxMs, 290.0);
    EXPECT_EQ(report.latenciesMs.size(), 12) << "late requests count with the time they were given up at";
}

TEST_F(BurstTest, RefusesATargetThatIsNotThisMachine)
{
    QSignalSpy failed(&m_runner, &composer::BurstRunner::failed);
    composer::BurstOptions options = optionsFor(QString(), 10, 2);
    options.request.url = QUrl(QStringLiteral("http://192.0.2.10:8080/webhook"));
    EXPECT_FALSE(m_runner.run(options));
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.constFirst().constFirst().toString().contains(QStringLiteral("192.0.2.10")));
    EXPECT_FALSE(m_runner.isRunning());
}

TEST_F(BurstTest, CancelStopsSendingAndReportsWhatWasCancelled)
{
    composer::BurstOptions options = optionsFor(QStringLiteral("+3100000300"), 100, 5);
    QSignalSpy finished(&m_runner, &composer::BurstRunner::finished);
    ASSERT_TRUE(m_runner.run(options));
    QTimer::singleShot(100, &m_runner, [this] { m_runner.cancel(); });
    ASSERT_TRUE(finished.wait(5000));
    const auto report = finished.constFirst().constFirst().value<composer::BurstReport>();
    EXPECT_EQ(report.cancelled, 5);
    EXPECT_EQ(report.sent, 5);
    EXPECT_FALSE(m_runner.isRunning());
}

TEST(BurstHelpers, LoopbackHostsAreRecognised)
{
    for (const char *host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"})
        EXPECT_TRUE(composer::isLoopbackHost(QString::fromLatin1(host))) << host;
    for (const char *host : {"128.0.0.1", "192.168.1.10", "example.com", "localhost.example.com", "::2", ""})
        EXPECT_FALSE(composer::isLoopbackHost(QString::fromLatin1(host))) << host;
}

TEST(BurstHelpers, NearestRankPercentiles)
{
    QList<double> values;
    for (int i = 1; i <= 100; ++i)
        values.append(i);
    EXPECT_EQ(composer::nearestRankPercentile(values, 0.50), 50.0);
    EXPECT_EQ(composer::nearestRankPercentile(values, 0.90), 90.0);
    EXPECT_EQ(composer::nearestRankPercentile(values, 0.99), 99.0);
    EXPECT_EQ(composer::nearestRankPercentile(values, 1.0), 100.0);
    EXPECT_EQ(composer::nearestRankPercentile({7.0}, 0.99), 7.0);
    EXPECT_EQ(composer::nearestRankPercentile({}, 0.5), 0.0);
}
