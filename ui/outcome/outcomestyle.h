// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"
#include "templates/templateoutcome.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace dockside::ui {

// An outcome's tone: overrides, the default as asked, the default after a problem, or a rejection.
OutcomeTone outcomeTone(const contract::CallOutcome &outcome);

// Colours of a tone for a palette: readable on light and dark windows alike.
struct ToneColors {
    QColor accent; // lines, markers, badges
    QColor fill; // a quiet background for blocks of this tone
    QColor text; // text on fill
};
ToneColors toneColors(OutcomeTone tone, const QPalette &palette);

bool isDarkPalette(const QPalette &palette);
// t = 0 gives from, t = 1 gives to.
QColor mixColors(const QColor &from, const QColor &to, qreal t);

// The outcome in a few words: "Answered with overrides", "Rejected", "Default assistant".
QString outcomeTitle(const contract::CallOutcome &outcome);
// Why the default assistant answers, in words: "timeout", "webhook unreachable", "invalid answer", ...
QString reasonInWords(contract::Reason reason);

} // namespace dockside::ui
