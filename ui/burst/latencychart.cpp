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

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
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
    setMinimumSize(280, 200);
    clear();
}

LatencyChart::~LatencyChart() = default;

void LatencyChart::clear()
{
    m_mode = Mode::Empty;
    m_values.clear();
    m_binStarts.clear();
    m_deadlineMs = 0;
    redraw();
}

void LatencyChart::showPercentiles(const composer::BurstReport &report, qint64 deadlineMs)
{
    m_mode = Mode::Percentiles;
    m_values = {report.p50Ms, report.p90Ms, report.p99Ms, report.maxMs};
    m_binStarts.clear();
    m_deadlineMs = deadlineMs;
    redraw();
}

void LatencyChart::showHistogram(const QList<double> &latenciesMs, qint64 deadlineMs, int bins)
{
    m_mode = Mode::Histogram;
    m_deadlineMs = deadlineMs;
    const double slowest = latenciesMs.isEmpty() ? 0 : *std::max_element(latenciesMs.cbegin(), latenciesMs.cend());
    // The deadline stays in view only when some request comes near it; otherwise it would squash the bars.
    const double top = niceCeiling(slowest >= 0.5 * static_cast<double>(deadlineMs)
                                       ? std::max(slowest, static_cast<double>(deadlineMs)) * 1.05
                                       : slowest * 1.05);
    const int binCount = std::max(1, bins);
    m_binWidthMs = top / binCount;
    m_values = QList<double>(binCount, 0.0);
    m_binStarts.clear();
    for (int i = 0; i < binCount; ++i)
        m_binStarts.append(i * m_binWidthMs);
    for (const double latency : latenciesMs) {
        const auto bin = static_cast<qsizetype>(latency / m_binWidthMs);
        m_values[std::clamp<qsizetype>(bin, 0, binCount - 1)] += 1;
    }
    redraw();
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

    m_chart->setTitle(tr("Latency distribution"));
    auto *outline = new QLineSeries;
    double highest = 0;
    for (int i = 0; i < m_values.size(); ++i) {
        outline->append(m_binStarts.at(i), m_values.at(i));
        outline->append(m_binStarts.at(i) + m_binWidthMs, m_values.at(i));
        highest = std::max(highest, m_values.at(i));
    }
    auto *area = new QAreaSeries(outline);
    // QAreaSeries does not own its boundary line; tie it to the area so clearing the chart frees both.
    outline->setParent(area);
    area->setName(tr("requests"));
    area->setColor(withinColor(colors));
    area->setBorderColor(withinColor(colors).darker(130));
    m_chart->addSeries(area);
    auto *milliseconds = new QValueAxis;
    milliseconds->setTitleText(tr("ms"));
    milliseconds->setLabelFormat(QStringLiteral("%g"));
    milliseconds->setRange(0, m_binStarts.isEmpty() ? 1 : m_binStarts.constLast() + m_binWidthMs);
    auto *count = new QValueAxis;
    count->setTitleText(tr("requests"));
    count->setLabelFormat(QStringLiteral("%d"));
    count->setRange(0, niceCeiling(std::max(highest, 1.0) * 1.1));
    m_chart->addAxis(milliseconds, Qt::AlignBottom);
    m_chart->addAxis(count, Qt::AlignLeft);
    area->attachAxis(milliseconds);
    area->attachAxis(count);
    if (static_cast<double>(m_deadlineMs) <= milliseconds->max()) {
        auto *deadline = new QLineSeries;
        deadline->setName(deadlineName);
        deadline->setPen(deadlinePen);
        deadline->append(static_cast<double>(m_deadlineMs), 0);
        deadline->append(static_cast<double>(m_deadlineMs), count->max());
        m_chart->addSeries(deadline);
        deadline->attachAxis(milliseconds);
        deadline->attachAxis(count);
    } else {
        m_chart->setTitle(tr("Latency distribution (deadline %1 ms, far to the right)").arg(m_deadlineMs));
    }
    applyPalette();
}

} // namespace dockside::ui
