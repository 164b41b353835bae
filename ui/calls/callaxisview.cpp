// SPDX-License-Identifier: GPL-3.0-or-later

#include "callaxisview.h"

#include "calls/callformat.h"
#include "common/accessibility.h"
#include "theme/theme.h"

#include "base/latencytext.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace dockside::ui {

namespace {

constexpr int kMargin = 10;
constexpr int kRulerHeight = 26;
constexpr int kRowHeight = 44;
constexpr int kLabelWidth = 260; // the offset, title and first detail of each row, left of the axis
constexpr int kAxisRightRoom = 60;
constexpr double kMinPixelsPerSecond = 0.05;
constexpr double kMaxPixelsPerSecond = 200000.0; // 5 µs per pixel: enough to see a loopback latency

QColor hueFor(const calls::CallMark &mark)
{
    const bool dark = isDarkPalette();
    if (mark.eventType == u"assistant-request")
        return dark ? QColor(0x6c, 0xb8, 0xff) : QColor(0x00, 0x5a, 0xb5);
    if (mark.eventType == u"status-update")
        return dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x60, 0x60, 0x60);
    if (mark.eventType == u"tool-calls")
        return dark ? QColor(0xc3, 0x9b, 0xff) : QColor(0x6b, 0x3f, 0xb5);
    if (mark.eventType == u"end-of-call-report")
        return dark ? QColor(0x6f, 0xd0, 0x8c) : QColor(0x1e, 0x7b, 0x3a);
    return dark ? QColor(0xd0, 0xa0, 0x60) : QColor(0x8a, 0x5a, 0x00);
}

// 1, 2 or 5 times a power of ten: the step between ruler ticks at least minimumPixels apart.
double tickStepSeconds(double pixelsPerSecond, int minimumPixels)
{
    const double raw = minimumPixels / pixelsPerSecond;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= raw)
            return factor * power;
    }
    return 10.0 * power;
}

QString secondsLabel(double seconds)
{
    if (seconds == 0.0)
        return QStringLiteral("0");
    if (std::abs(seconds) < 1.0)
        return QStringLiteral("%1 ms").arg(seconds * 1000.0, 0, 'g', 4);
    if (seconds < 120.0)
        return QStringLiteral("%1 s").arg(seconds, 0, 'g', 4);
    return QStringLiteral("%1 min").arg(seconds / 60.0, 0, 'g', 3);
}

} // namespace

QColor callAlarmColor()
{
    return isDarkPalette() ? QColor(0xff, 0x70, 0x70) : QColor(0xc4, 0x26, 0x26);
}

CallAxisView::CallAxisView(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAccessibleName(tr("Call time axis"));
}

void CallAxisView::setTrack(const calls::CallTrack &track)
{
    m_track = track;
    m_current = m_track.marks.isEmpty() ? -1 : 0;
    updateGeometry();
    update();
    setAccessibleDescription(currentMarkText());
}

QString CallAxisView::currentMarkText() const
{
    if (m_current < 0)
        return tr("No call: select an exchange that belongs to a call.");
    const calls::CallMark &mark = m_track.marks.at(m_current);
    // What the row draws, in words: where in the call, what happened, its latency and whether it was late.
    QString text = tr("Event %1 of %2, at %3: %4")
                       .arg(m_current + 1)
                       .arg(m_track.marks.size())
                       .arg(calls::offsetText(mark.offsetUs), mark.title);
    if (!mark.details.isEmpty())
        text += tr(", %1").arg(mark.details.constFirst());
    text += mark.late() ? tr(", answered in %1 ms, after its %2 ms deadline")
                              .arg(base::millisecondsText(mark.latencyUs))
                              .arg(mark.deadlineMs)
                        : tr(", answered in %1 ms").arg(base::millisecondsText(mark.latencyUs));
    return text;
}

void CallAxisView::clear()
{
    setTrack({});
}

void CallAxisView::setPixelsPerSecond(double pixelsPerSecond)
{
    const double bounded = std::clamp(pixelsPerSecond, kMinPixelsPerSecond, kMaxPixelsPerSecond);
    if (bounded == m_pixelsPerSecond)
        return;
    m_pixelsPerSecond = bounded;
    updateGeometry();
    update();
    Q_EMIT zoomChanged(m_pixelsPerSecond);
}

void CallAxisView::fitToWidth(int width)
{
    const int axisWidth = std::max(80, width - axisLeft() - kAxisRightRoom - kMargin);
    // The whole call, and at least a second, so a call of one instant event still has a readable ruler.
    const double spanSeconds = std::max(1.0, static_cast<double>(m_track.spanUs()) / 1e6);
    setPixelsPerSecond(axisWidth / spanSeconds);
}

void CallAxisView::zoomBy(double factor)
{
    setPixelsPerSecond(m_pixelsPerSecond * factor);
}

