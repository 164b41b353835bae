// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStyledItemDelegate>

namespace dockside::ui {

// A scenario's name with its event and expectations beneath in the placeholder colour, so a narrow list still
// says what each scenario sends and checks.
class ScenarioDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioDelegate)

public:
    explicit ScenarioDelegate(QObject *parent = nullptr);
    ~ScenarioDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "assistant-request from +31201234567 · reason override|default · status 200"
    static QString secondLine(const QModelIndex &index);
};

} // namespace dockside::ui
