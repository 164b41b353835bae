// SPDX-License-Identifier: GPL-3.0-or-later

#include "callstrip.h"

#include "outcomestyle.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace dockside::ui {

namespace {

constexpr int kMargin = 12;
constexpr int kRingRadius = 18;
constexpr int kBarHeight = 10;
constexpr int kGap = 18;
constexpr int kEndHeight = 50;
constexpr int kStripHeight = 100;

QString milliseconds(qint64 value)
{
    return CallStrip::tr("%1 ms").arg(value);
}

QString deadlineText(qint64 deadlineMs)
{
    return deadlineMs % 1000 == 0 ? CallStrip::tr("%1 s deadline").arg(deadlineMs / 1000)
                                  : CallStrip::tr("%1 ms deadline").arg(deadlineMs);
}

QFont smallerFont(const QFont &font)
{
    QFont smaller = font;
    if (font.pointSizeF() > 0)
        smaller.setPointSizeF(font.pointSizeF() * 0.88);
    else
        smaller.setPixelSize(std::max(9, font.pixelSize() * 7 / 8));
    return smaller;
}

} // namespace

CallStrip::CallStrip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("callStrip"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

CallStrip::~CallStrip() = default;

void CallStrip::setOutcome(const contract::CallOutcome &outcome)
{
    m_outcome = outcome;
    setAccessibleDescription(stageTexts().join(QStringLiteral(" → ")));
    setToolTip(outcome.explanation);
    update();
}

void CallStrip::clear()
{
    m_outcome.reset();
    setAccessibleDescription({});
    setToolTip({});
    update();
}

CallStrip::Stages CallStrip::stages() const
{
    Stages stages;
    if (!m_outcome)
        return stages;
    const contract::CallOutcome &outcome = *m_outcome;
    stages.ringing = tr("Ringing");
    stages.webhookTitle = tr("Webhook");
    stages.deadlineLabel = deadlineText(outcome.deadlineMs);
    if (outcome.reason == contract::Reason::Timeout)
        stages.webhookValue =
            outcome.latencyMs ? tr("timeout after %1").arg(milliseconds(*outcome.latencyMs)) : tr("timeout");
    else if (outcome.reason == contract::Reason::Unreachable)
        stages.webhookValue = tr("unreachable");
    else if (outcome.latencyMs)
        stages.webhookValue = milliseconds(*outcome.latencyMs);
    else
        stages.webhookValue = tr("answered");
    // The end block names a timeout already; a narrow strip shows the time alone.
    stages.webhookShortValue = outcome.reason == contract::Reason::Timeout && outcome.latencyMs
        ? milliseconds(*outcome.latencyMs)
        : stages.webhookValue;

    stages.endTitle = outcomeTitle(outcome);
    switch (outcomeTone(outcome)) {
    case OutcomeTone::Rejected:
        stages.endSubtitle = tr("message, then hang-up");
        break;
    case OutcomeTone::Overrides:
        stages.endSubtitle = outcome.changes.size() == 1 ? tr("1 change to the default")
                                                         : tr("%1 changes to the default").arg(outcome.changes.size());
        break;
    case OutcomeTone::DefaultAssistant:
    case OutcomeTone::Problem:
        stages.endSubtitle = reasonInWords(outcome.reason);
        break;
    }
    return stages;
}

QStringList CallStrip::stageTexts() const
{
    if (!m_outcome)
        return {};
    const Stages s = stages();
    const QString webhook = m_outcome->reason == contract::Reason::Unreachable
        ? tr("%1: %2").arg(s.webhookTitle, s.webhookValue)
        : tr("%1: %2 of the %3").arg(s.webhookTitle, s.webhookValue, s.deadlineLabel);
    return {s.ringing, webhook, tr("%1: %2").arg(s.endTitle, s.endSubtitle)};
}

QSize CallStrip::sizeHint() const
{
    return {640, kStripHeight};
}

QSize CallStrip::minimumSizeHint() const
{
    return {420, kStripHeight};
}

void CallStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

void CallStrip::paintEvent(QPaintEvent *)
{
    if (!m_outcome)
        return;
    const contract::CallOutcome &outcome = *m_outcome;
    const Stages s = stages();
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor muted = mixColors(pal.color(QPalette::Window), text, 0.55);
    const QColor track = mixColors(pal.color(QPalette::Window), text, 0.14);
    const ToneColors good = toneColors(OutcomeTone::DefaultAssistant, pal);
    const ToneColors warn = toneColors(OutcomeTone::Problem, pal);
    const ToneColors bad = toneColors(OutcomeTone::Rejected, pal);
    const ToneColors end = toneColors(outcomeTone(outcome), pal);
    const QFont small = smallerFont(font());
    QFont bold = font();
    bold.setBold(true);

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int cy = height() / 2 - 4;

    // Ringing: a ring with a phone in it, the label beneath.
    const QPointF ringCentre(kMargin + kRingRadius, cy);
    painter.setPen(QPen(good.accent, 2));
    painter.setBrush(good.fill);
    painter.drawEllipse(ringCentre, kRingRadius, kRingRadius);
    painter.setPen(good.text);
    QFont phone = font();
    phone.setPointSizeF(std::max<qreal>(phone.pointSizeF(), 9) * 1.35);
    painter.setFont(phone);
    painter.drawText(QRectF(ringCentre.x() - kRingRadius, cy - kRingRadius, 2 * kRingRadius, 2 * kRingRadius),
                     Qt::AlignCenter, QStringLiteral("\u260E"));
    painter.setFont(small);
    painter.setPen(muted);
    const QRectF ringLabel(ringCentre.x() - 40, cy + kRingRadius + 2, 80, QFontMetricsF(small).height());
    painter.drawText(ringLabel, Qt::AlignHCenter | Qt::AlignTop, s.ringing);

    // The end: a rounded block in the outcome's tone.
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF smallMetrics(small);
    const qreal endWidth = std::clamp(
        std::max(boldMetrics.horizontalAdvance(s.endTitle), smallMetrics.horizontalAdvance(s.endSubtitle)) + 28, 150.0,
        std::max(150.0, width() * 0.5));
    const QRectF endRect(width() - kMargin - endWidth, cy - kEndHeight / 2.0, endWidth, kEndHeight);
    painter.setPen(QPen(end.accent, 1.5));
    painter.setBrush(end.fill);
    painter.drawRoundedRect(endRect, 10, 10);
    const QRectF endInner = endRect.adjusted(12, 6, -12, -6);
    painter.setFont(bold);
    painter.setPen(end.text);
    painter.drawText(QRectF(endInner.left(), endInner.top(), endInner.width(), endInner.height() / 2),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     boldMetrics.elidedText(s.endTitle, Qt::ElideRight, endInner.width()));
    painter.setFont(small);
    painter.drawText(QRectF(endInner.left(), endInner.center().y(), endInner.width(), endInner.height() / 2),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     smallMetrics.elidedText(s.endSubtitle, Qt::ElideRight, endInner.width()));

    // The webhook: latency as a bar against the deadline marker.
    const qreal barLeft = ringCentre.x() + kRingRadius + kGap;
    const qreal barRight = endRect.left() - kGap;
    const qreal barWidth = std::max<qreal>(40, barRight - barLeft);
    const QRectF bar(barLeft, cy - kBarHeight / 2.0, barWidth, kBarHeight);
    const bool unreachable = outcome.reason == contract::Reason::Unreachable;
    const bool timedOut = outcome.reason == contract::Reason::Timeout;

    // Connectors from the ring to the bar and from the bar to the end.
    QPen connector(muted, 1.5);
    painter.setPen(connector);
    painter.drawLine(QPointF(ringCentre.x() + kRingRadius, cy), QPointF(bar.left(), cy));
    if (unreachable || timedOut)
        connector.setStyle(Qt::DashLine);
    painter.setPen(connector);
    painter.drawLine(QPointF(bar.right(), cy), QPointF(endRect.left(), cy));

    const qreal deadline = static_cast<qreal>(std::max<qint64>(1, outcome.deadlineMs));
    const qreal latency = outcome.latencyMs ? static_cast<qreal>(*outcome.latencyMs) : 0.0;
    const qreal scale = std::max(deadline * 1.2, latency * 1.05);
    const qreal deadlineX = bar.left() + bar.width() * deadline / scale;

    painter.setPen(Qt::NoPen);
    painter.setBrush(track);
    painter.drawRoundedRect(bar, kBarHeight / 2.0, kBarHeight / 2.0);

    QColor valueColor = text;
    if (unreachable) {
        // A broken line: nothing came back.
        const QPointF cross(bar.left() + 9, cy);
        painter.setBrush(bad.fill);
        painter.setPen(QPen(bad.accent, 1.5));
        painter.drawEllipse(cross, 8, 8);
        painter.drawLine(cross + QPointF(-3.5, -3.5), cross + QPointF(3.5, 3.5));
        painter.drawLine(cross + QPointF(-3.5, 3.5), cross + QPointF(3.5, -3.5));
        valueColor = bad.text;
    } else if (outcome.latencyMs || timedOut) {
        const qreal shown = timedOut && !outcome.latencyMs ? deadline : latency;
        const ToneColors &tone = (timedOut || shown > deadline) ? bad : (shown > deadline * 0.6 ? warn : good);
        const qreal fillWidth = std::max<qreal>(kBarHeight, bar.width() * shown / scale);
        painter.setBrush(tone.accent);
        painter.drawRoundedRect(QRectF(bar.left(), bar.top(), fillWidth, bar.height()), kBarHeight / 2.0,
                                kBarHeight / 2.0);
        if (timedOut) {
            // Hatched past the deadline: the part the platform did not wait for.
            painter.save();
            painter.setClipRect(QRectF(deadlineX, bar.top(), fillWidth - (deadlineX - bar.left()), bar.height()));
            painter.setBrush(QBrush(tone.fill, Qt::BDiagPattern));
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), fillWidth, bar.height()), kBarHeight / 2.0,
                                    kBarHeight / 2.0);
            painter.restore();
        }
        valueColor = tone.text;
    }

    // The deadline marker and its label.
    painter.setPen(QPen(text, 2, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(deadlineX, bar.top() - 7), QPointF(deadlineX, bar.bottom() + 7));
    painter.setFont(small);
    painter.setPen(muted);
    const qreal labelWidth = smallMetrics.horizontalAdvance(s.deadlineLabel) + 4;
    // Centred on the marker, but inside the bar (std::clamp would need the bar to be wider than the label).
    const qreal labelLeft = std::max(bar.left(), std::min(deadlineX - labelWidth / 2, bar.right() - labelWidth));
    painter.drawText(QRectF(labelLeft, bar.bottom() + 8, labelWidth, smallMetrics.height()),
                     Qt::AlignHCenter | Qt::AlignTop, s.deadlineLabel);

    // Title on the left above the bar, the value on the right.
    const qreal titleTop = bar.top() - 8 - boldMetrics.height();
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRectF(bar.left(), titleTop, bar.width() / 2, boldMetrics.height()),
                     Qt::AlignLeft | Qt::AlignBottom, s.webhookTitle);
    painter.setPen(valueColor);
    const qreal valueRoom =
        std::max<qreal>(0, bar.width() - std::min(bar.width() / 2, boldMetrics.horizontalAdvance(s.webhookTitle)) - 8);
    const QString value = boldMetrics.horizontalAdvance(s.webhookValue) <= valueRoom
        ? s.webhookValue
        : boldMetrics.elidedText(s.webhookShortValue, Qt::ElideLeft, valueRoom);
    painter.drawText(QRectF(bar.right() - valueRoom, titleTop, valueRoom, boldMetrics.height()),
                     Qt::AlignRight | Qt::AlignBottom, value);
}

} // namespace dockside::ui
