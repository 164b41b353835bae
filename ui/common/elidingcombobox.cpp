// SPDX-License-Identifier: GPL-3.0-or-later

#include "elidingcombobox.h"

#include <QHelpEvent>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QToolTip>

namespace dockside::ui {

ElidingComboBox::ElidingComboBox(QWidget *parent)
    : QComboBox(parent)
{
}

QRect ElidingComboBox::textRect() const
{
    QStyleOptionComboBox option;
    initStyleOption(&option);
    // The style draws the label one pixel in from each side of the edit field.
    return style()
        ->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this)
        .adjusted(1, 0, -1, 0);
}

bool ElidingComboBox::isElided() const
{
    if (isEditable())
        return false;
    int available = textRect().width();
    if (!itemIcon(currentIndex()).isNull())
        available -= iconSize().width() + 4;
    return fontMetrics().horizontalAdvance(currentText()) > available;
}

bool ElidingComboBox::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && isElided()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTip().isEmpty() ? currentText() : currentText() + QLatin1Char('\n') + toolTip();
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QComboBox::event(event);
}

void ElidingComboBox::paintEvent(QPaintEvent *event)
{
    if (!isElided()) {
        QComboBox::paintEvent(event);
        return;
    }
    QStylePainter painter(this);
    painter.setPen(palette().color(QPalette::Text));
    QStyleOptionComboBox option;
    initStyleOption(&option);
    painter.drawComplexControl(QStyle::CC_ComboBox, option);
    int available = textRect().width();
    if (!option.currentIcon.isNull())
        available -= option.iconSize.width() + 4;
    option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, available);
    painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

} // namespace dockside::ui
