// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLabel>

namespace dockside::ui {

// A one-line label that, given less width than its text needs, ends it with "…" and shows the whole text as its
// tooltip, instead of cutting it off: for status texts on a small screen. Set its text with setText as usual.
class ElidedLabel final : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    // True while the text does not fit and is shown shortened.
    bool isElided() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
};

} // namespace dockside::ui
