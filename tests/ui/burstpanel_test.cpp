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
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <iostream>

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

    // The chart: the four percentiles as bars, and the deadline as a line across them.
    LatencyChart *chart = m_panel.chart();
    EXPECT_EQ(chart->mode(), LatencyChart::Mode::Percentiles);
    EXPECT_EQ(chart->values(), (QList<double> {report.p50Ms, report.p90Ms, report.p99Ms, report.maxMs}));
    EXPECT_EQ(chart->deadlineMs(), 5000);
    const QList<QAbstractSeries *> series = chart->chart()->series();
    ASSERT_EQ(series.size(), 2);
    const auto *bars = qobject_cast<QBarSeries *>(series.at(0));
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->barSets().size(), 1);
    ASSERT_EQ(bars->barSets().constFirst()->count(), 4);
    EXPECT_DOUBLE_EQ(bars->barSets().constFirst()->at(0), report.p50Ms);
    EXPECT_DOUBLE_EQ(bars->barSets().constFirst()->at(3), report.maxMs);
    EXPECT_TRUE(bars->barSets().constFirst()->selectedBars().isEmpty());
    const auto *deadline = qobject_cast<QLineSeries *>(series.at(1));
    ASSERT_NE(deadline, nullptr);
    ASSERT_EQ(deadline->count(), 2);
    EXPECT_DOUBLE_EQ(deadline->at(0).y(), 5000);
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
    const auto *bars = qobject_cast<QBarSeries *>(m_panel.chart()->chart()->series().at(0));
    ASSERT_NE(bars, nullptr);
    EXPECT_EQ(bars->barSets().constFirst()->selectedBars().size(), 4);
    EXPECT_EQ(m_panel.chart()->deadlineMs(), 100);
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
    QTest::qWait(200);
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

TEST(LatencyChart, DrawsAHistogramWithTheDeadlineAsAVerticalLine)
{
    LatencyChart chart;
    QList<double> latencies;
    for (int i = 0; i < 100; ++i)
        latencies.append(40.0 + i * 10.0); // 40 ms .. 1030 ms
    latencies.append(6000.0);
    chart.showHistogram(latencies, 5000, 20);
    EXPECT_EQ(chart.mode(), LatencyChart::Mode::Histogram);
    ASSERT_EQ(chart.values().size(), 20);
    double total = 0;
    for (const double count : chart.values())
        total += count;
    EXPECT_EQ(total, 101);
    EXPECT_EQ(chart.binStartsMs().constFirst(), 0);
    EXPECT_EQ(chart.binStartsMs().at(12), 6000);
    EXPECT_EQ(chart.values().at(12), 1);
    const QList<QAbstractSeries *> series = chart.chart()->series();
    ASSERT_EQ(series.size(), 2);
    const auto *deadline = qobject_cast<QLineSeries *>(series.at(1));
    ASSERT_NE(deadline, nullptr);
    EXPECT_DOUBLE_EQ(deadline->at(0).x(), 5000);
    EXPECT_DOUBLE_EQ(deadline->at(1).x(), 5000);

    chart.clear();
    EXPECT_EQ(chart.mode(), LatencyChart::Mode::Empty);
    EXPECT_TRUE(chart.chart()->series().isEmpty());
}
