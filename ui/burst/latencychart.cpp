// SPDX-License-Identifier: GPL-3.0-or-later

#include "latencychart.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dockside::ui {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor withinColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x5c, 0xc2, 0x75) : QColor(0x2e, 0x9d, 0x4f);
}

QColor overColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x2b, 0x2b);
}

// The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least value.
double niceStep(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

// Percentile markers: hues apart from the bars' green and the deadline's red, readable on light and dark bases.
QColor markerColor(const QPalette &palette, qsizetype index)
{
    // Plain RGB values: GCC's sanitizer build misreads an index into static QColor arrays as uninitialised.
    static constexpr QRgb light[] = {0x1f5fbf, 0xb06a00, 0x7b3fa8};
    static constexpr QRgb dark[] = {0x7fb2ff, 0xffc14d, 0xd29bff};
    const qsizetype slot = index % 3;
    return QColor::fromRgb(isDark(palette) ? dark[slot] : light[slot]);
}

QString formatMs(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 2 : (value < 1000 ? 1 : 0)) + QStringLiteral(" ms");
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("latencyChartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("latencyChartNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();
    layout->addWidget(m_note);
    setMinimumSize(280, 200);
    clear();
}

LatencyChart::~LatencyChart() = default;

QString LatencyChart::note() const
{
    return m_note->text();
}

void LatencyChart::clear()
{
    m_mode = Mode::Empty;
    m_values.clear();
    m_binStarts.clear();
    m_markers.clear();
    m_overflow = 0;
    m_deadlineMs = 0;
    redraw();
}

void LatencyChart::showPercentiles(const composer::BurstReport &report, qint64 deadlineMs)
{
    m_mode = Mode::Percentiles;
    m_values = {report.p50Ms, report.p90Ms, report.p99Ms, report.maxMs};
    m_binStarts.clear();
    m_markers.clear();
    m_overflow = 0;
    m_deadlineMs = deadlineMs;
    redraw();
}

void LatencyChart::showHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins)
{
    m_markers.clear();
    fillHistogram(latenciesMs, deadlineMs, bins);
    redraw();
}

void LatencyChart::showDistribution(const composer::BurstReport &report, qint64 deadlineMs, int bins)
{
    if (report.latenciesMs.isEmpty()) {
        showPercentiles(report, deadlineMs);
        return;
    }
    fillHistogram(report.latenciesMs, deadlineMs, bins);
    m_markers = {{QStringLiteral("p50"), report.p50Ms},
                 {QStringLiteral("p90"), report.p90Ms},
                 {QStringLiteral("p99"), report.p99Ms}};
    redraw();
}

void LatencyChart::fillHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins)
{
    m_mode = Mode::Histogram;
    m_deadlineMs = deadlineMs;
    QList<double> sorted = latenciesMs; // a BurstReport's are sorted already, and then this copy is shared
    if (!std::is_sorted(sorted.cbegin(), sorted.cend()))
        std::sort(sorted.begin(), sorted.end());
    m_slowestMs = sorted.isEmpty() ? 0 : sorted.constLast();
    const double p99 = composer::nearestRankPercentile(sorted, 0.99);
    // A few stragglers far beyond p99 would squash every other bar into the first one: they go in the last bar.
    double top = m_slowestMs > 2 * p99 ? 1.5 * p99 : m_slowestMs;
    // The deadline stays in view only when requests come near it; otherwise it too would squash the bars.
    const auto deadline = static_cast<double>(deadlineMs);
    if (top >= 0.5 * deadline)
        top = std::max(top, deadline);
    top = std::max(top * 1.05, 0.001);
    // Round bin widths (1, 2, 2.5 or 5 times a power of ten) put the bar edges on readable values.
    m_binWidthMs = niceStep(top / std::max(1, bins));
    const auto binCount = static_cast<qsizetype>(std::ceil(top / m_binWidthMs));
    m_values = QList<double>(binCount, 0.0);
    m_binStarts.clear();
    for (qsizetype i = 0; i < binCount; ++i)
        m_binStarts.append(static_cast<double>(i) * m_binWidthMs);
    m_overflow = 0;
    for (const double latency : std::as_const(sorted)) {
        const auto bin = static_cast<qsizetype>(latency / m_binWidthMs);
        m_overflow += bin >= binCount ? 1 : 0;
        m_values[std::clamp<qsizetype>(bin, 0, binCount - 1)] += 1;
    }
}

void LatencyChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        redraw();
}

void LatencyChart::applyPalette()
{
    const QPalette colors = palette();
    const QColor text = colors.color(QPalette::Text);
    m_chart->setBackgroundBrush(colors.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_view->setBackgroundBrush(colors.color(QPalette::Window));
    QColor grid = text;
    grid.setAlphaF(0.15f);
    const QList<QAbstractAxis *> axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(colors.color(QPalette::Mid));
        axis->setGridLineColor(grid);
        QColor minor = text;
        minor.setAlphaF(0.06f);
        axis->setMinorGridLineColor(minor);
    }
}

void LatencyChart::redraw()
{
    m_chart->removeAllSeries();
    const QList<QAbstractAxis *> oldAxes = m_chart->axes();
    for (QAbstractAxis *axis : oldAxes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_note->clear();
    m_note->hide();
    const QPalette colors = palette();
    QPen deadlinePen(overColor(colors), 2, Qt::DashLine);
    const QString deadlineName = tr("deadline %1 ms").arg(m_deadlineMs);

    if (m_mode == Mode::Empty) {
        m_chart->setTitle(tr("Run a burst to see its latencies"));
        applyPalette();
        return;
    }

    if (m_mode == Mode::Percentiles) {
        const double slowest = *std::max_element(m_values.cbegin(), m_values.cend());
        if (slowest <= 0) {
            m_chart->setTitle(tr("No latencies: no request was answered"));
            applyPalette();
            return;
        }
        // Loopback answers take milliseconds and the deadline is seconds away: a log scale shows both.
        m_chart->setTitle(tr("Latency percentiles against the deadline"));
        auto *latency = new QBarSet(tr("latency"));
        latency->setColor(withinColor(colors));
        latency->setBorderColor(withinColor(colors).darker(120));
        latency->setSelectedColor(overColor(colors));
        latency->setLabelColor(colors.color(QPalette::Text));
        double fastest = slowest;
        for (int i = 0; i < m_values.size(); ++i) {
            latency->append(m_values.at(i));
            if (m_values.at(i) > 0)
                fastest = std::min(fastest, m_values.at(i));
            if (m_values.at(i) > static_cast<double>(m_deadlineMs))
                latency->selectBar(i);
        }
        auto *bars = new QBarSeries;
        bars->append(latency);
        bars->setBarWidth(0.6);
        bars->setLabelsVisible(true);
        bars->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
        bars->setLabelsFormat(QStringLiteral("@value"));
        bars->setLabelsPrecision(4);
        m_chart->addSeries(bars);
        auto *categories = new QBarCategoryAxis;
        categories->append({QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p99"), tr("max")});
        m_chart->addAxis(categories, Qt::AlignBottom);
        bars->attachAxis(categories);

        auto *milliseconds = new QLogValueAxis;
        milliseconds->setBase(10);
        milliseconds->setTitleText(tr("ms (log scale)"));
        milliseconds->setLabelFormat(QStringLiteral("%g"));
        const double low = std::pow(10.0, std::floor(std::log10(std::max(fastest, 0.001))) - 1);
        const double high =
            std::pow(10.0, std::ceil(std::log10(std::max(slowest, static_cast<double>(m_deadlineMs)) * 1.5)));
        milliseconds->setRange(low, high);
        milliseconds->setMinorTickCount(-1);
        m_chart->addAxis(milliseconds, Qt::AlignLeft);
        bars->attachAxis(milliseconds);
        // A hidden axis spanning the four bars carries the horizontal deadline line.
        auto *across = new QValueAxis;
        across->setRange(-0.5, 3.5);
        across->setVisible(false);
        m_chart->addAxis(across, Qt::AlignBottom);
        auto *deadline = new QLineSeries;
        deadline->setName(deadlineName);
        deadline->setPen(deadlinePen);
        deadline->append(-0.5, static_cast<double>(m_deadlineMs));
        deadline->append(3.5, static_cast<double>(m_deadlineMs));
        m_chart->addSeries(deadline);
        deadline->attachAxis(across);
        deadline->attachAxis(milliseconds);
        applyPalette();
        return;
    }

    // Bars from the deadline on are late: red, like the percentile bars over it.
    QStringList notes;
    const auto deadline = static_cast<double>(m_deadlineMs);
    auto *milliseconds = new QValueAxis;
    milliseconds->setTitleText(tr("ms"));
    milliseconds->setLabelFormat(QStringLiteral("%g"));
    const double right = m_binStarts.isEmpty() ? 1 : m_binStarts.constLast() + m_binWidthMs;
    milliseconds->setRange(0, right);
    milliseconds->setTickType(QValueAxis::TicksDynamic);
    milliseconds->setTickAnchor(0);
    milliseconds->setTickInterval(niceStep(right / 6));
    auto *count = new QValueAxis;
    count->setTitleText(tr("requests"));
    count->setLabelFormat(QStringLiteral("%d"));
    const double highest = m_values.isEmpty() ? 0 : *std::max_element(m_values.cbegin(), m_values.cend());
    count->setRange(0, std::max(highest, 4.0) * 1.1);
    count->applyNiceNumbers();
    m_chart->addAxis(milliseconds, Qt::AlignBottom);
    m_chart->addAxis(count, Qt::AlignLeft);
    qsizetype firstLate = 0;
    while (firstLate < m_binStarts.size() && m_binStarts.at(firstLate) < deadline)
        ++firstLate;
    const auto addBars = [&](qsizetype from, qsizetype to, const QString &name, const QColor &color) {
        if (from >= to)
            return;
        auto *outline = new QLineSeries;
        for (qsizetype i = from; i < to; ++i) {
            outline->append(m_binStarts.at(i), m_values.at(i));
            outline->append(m_binStarts.at(i) + m_binWidthMs, m_values.at(i));
        }
        auto *area = new QAreaSeries(outline);
        // QAreaSeries does not own its boundary line; tie it to the area so clearing the chart frees both.
        outline->setParent(area);
        area->setName(name);
        area->setColor(color);
        area->setBorderColor(color.darker(130));
        m_chart->addSeries(area);
        area->attachAxis(milliseconds);
        area->attachAxis(count);
    };
    addBars(0, firstLate, firstLate < m_binStarts.size() ? tr("in time") : tr("requests"), withinColor(colors));
    addBars(firstLate, m_binStarts.size(), tr("late"), overColor(colors));
    if (deadline <= right) {
        auto *line = new QLineSeries;
        line->setName(deadlineName);
        line->setPen(deadlinePen);
        line->append(deadline, 0);
        line->append(deadline, count->max());
        m_chart->addSeries(line);
        line->attachAxis(milliseconds);
        line->attachAxis(count);
    } else {
        notes.append(tr("The deadline, %1 ms, lies far to the right.").arg(m_deadlineMs));
    }
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        const Marker &marker = m_markers.at(i);
        auto *line = new QLineSeries;
        line->setName(marker.name + QLatin1Char(' ') + formatMs(marker.ms));
        line->setPen(QPen(markerColor(colors, i), 1.5, Qt::DashLine));
        line->append(marker.ms, 0);
        line->append(marker.ms, count->max());
        m_chart->addSeries(line);
        line->attachAxis(milliseconds);
        line->attachAxis(count);
    }
    if (m_overflow > 0)
        notes.append(m_overflow == 1 ? tr("The last bar also holds 1 slower request (%1).").arg(formatMs(m_slowestMs))
                                     : tr("The last bar also holds %1 slower requests (up to %2).")
                                           .arg(m_overflow)
                                           .arg(formatMs(m_slowestMs)));
    m_chart->setTitle(tr("Latency distribution"));
    // Below the chart and wrapped, since a chart title is cut off at the chart's width.
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
    applyPalette();
}

} // namespace dockside::ui
