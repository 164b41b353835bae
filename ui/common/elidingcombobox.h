// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QComboBox>

namespace dockside::ui {

// A list whose closed box, given less width than its choice needs, ends the choice with "…" and shows it whole in
// its tooltip, instead of cutting it off mid-letter; the open list shows every item whole. For long choices beside
// other controls (a request's description, an SDK with its changes).
class ElidingComboBox final : public QComboBox {
    Q_OBJECT

public:
    explicit ElidingComboBox(QWidget *parent = nullptr);

    // True while the current choice does not fit and is shown shortened.
    bool isElided() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QRect textRect() const;
    int labelWidth() const; // the text rectangle less the current item's icon
};

} // namespace dockside::ui
