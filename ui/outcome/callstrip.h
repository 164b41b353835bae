// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"

#include <QStringList>
#include <QWidget>

#include <optional>

namespace dockside::ui {

// The call as a strip: ringing, the webhook's latency as a bar against the deadline marker (or a timeout or
// unreachable mark), and how the call goes on: answered, rejected, or the default assistant and why.
class CallStrip final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallStrip)

public:
    explicit CallStrip(QWidget *parent = nullptr);
    ~CallStrip() override;

    void setOutcome(const contract::CallOutcome &outcome);
    void clear();

    // What each stage says, in order, as the strip draws it (also the accessible description).
    QStringList stageTexts() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Stages {
        QString ringing;
        QString webhookTitle;
        QString webhookValue;
        QString webhookShortValue; // drawn when webhookValue does not fit beside the title
        QString deadlineLabel;
        QString endTitle;
        QString endSubtitle;
    };
    Stages stages() const;

    std::optional<contract::CallOutcome> m_outcome;
};

} // namespace dockside::ui
