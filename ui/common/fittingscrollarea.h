// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QScrollArea>

namespace dockside::ui {

// Holds a panel that may get less height than it needs (a short window): it scrolls up and down, never sideways,
// and asks its own layout for the panel's minimum width, so the panel's rows keep their width and text.
class FittingScrollArea final : public QScrollArea {
    Q_OBJECT

public:
    explicit FittingScrollArea(QWidget *content, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace dockside::ui
