// SPDX-License-Identifier: GPL-3.0-or-later

#include "fittingscrollarea.h"

#include <QEvent>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

namespace dockside::ui {

FittingScrollArea::FittingScrollArea(QWidget *content, QWidget *parent)
    : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(content);
    // The content's minimum changes with what it shows (a longer badge, a hidden row): follow it.
    content->installEventFilter(this);
}

QSize FittingScrollArea::minimumSizeHint() const
{
    const QSize own = QScrollArea::minimumSizeHint();
    if (!widget())
        return own;
    const int bar = verticalScrollBar()->sizeHint().width();
    const QMargins margins = contentsMargins();
    return {std::max(own.width(), widget()->minimumSizeHint().width() + bar + margins.left() + margins.right()),
            own.height()};
}

bool FittingScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}

} // namespace dockside::ui