void CallAxisView::setCurrentMark(int index)
{
    if (index < 0 || index >= m_track.marks.size() || index == m_current)
        return;
    m_current = index;
    update();
    announce(this, currentMarkText());
    Q_EMIT currentMarkChanged(m_track.marks.at(index).exchangeId);
}

int CallAxisView::markOf(qint64 exchangeId) const
{
    for (int i = 0; i < m_track.marks.size(); ++i) {
        if (m_track.marks.at(i).exchangeId == exchangeId)
            return i;
    }
    return -1;
}

int CallAxisView::axisLeft() const
{
    return kMargin + kLabelWidth;
}

int CallAxisView::xOf(qint64 offsetUs) const
{
    return axisLeft() + static_cast<int>(std::lround(static_cast<double>(offsetUs) / 1e6 * m_pixelsPerSecond));
}

QRect CallAxisView::rowRect(int index) const
{
    return {0, kMargin + kRulerHeight + index * kRowHeight, width(), kRowHeight};
}

QPoint CallAxisView::markPosition(int index) const
{
    const QRect row = rowRect(index);
    return {xOf(m_track.marks.at(index).offsetUs), row.top() + row.height() / 2};
}

int CallAxisView::rowAt(const QPoint &position) const
{
    const int top = kMargin + kRulerHeight;
    if (position.y() < top)
        return -1;
    const int index = (position.y() - top) / kRowHeight;
    return index < m_track.marks.size() ? index : -1;
}

QSize CallAxisView::sizeHint() const
{
    const qint64 limitUs = static_cast<qint64>(m_track.maxDurationSeconds) * 1'000'000;
    const qint64 spanUs = std::max(m_track.spanUs(), std::min(limitUs, m_track.spanUs() * 2));
    const int width = xOf(spanUs) + kAxisRightRoom + kMargin;
    const int height = kMargin * 2 + kRulerHeight + static_cast<int>(m_track.marks.size()) * kRowHeight;
    return {width, height};
}

QSize CallAxisView::minimumSizeHint() const
{
    return {axisLeft() + 120, sizeHint().height()};
}

QString CallAxisView::toolTipFor(int index) const
{
    const calls::CallMark &mark = m_track.marks.at(index);
    QStringList lines {QStringLiteral("<b>%1</b> &nbsp; %2 &nbsp; #%3")
                           .arg(mark.title.toHtmlEscaped(), calls::offsetText(mark.offsetUs))
                           .arg(mark.exchangeId)};
    for (const QString &detail : mark.details)
        lines << detail.toHtmlEscaped();
    for (const calls::CallFlag &flag : m_track.flags) {
        if (flag.exchangeId == mark.exchangeId)
            lines << QStringLiteral("<span style='color:%1'>%2</span>")
                         .arg(callAlarmColor().name(), flag.message.toHtmlEscaped());
    }
    lines << tr("<i>Click or press Enter to open this exchange.</i>");
    return lines.join(QStringLiteral("<br>"));
}

void CallAxisView::paintRuler(QPainter &painter)
{
    const QPalette &pal = palette();
    const int y = kMargin + kRulerHeight - 6;
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(axisLeft(), y, width() - kMargin, y);
    const double step = tickStepSeconds(m_pixelsPerSecond, 80);
    painter.setPen(pal.color(QPalette::Text));
    const double lastSecond = (width() - axisLeft()) / m_pixelsPerSecond;
    const int bottom = kMargin + kRulerHeight + static_cast<int>(m_track.marks.size()) * kRowHeight;
    for (double second = 0.0; second <= lastSecond; second += step) {
        const int x = axisLeft() + static_cast<int>(std::lround(second * m_pixelsPerSecond));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawLine(x, y - 4, x, y);
        painter.drawText(QRect(x - 40, kMargin, 80, kRulerHeight - 12), Qt::AlignCenter, secondsLabel(second));
        QColor grid = pal.color(QPalette::Mid);
        grid.setAlpha(60);
        painter.setPen(grid);
        painter.drawLine(x, y + 1, x, bottom);
    }
    if (m_track.maxDurationSeconds > 0) {
        // The duration limit, counted from the first event (the call rings before it is answered).
        const int x = xOf(static_cast<qint64>(m_track.maxDurationSeconds) * 1'000'000);
        if (x < width()) {
            QPen pen(callAlarmColor(), 1, Qt::DashLine);
            painter.setPen(pen);
            painter.drawLine(x, y, x, bottom);
            painter.drawText(QRect(x + 4, y - 16, 160, 14), Qt::AlignLeft | Qt::AlignVCenter,
                             tr("limit %1 s").arg(m_track.maxDurationSeconds));
        }
    }
}

