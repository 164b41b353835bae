#pragma once

#include "composer/burstrunner.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace dockside::ui {

// A burst's latencies against the deadline (Qt Charts), in the palette's colours.
// showPercentiles draws p50, p90, p99 and max as bars on a log scale (green within the deadline, red over it) with
// the deadline as a horizontal line: what BurstReport carries. showHistogram draws the distribution of every request's
// latency with the deadline as a vertical line, for a caller that has each latency.
class LatencyChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChart)

public:
    enum class Mode { Empty, Percentiles, Histogram };

    explicit LatencyChart(QWidget *parent = nullptr);
    ~LatencyChart() override;

    void showPercentiles(const composer::BurstReport &report, qint64 deadlineMs);
    void showHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins = 30);
    void clear();

    Mode mode() const { return m_mode; }
    QChart *chart() const { return m_chart; }
    // What the bars show: p50, p90, p99 and max in ms, or the request count per histogram bin.
    const QList<double> &values() const { return m_values; }
    // Histogram bins: the lower edge of each, in ms.
    const QList<double> &binStartsMs() const { return m_binStarts; }
    qint64 deadlineMs() const { return m_deadlineMs; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void redraw();

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    Mode m_mode = Mode::Empty;
    QList<double> m_values;
    QList<double> m_binStarts;
    double m_binWidthMs = 0;
    qint64 m_deadlineMs = 0;
};

} // namespace dockside::ui
