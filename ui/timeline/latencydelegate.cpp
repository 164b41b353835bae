// SPDX-License-Identifier: GPL-3.0-or-later

#include "latencydelegate.h"

#include "theme/theme.h"
#include "timelineformat.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace dockside::ui {

namespace {

constexpr int kMargin = 4;
constexpr int kGap = 6;
constexpr int kMinimumTrack = 24;

QColor blend(const QColor &background, const QColor &foreground, double amount)
{
    return QColor::fromRgbF(static_cast<float>(background.redF() * (1 - amount) + foreground.redF() * amount),
                            static_cast<float>(background.greenF() * (1 - amount) + foreground.greenF() * amount),
                            static_cast<float>(background.blueF() * (1 - amount) + foreground.blueF() * amount));
}

} // namespace

LatencyDelegate::LatencyDelegate(int latencyUsRole, int deadlineMsRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_latencyUsRole(latencyUsRole)
    , m_deadlineMsRole(deadlineMsRole)
{
}

LatencyDelegate::~LatencyDelegate() = default;

void LatencyDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant latency = index.data(m_latencyUsRole);
    const qint64 deadlineMs = index.data(m_deadlineMsRole).toLongLong();
    if (!latency.isValid() || deadlineMs <= 0)
        return;
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor textColor = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor base = opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Base);

    const QRect area = opt.rect.adjusted(kMargin, 0, -kMargin, 0);
    // A fixed text column keeps every row's deadline marker at the same x, so bars compare down the column.
    const int textWidth =
        std::max(opt.fontMetrics.horizontalAdvance(QStringLiteral("9999 ms")), opt.fontMetrics.horizontalAdvance(text));
    QRect track(area.left(), area.center().y() - 4, area.width() - textWidth - kGap, 9);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const double share = static_cast<double>(latency.toLongLong()) / static_cast<double>(deadlineMs * 1000);
    if (track.width() >= kMinimumTrack) {
        QColor hue = timeline::okHue();
        if (share > 1.0)
            hue = timeline::errorHue();
        else if (share > 0.8)
            hue = timeline::warningHue();
        painter->setPen(Qt::NoPen);
        painter->setBrush(blend(base, textColor, 0.12));
        painter->drawRoundedRect(track, 2, 2);
        const double filled = std::min(share * kDeadlineAt, 1.0);
        QRectF bar = track;
        bar.setWidth(std::max(2.0, filled * track.width()));
        painter->setBrush(hue);
        painter->drawRoundedRect(bar, 2, 2);
        const double markerX = track.left() + kDeadlineAt * track.width();
        painter->setPen(QPen(textColor, 1.5));
        painter->drawLine(QPointF(markerX, track.top() - 3), QPointF(markerX, track.bottom() + 3));
    }
    // Late in a red that reads as text on this palette's rows (the bar's hue was 3.1:1 on a dark row).
    painter->setPen(share > 1.0 && !selected ? errorTextColor(opt.palette) : textColor);
    painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize LatencyDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + kMinimumTrack * 3 + kGap);
    return size;
}

} // namespace dockside::ui
