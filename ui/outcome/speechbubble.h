// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "templates/templateoutcome.h"

#include <QWidget>

class QLabel;

namespace dockside::ui {

// What the caller hears, drawn as a speech bubble in the outcome's tone.
class SpeechBubble final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeechBubble)

public:
    explicit SpeechBubble(QWidget *parent = nullptr);
    ~SpeechBubble() override;

    void setText(const QString &text);
    QString text() const;
    void setTone(OutcomeTone tone);
    OutcomeTone tone() const { return m_tone; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_label = nullptr;
    OutcomeTone m_tone = OutcomeTone::DefaultAssistant;
};

} // namespace dockside::ui
