// SPDX-License-Identifier: GPL-3.0-or-later

#include "burst/burstpanel.h"
#include "burst/latencychart.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "workspace/workspacedocument.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <iostream>
#include <numeric>

using namespace dockside;
using dockside::ui::BurstPanel;
using dockside::ui::LatencyChart;
using dockside::ui::WorkspaceDocument;

namespace {

class BurstPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_endpoint.setResponder(mock::MockResponder(workspace::builtinSampleWorkspace(), {}, 5000));
        mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
        m_panel.setDefaultTargetUrl(m_endpoint.url());
        m_panel.resize(1000, 640);
        m_panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_panel));
    }

    QTableWidget *table(const char *name) const { return m_panel.findChild<QTableWidget *>(QLatin1String(name)); }
    QPushButton *button(const char *name) const { return m_panel.findChild<QPushButton *>(QLatin1String(name)); }
    QLabel *label(const char *name) const { return m_panel.findChild<QLabel *>(QLatin1String(name)); }

    mock::MockEndpoint m_endpoint {nullptr};
    WorkspaceDocument m_document {workspace::builtinSampleWorkspace()};
    BurstPanel m_panel {&m_document};
};

} // namespace

TEST_F(BurstPanelTest, RunsASmallBurstAndFillsTheTableAndTheChart)
{
    m_panel.setRequestCount(20);
    m_panel.setConcurrency(4);
    EXPECT_EQ(m_panel.targetUrl(), m_endpoint.url());
    EXPECT_EQ(m_panel.chart()->mode(), LatencyChart::Mode::Empty);

    // The window's event loop keeps turning while the burst runs on its own thread.
    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });
    sinceTick.start();
    ticker.start();

    QSignalSpy finished(&m_panel, &BurstPanel::finished);
    QTest::mouseClick(button("runBurstButton"), Qt::LeftButton);
    EXPECT_TRUE(m_panel.isRunning());
    EXPECT_FALSE(button("runBurstButton")->isEnabled());
    EXPECT_TRUE(button("cancelBurstButton")->isEnabled());
    ASSERT_TRUE(finished.wait(20000));
    ticker.stop();
    std::cout << "longest gap between 5 ms ticks during the burst: " << longestGapMs << " ms\n";
    EXPECT_LT(longestGapMs, 1000);

    ASSERT_TRUE(m_panel.lastReport());
    const composer::BurstReport &report = *m_panel.lastReport();
    EXPECT_EQ(report.sent, 20);
    EXPECT_EQ(report.answered, 20);
    EXPECT_EQ(report.missedDeadline, 0);
    EXPECT_EQ(report.unreachable, 0);
    EXPECT_GT(report.p50Ms, 0);
    EXPECT_LE(report.p50Ms, report.p90Ms);
    EXPECT_LE(report.p99Ms, report.maxMs);
    EXPECT_GT(report.requestsPerSecond, 0);
    EXPECT_FALSE(m_panel.isRunning());
    EXPECT_TRUE(button("runBurstButton")->isEnabled());
    const auto *progress = m_panel.findChild<QProgressBar *>(QStringLiteral("burstProgress"));
    EXPECT_EQ(progress->value(), 20);

    QTableWidget *percentiles = table("burstPercentiles");
    ASSERT_EQ(percentiles->rowCount(), 4);
    EXPECT_EQ(percentiles->verticalHeaderItem(0)->text(), QStringLiteral("p50"));
    for (int row = 0; row < 4; ++row) {
        EXPECT_TRUE(percentiles->item(row, 0)->text().endsWith(QStringLiteral(" ms")))
            << percentiles->item(row, 0)->text().toStdString();
        EXPECT_TRUE(percentiles->item(row, 1)->text().endsWith(QStringLiteral(" %")));
    }
    QTableWidget *counts = table("burstCounts");
    EXPECT_EQ(counts->item(0, 0)->text(), QStringLiteral("20"));
    EXPECT_EQ(counts->item(1, 0)->text(), QStringLiteral("20"));
    EXPECT_EQ(counts->item(2, 0)->text(), QStringLiteral("0"));
    EXPECT_EQ(counts->item(6, 0)->text(), QStringLiteral("200 × 20"));
    EXPECT_TRUE(label("burstMessage")->text().startsWith(QStringLiteral("All 20 answered in time")));

    // The chart: every request's latency as a histogram, the percentiles as marker lines; the deadline is far away.
    LatencyChart *chart = m_panel.chart();
    EXPECT_EQ(chart->mode(), LatencyChart::Mode::Histogram);
    EXPECT_EQ(chart->deadlineMs(), 5000);
    EXPECT_EQ(std::accumulate(chart->values().cbegin(), chart->values().cend(), 0.0), 20.0);
    EXPECT_LT(chart->binStartsMs().constLast(), report.maxMs * 1.05) << "the axis ends near the slowest request";
    ASSERT_EQ(chart->markers().size(), 3);
    EXPECT_EQ(chart->markers().at(0).ms, report.p50Ms);
    EXPECT_EQ(chart->markers().at(2).ms, report.p99Ms);
    EXPECT_EQ(chart->note(), QStringLiteral("The deadline, 5000 ms, lies far to the right."));
    const QList<QAbstractSeries *> series = chart->chart()->series();
    ASSERT_EQ(series.size(), 4);
    const auto *bars = qobject_cast<QAreaSeries *>(series.at(0));
    ASSERT_NE(bars, nullptr);
    EXPECT_EQ(bars->name(), QStringLiteral("requests"));
    EXPECT_EQ(bars->upperSeries()->count(), 2 * chart->values().size());
    QStringList markerNames;
    for (qsizetype i = 1; i < series.size(); ++i) {
        const auto *marker = qobject_cast<QLineSeries *>(series.at(i));
        ASSERT_NE(marker, nullptr);
        ASSERT_EQ(marker->count(), 2);
        EXPECT_DOUBLE_EQ(marker->at(0).x(), chart->markers().at(i - 1).ms) << "a vertical line at the percentile";
        EXPECT_DOUBLE_EQ(marker->at(1).x(), chart->markers().at(i - 1).ms);
        markerNames.append(marker->name().section(QLatin1Char(' '), 0, 0));
    }
    EXPECT_EQ(markerNames, (QStringList {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p99")}));
}

TEST_F(BurstPanelTest, LateAnswersCountAsMissesAndAreRedInTheChart)
{
    // Every answer takes 300 ms; a 100 ms deadline makes each one late.
    workspace::Workspace slow;
    workspace::ResponseTemplate held;
    held.id = QStringLiteral("held");
    held.body = QByteArrayLiteral("{}");
    held.delayMs = 300;
    slow.templates = {held};
    m_endpoint.setResponder(mock::MockResponder(slow, {}, 5000));
    m_panel.setRequestCount(4);
    m_panel.setConcurrency(4);
    m_panel.findChild<QSpinBox *>(QStringLiteral("burstDeadline"))->setValue(100);
    QSignalSpy finished(&m_panel, &BurstPanel::finished);
    ASSERT_TRUE(m_panel.run());
    ASSERT_TRUE(finished.wait(20000));
    const composer::BurstReport &report = *m_panel.lastReport();
    EXPECT_EQ(report.missedDeadline, 4);
    EXPECT_EQ(table("burstCounts")->item(2, 0)->text(), QStringLiteral("4"));
    EXPECT_TRUE(label("burstMessage")->text().contains(QStringLiteral("4 missed the deadline")));
    // Given up at the deadline, every request lands in a red bar from the deadline on, beside the deadline's line.
    const LatencyChart *chart = m_panel.chart();
    EXPECT_EQ(chart->deadlineMs(), 100);
    double late = 0;
    for (qsizetype i = 0; i < chart->values().size(); ++i)
        late += chart->binStartsMs().at(i) >= 100 ? chart->values().at(i) : 0;
    EXPECT_EQ(late, 4);
    QStringList names;
    for (const QAbstractSeries *series : chart->chart()->series())
        names.append(series->name().section(QLatin1Char(' '), 0, 0));
    EXPECT_TRUE(names.contains(QStringLiteral("late"))) << names.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(names.contains(QStringLiteral("deadline"))) << names.join(QLatin1Char(',')).toStdString();
}

TEST_F(BurstPanelTest, CancelStopsABurstAndCountsWhatWasCut)
{
    workspace::Workspace slow;
    workspace::ResponseTemplate held;
    held.id = QStringLiteral("held");
    held.body = QByteArrayLiteral("{}");
    held.delayMs = 2000;
    slow.templates = {held};
    m_endpoint.setResponder(mock::MockResponder(slow, {}, 5000));
    m_panel.setRequestCount(50);
    m_panel.setConcurrency(2);
    QSignalSpy finished(&m_panel, &BurstPanel::finished);
    ASSERT_TRUE(m_panel.run());
    // Cancel while both calls in flight are held by the endpoint.
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_endpoint.counters().received >= 2; }, 5000));
    QTest::mouseClick(button("cancelBurstButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(5000));
    const composer::BurstReport &report = *m_panel.lastReport();
    EXPECT_EQ(report.cancelled, 2);
    EXPECT_LT(report.sent, 50);
    EXPECT_FALSE(m_panel.isRunning());
}

TEST_F(BurstPanelTest, AimsOnlyAtThisMachineUnlessAllowed)
{
    m_panel.setTargetUrl(QUrl(QStringLiteral("http://192.0.2.10:8080/webhook")));
    EXPECT_FALSE(button("runBurstButton")->isEnabled());
    EXPECT_TRUE(label("burstGuard")->isVisible());
    EXPECT_TRUE(label("burstGuard")->text().startsWith(QStringLiteral("192.0.2.10 is not this machine")));
    EXPECT_FALSE(m_panel.run());
    EXPECT_FALSE(m_panel.isRunning());
    EXPECT_TRUE(label("burstMessage")->text().contains(QStringLiteral("is not this machine")));

    m_panel.findChild<QCheckBox *>(QStringLiteral("burstAllowRemote"))->setChecked(true);
    EXPECT_TRUE(button("runBurstButton")->isEnabled());
    EXPECT_TRUE(label("burstGuard")->text().contains(QStringLiteral("only at servers you run")));

    for (const char *local : {"http://localhost:1/", "http://127.0.0.2:1/", "http://[::1]:1/"}) {
        m_panel.findChild<QCheckBox *>(QStringLiteral("burstAllowRemote"))->setChecked(false);
        m_panel.setTargetUrl(QUrl(QString::fromLatin1(local)));
        EXPECT_TRUE(button("runBurstButton")->isEnabled()) << local;
        EXPECT_FALSE(label("burstGuard")->isVisible()) << local;
    }
    m_panel.setTargetUrl(QUrl(QStringLiteral("ftp://127.0.0.1/")));
    EXPECT_FALSE(m_panel.run());
}

TEST(LatencyChart, StragglersGoInTheLastBarSoTheRestStaysReadable)
{
    LatencyChart chart;
    QList<double> latencies;
    for (int i = 0; i < 100; ++i)
        latencies.append(40.0 + i * 10.0); // 40 ms .. 1030 ms
    latencies.append(6000.0);
    chart.showHistogram(latencies, 5000, 20);
    EXPECT_EQ(chart.mode(), LatencyChart::Mode::Histogram);
    // p99 is 1030 ms: the axis ends at 1.5 times that, on 100 ms bars, not at the one request of 6 s.
    ASSERT_EQ(chart.values().size(), 17);
    EXPECT_EQ(std::accumulate(chart.values().cbegin(), chart.values().cend(), 0.0), 101);
    EXPECT_EQ(chart.binStartsMs().constFirst(), 0);
    EXPECT_EQ(chart.binStartsMs().at(16), 1600);
    EXPECT_EQ(chart.values().at(0), 6); // 40 .. 90 ms
    EXPECT_EQ(chart.values().at(16), 1);
    EXPECT_EQ(chart.overflowCount(), 1);
    EXPECT_TRUE(chart.note().startsWith(QStringLiteral("The deadline, 5000 ms, lies far to the right.")));
    EXPECT_TRUE(chart.note().contains(QStringLiteral("The last bar also holds 1 slower request")))
        << chart.note().toStdString();
    EXPECT_TRUE(chart.markers().isEmpty());
    const QList<QAbstractSeries *> series = chart.chart()->series();
    ASSERT_EQ(series.size(), 1) << "no deadline line: it lies beyond the axis";
    EXPECT_NE(qobject_cast<QAreaSeries *>(series.at(0)), nullptr);

    chart.clear();
    EXPECT_EQ(chart.mode(), LatencyChart::Mode::Empty);
    EXPECT_TRUE(chart.chart()->series().isEmpty());
    EXPECT_TRUE(chart.note().isEmpty());
}

TEST(LatencyChart, LateBarsAreRedAndThePercentilesAreMarked)
{
    composer::BurstReport report;
    for (int i = 10; i <= 100; ++i)
        report.latenciesMs.append(i);
    report.p50Ms = composer::nearestRankPercentile(report.latenciesMs, 0.5);
    report.p90Ms = composer::nearestRankPercentile(report.latenciesMs, 0.9);
    report.p99Ms = composer::nearestRankPercentile(report.latenciesMs, 0.99);
    report.maxMs = 100;
    LatencyChart chart;
    chart.showDistribution(report, 80);
    // 5 ms bars up to 105 ms; the deadline comes near, so it is in view.
    ASSERT_EQ(chart.values().size(), 21);
    EXPECT_EQ(chart.overflowCount(), 0);
    EXPECT_TRUE(chart.note().isEmpty());
    const QList<QAbstractSeries *> series = chart.chart()->series();
    QStringList names;
    for (const QAbstractSeries *one : series)
        names.append(one->name());
    EXPECT_EQ(
        names,
        (QStringList {QStringLiteral("in time"), QStringLiteral("late"), QStringLiteral("deadline 80 ms"),
                      QStringLiteral("p50 55.0 ms"), QStringLiteral("p90 91.0 ms"), QStringLiteral("p99 100.0 ms")}));
    const auto *late = qobject_cast<QAreaSeries *>(series.at(1));
    ASSERT_NE(late, nullptr);
    EXPECT_EQ(late->upperSeries()->at(0).x(), 80) << "red from the deadline on";
    EXPECT_EQ(late->upperSeries()->count(), 2 * 5);
    EXPECT_NE(late->color(), qobject_cast<QAreaSeries *>(series.at(0))->color());
    EXPECT_EQ(chart.markers().size(), 3);

    // Without latencies (nothing answered) the chart says so instead of drawing an empty histogram.
    chart.showDistribution(composer::BurstReport {}, 5000);
    EXPECT_EQ(chart.mode(), LatencyChart::Mode::Percentiles);
    EXPECT_EQ(chart.chart()->title(), QStringLiteral("No latencies: no request was answered"));
}
