// SPDX-License-Identifier: GPL-3.0-or-later

#include "badgedelegate.h"

#include <QApplication>
#include <QPainter>

namespace dockside::ui {

namespace {

constexpr int kMargin = 4;
constexpr int kPadding = 7;

} // namespace

BadgeDelegate::BadgeDelegate(HueOf hueOf, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_hueOf(std::move(hueOf))
{
}

BadgeDelegate::~BadgeDelegate() = default;

QColor BadgeDelegate::fillFor(const QColor &hue, const QColor &background)
{
    constexpr float amount = 0.28F;
    return QColor::fromRgbF(background.redF() * (1 - amount) + hue.redF() * amount,
                            background.greenF() * (1 - amount) + hue.greenF() * amount,
                            background.blueF() * (1 - amount) + hue.blueF() * amount);
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QColor hue = m_hueOf(index);
    if (!hue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor base = opt.palette.color(group, QPalette::Base);
    const QRect area = opt.rect.adjusted(kMargin, 3, -kMargin, -3);
    const QString shown = opt.fontMetrics.elidedText(text, Qt::ElideRight, area.width() - 2 * kPadding);
    const int width = std::min(area.width(), opt.fontMetrics.horizontalAdvance(shown) + 2 * kPadding);
    const int height = std::min(area.height(), opt.fontMetrics.height() + 4);
    const QRectF badge(area.left(), area.center().y() - height / 2.0 + 0.5, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    // The badge keeps the base colour under it, so its text stays readable on a selected row too.
    painter->setPen(QPen(hue, 1.0));
    painter->setBrush(fillFor(hue, base));
    painter->drawRoundedRect(badge.adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->setPen(opt.palette.color(group, QPalette::Text));
    painter->drawText(badge, Qt::AlignCenter, shown);
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 2 * kPadding);
    return size;
}

} // namespace dockside::ui
