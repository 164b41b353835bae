// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QStyledItemDelegate>

#include <functional>

namespace dockside::ui {

// The cell's text as a rounded badge tinted by a hue the index picks; empty text draws nothing, an invalid hue draws
// the text plainly.
class BadgeDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BadgeDelegate)

public:
    using HueOf = std::function<QColor(const QModelIndex &index)>;

    explicit BadgeDelegate(HueOf hueOf, QObject *parent = nullptr);
    ~BadgeDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /*! The badge's fill: the hue over the background, light enough on a light base and dark on a dark one. */
    static QColor fillFor(const QColor &hue, const QColor &background);

private:
    HueOf m_hueOf;
};

} // namespace dockside::ui
