// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenariodelegate.h"

#include "scenariolistmodel.h"

#include <QApplication>
#include <QPainter>

namespace dockside::ui {

ScenarioDelegate::ScenarioDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

ScenarioDelegate::~ScenarioDelegate() = default;

QString ScenarioDelegate::secondLine(const QModelIndex &index)
{
    const QString event = index.data(ScenarioListModel::EventRole).toString();
    const QString expects = index.siblingAtColumn(ScenarioListModel::ExpectationsColumn).data().toString();
    return expects.isEmpty() ? event : event + QStringLiteral(" · ") + expects;
}

void ScenarioDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString name = item.text;
    item.text.clear();
    const QWidget *widget = item.widget;
    QStyle *style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget).adjusted(2, 0, -2, 0);
    const QPalette::ColorGroup group = (item.state & QStyle::State_Enabled) == 0 ? QPalette::Disabled
        : (item.state & QStyle::State_Active) != 0                               ? QPalette::Active
                                                                                 : QPalette::Inactive;
    const bool selected = (item.state & QStyle::State_Selected) != 0;
    const QColor primary = item.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor secondary = selected ? primary : item.palette.color(group, QPalette::PlaceholderText);
    const QFontMetrics metrics(item.font);
    const int lineHeight = metrics.height();
    const int top = text.top() + (text.height() - 2 * lineHeight) / 2;

    painter->save();
    painter->setFont(item.font);
    painter->setPen(primary);
    painter->drawText(QRect(text.left(), top, text.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(name, Qt::ElideRight, text.width()));
    painter->setPen(secondary);
    painter->drawText(QRect(text.left(), top + lineHeight, text.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(secondLine(index), Qt::ElideRight, text.width()));
    painter->restore();
}

QSize ScenarioDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(2 * QFontMetrics(option.font).height() + 8);
    return size;
}

} // namespace dockside::ui
