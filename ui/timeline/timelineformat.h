// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>
#include <QString>

namespace dockside::ui::timeline {

enum class OutcomeKind { None, Answered, Rejected, Default };
enum class SignatureKind { NotChecked, Valid, Missing, Invalid };

// The call outcome as the timeline shows it: only assistant-requests have one.
OutcomeKind outcomeKind(const QString &disposition, const QString &reason);
QString outcomeLabel(const QString &disposition, const QString &reason);
QString outcomeToolTip(const QString &disposition, const QString &reason);

SignatureKind signatureKind(const QString &status);
QString signatureLabel(const QString &status);
QString signatureToolTip(const QString &status);

// CONTRACT.md: 5 s for an assistant-request, 20 s (assumed) for every other event.
qint64 deadlineMsFor(const QString &eventType);
QString formatLatency(qint64 latencyUs);

// Saturated hues that read on light and dark bases alike; badges blend them with the palette's base.
QColor outcomeHue(OutcomeKind kind);
QColor signatureHue(SignatureKind kind);
QColor okHue();
QColor relayHue(); // a relayed exchange: neither good nor bad news
QColor warningHue();
QColor errorHue();

} // namespace dockside::ui::timeline
