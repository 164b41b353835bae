// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStyledItemDelegate>

namespace dockside::ui {

// Latency as a bar against the deadline: a marker where the deadline falls, amber close to it, red past it.
class LatencyDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyDelegate)

public:
    /*! The roles that carry the latency in microseconds and the deadline in milliseconds. */
    LatencyDelegate(int latencyUsRole, int deadlineMsRole, QObject *parent = nullptr);
    ~LatencyDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /*! Where the deadline sits on the bar's track, as a share of its width. */
    static constexpr double kDeadlineAt = 0.8;

private:
    int m_latencyUsRole = 0;
    int m_deadlineMsRole = 0;
};

} // namespace dockside::ui
