// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace dockside::ui {

// Paints a routing cell tinted by its outcome (answered, rejected, forwarded, template error) with the outcome in
// words and the template, so the colour is never the only sign; a cell the compared workspace answers otherwise
// gets a heavy frame and a Δ.
class RoutingCellDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutingCellDelegate)

public:
    explicit RoutingCellDelegate(QObject *parent = nullptr);
    ~RoutingCellDelegate() override;

    // The tint of an outcome kind (RoutingTableModel::KindRole), mixed into base.
    static QColor tint(int kind, const QColor &base);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace dockside::ui
