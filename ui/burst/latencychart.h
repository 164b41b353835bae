// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/burstrunner.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

class QLabel;

namespace dockside::ui {

// A burst's latencies against the deadline (Qt Charts), in the palette's colours.
// showPercentiles draws p50, p90, p99 and max as bars on a log scale (green within the deadline, red over it) with
// the deadline as a horizontal line. showHistogram draws the distribution of every request's latency with the deadline
// as a vertical line; showDistribution adds a report's p50, p90 and p99 to it as marker lines.
class LatencyChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChart)

public:
    enum class Mode { Empty, Percentiles, Histogram };

    explicit LatencyChart(QWidget *parent = nullptr);
    ~LatencyChart() override;

    void showPercentiles(const composer::BurstReport &report, qint64 deadlineMs);
    void showHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins = 30);
    // The report's latencies as a histogram with its percentiles marked; its percentiles alone when it has none.
    void showDistribution(const composer::BurstReport &report, qint64 deadlineMs, int bins = 30);
    void clear();

    Mode mode() const { return m_mode; }
    QChart *chart() const { return m_chart; }
    // What the bars show: p50, p90, p99 and max in ms, or the request count per histogram bin.
    const QList<double> &values() const { return m_values; }
    // Histogram bins: the lower edge of each, in ms.
    const QList<double> &binStartsMs() const { return m_binStarts; }
    qint64 deadlineMs() const { return m_deadlineMs; }
    struct Marker {
        QString name;
        double ms = 0;
    };
    // The percentiles marked on the histogram, in ms.
    const QList<Marker> &markers() const { return m_markers; }
    // Requests slower than the histogram's axis, counted in its last bin.
    qsizetype overflowCount() const { return m_overflow; }
    // What the histogram leaves out of view (a far deadline, slower requests in the last bar); empty otherwise.
    QString note() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void redraw();
    void fillHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins);

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_note = nullptr; // what the histogram leaves out of view
    Mode m_mode = Mode::Empty;
    QList<double> m_values;
    QList<double> m_binStarts;
    QList<Marker> m_markers;
    qsizetype m_overflow = 0;
    double m_slowestMs = 0;
    double m_binWidthMs = 0;
    qint64 m_deadlineMs = 0;
};

} // namespace dockside::ui
