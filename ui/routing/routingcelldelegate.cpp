// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingcelldelegate.h"

#include "routingtablemodel.h"

#include <QApplication>
#include <QPainter>

namespace dockside::ui {

RoutingCellDelegate::RoutingCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

RoutingCellDelegate::~RoutingCellDelegate() = default;

QColor RoutingCellDelegate::tint(int kind, const QColor &base)
{
    QColor colour;
    switch (kind) {
    case 0: // answered
        colour = QColor(0x2e, 0x9e, 0x4f);
        break;
    case 1: // rejected
        colour = QColor(0xd0, 0x3b, 0x3b);
        break;
    case 2: // forwarded
        colour = QColor(0x35, 0x78, 0xd4);
        break;
    default: // the template could not be rendered
        colour = QColor(0xe0, 0x8a, 0x1e);
        break;
    }
    const double share = base.lightnessF() > 0.5 ? 0.25 : 0.45;
    return QColor::fromRgbF(static_cast<float>(base.redF() * (1 - share) + colour.redF() * share),
                            static_cast<float>(base.greenF() * (1 - share) + colour.greenF() * share),
                            static_cast<float>(base.blueF() * (1 - share) + colour.blueF() * share));
}

void RoutingCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant kind = index.data(RoutingTableModel::KindRole);
    if (index.column() == 0 || !kind.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QColor base = opt.palette.color(QPalette::Base);
    painter->fillRect(opt.rect, selected ? opt.palette.color(QPalette::Highlight) : tint(kind.toInt(), base));
    if (index.data(RoutingTableModel::ChangedRole).toBool()) {
        QPen pen(opt.palette.color(QPalette::Text));
        pen.setWidth(3);
        painter->setPen(pen);
        painter->drawRect(opt.rect.adjusted(1, 1, -2, -2));
    }
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    // Two lines from the top: the outcome in words, then the template.
    const QFontMetrics metrics = painter->fontMetrics();
    const int lineHeight = metrics.lineSpacing();
    const QRect textRect = opt.rect.adjusted(5, 3, -5, -3);
    // The model's text: opt.text has its line break turned into a line separator.
    const QString text = index.data(Qt::DisplayRole).toString();
    const QRect first(textRect.left(), textRect.top(), textRect.width(), lineHeight);
    const QRect second(textRect.left(), textRect.top() + lineHeight, textRect.width(), lineHeight);
    painter->drawText(first, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(text.section(QLatin1Char('\n'), 0, 0), Qt::ElideRight, first.width()));
    painter->drawText(second, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(text.section(QLatin1Char('\n'), 1), Qt::ElideRight, second.width()));
    painter->restore();
}

QSize RoutingCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.lineSpacing() * 2 + 8));
    if (index.column() > 0)
        size.setWidth(std::min(size.width() + 10, option.fontMetrics.horizontalAdvance(QLatin1Char('x')) * 22));
    return size;
}

} // namespace dockside::ui
