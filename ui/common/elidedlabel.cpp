// SPDX-License-Identifier: GPL-3.0-or-later

#include "elidedlabel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace dockside::ui {

namespace {

// Room for a few characters and the ellipsis: below that a status says nothing.
constexpr int kMinimumCharacters = 8;

} // namespace

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize full = QLabel::minimumSizeHint();
    const QMargins margins = contentsMargins();
    const int few = fontMetrics().averageCharWidth() * kMinimumCharacters + margins.left() + margins.right();
    return {std::min(full.width(), few), full.height()};
}

bool ElidedLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

bool ElidedLabel::event(QEvent *event)
{
    // The whole text on hover when it is shortened, the label's own tooltip otherwise.
    if (event->type() == QEvent::ToolTip && isElided()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTip().isEmpty() ? text() : text() + QLatin1Char('\n') + toolTip();
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QLabel::event(event);
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    if (!isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area,
                          static_cast<int>(QStyle::visualAlignment(layoutDirection(), alignment()).toInt()), palette(),
                          isEnabled(), shown, foregroundRole());
}

} // namespace dockside::ui
