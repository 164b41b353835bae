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

int ElidingComboBox::labelWidth() const
{
    // The current item's icon, if any, sits before the text with a 4 px gap.
    return textRect().width() - (itemIcon(currentIndex()).isNull() ? 0 : iconSize().width() + 4);
}

bool ElidingComboBox::isElided() const
{
    return !isEditable() && fontMetrics().horizontalAdvance(currentText()) > labelWidth();
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
    option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, labelWidth());
    painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

} // namespace dockside::ui