void CallAxisView::paintRow(QPainter &painter, int index)
{
    const calls::CallMark &mark = m_track.marks.at(index);
    const QRect row = rowRect(index);
    const QPalette &pal = palette();
    const bool current = index == m_current;
    if (current) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlpha(hasFocus() ? 60 : 30);
        painter.fillRect(row, fill);
    }
    const bool flagged = std::any_of(m_track.flags.cbegin(), m_track.flags.cend(), [&](const calls::CallFlag &flag) {
        return flag.exchangeId == mark.exchangeId && flag.severity == calls::CallFlag::Severity::Error;
    });
    const QColor hue = hueFor(mark);

    // Left: where in the call, what happened, and the first detail.
    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(flagged ? callAlarmColor() : pal.color(QPalette::Text));
    const QFontMetrics titleMetrics(titleFont);
    const QString title = (flagged ? QStringLiteral("⚠ ") : QString()) + calls::offsetText(mark.offsetUs) +
        QStringLiteral("  ") + mark.title;
    painter.drawText(QRect(kMargin, row.top() + 4, kLabelWidth - 12, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     titleMetrics.elidedText(title, Qt::ElideRight, kLabelWidth - 12));
    painter.setFont(font());
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QString detail = mark.details.isEmpty() ? QString() : mark.details.constFirst();
    painter.drawText(QRect(kMargin, row.top() + 22, kLabelWidth - 12, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(detail, Qt::ElideRight, kLabelWidth - 12));

    // Right: the event's place in time, its latency bar and its deadline tick.
    const int centre = row.top() + row.height() / 2;
    const int x = xOf(mark.offsetUs);
    QColor guide = pal.color(QPalette::Mid);
    guide.setAlpha(90);
    painter.setPen(guide);
    painter.drawLine(axisLeft(), centre, width() - kMargin, centre);
    const int latencyEnd = std::max(x + 2, xOf(mark.offsetUs + mark.latencyUs));
    painter.fillRect(QRect(x, centre - 3, latencyEnd - x, 6), mark.late() ? callAlarmColor() : hue.lighter(130));
    const int deadlineX = xOf(mark.offsetUs + mark.deadlineMs * 1000);
    if (deadlineX < width()) {
        painter.setPen(QPen(mark.late() ? callAlarmColor() : pal.color(QPalette::Mid), 1));
        painter.drawLine(deadlineX, centre - 8, deadlineX, centre + 8);
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(pal.color(QPalette::Base), 1.5));
    painter.setBrush(flagged ? callAlarmColor() : hue);
    QPainterPath diamond;
    diamond.moveTo(x, centre - 7);
    diamond.lineTo(x + 7, centre);
    diamond.lineTo(x, centre + 7);
    diamond.lineTo(x - 7, centre);
    diamond.closeSubpath();
    painter.drawPath(diamond);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(mark.late() ? callAlarmColor() : pal.color(QPalette::PlaceholderText));
    painter.drawText(QRect(latencyEnd + 6, centre - 9, 140, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("%1 ms").arg(base::millisecondsText(mark.latencyUs)));
}

void CallAxisView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_track.marks.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Select an exchange that belongs to a call to see the whole call here."));
        if (hasFocus()) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
            painter.drawRect(rect().adjusted(1, 1, -2, -2));
        }
        return;
    }
    paintRuler(painter);
    for (int i = 0; i < m_track.marks.size(); ++i)
        paintRow(painter, i);
    if (hasFocus()) {
        // The focus is always visible: around the current row, or the whole axis when no row is current.
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
        painter.drawRect(m_current >= 0 ? rowRect(m_current).adjusted(1, 1, -2, -2) : rect().adjusted(1, 1, -2, -2));
    }
}

void CallAxisView::mousePressEvent(QMouseEvent *event)
{
    const int index = rowAt(event->position().toPoint());
    if (index < 0 || event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    setCurrentMark(index);
    Q_EMIT markActivated(m_track.marks.at(index).exchangeId);
}

void CallAxisView::mouseDoubleClickEvent(QMouseEvent *event)
{
    mousePressEvent(event);
}

void CallAxisView::keyPressEvent(QKeyEvent *event)
{
    const int last = static_cast<int>(m_track.marks.size()) - 1;
    switch (event->key()) {
    case Qt::Key_Up:
        setCurrentMark(std::max(0, m_current - 1));
        return;
    case Qt::Key_Down:
        setCurrentMark(std::min(last, m_current + 1));
        return;
    case Qt::Key_Home:
        setCurrentMark(0);
        return;
    case Qt::Key_End:
        setCurrentMark(last);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            Q_EMIT markActivated(m_track.marks.at(m_current).exchangeId);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(2.0);
        return;
    case Qt::Key_Minus:
        zoomBy(0.5);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void CallAxisView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return QWidget::wheelEvent(event);
    zoomBy(event->angleDelta().y() > 0 ? 1.25 : 0.8);
    event->accept();
}

bool CallAxisView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = rowAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(index), this, rowRect(index));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace dockside::ui
