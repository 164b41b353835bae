// SPDX-License-Identifier: GPL-3.0-or-later

#include "outcomestyle.h"

#include <QCoreApplication>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::OutcomeStyle", text);
}

} // namespace

OutcomeTone outcomeTone(const contract::CallOutcome &outcome)
{
    if (outcome.disposition == contract::Disposition::Rejected)
        return OutcomeTone::Rejected;
    if (outcome.reason == contract::Reason::Override)
        return OutcomeTone::Overrides;
    return outcome.reason == contract::Reason::Default ? OutcomeTone::DefaultAssistant : OutcomeTone::Problem;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor mixColors(const QColor &from, const QColor &to, qreal t)
{
    const auto mix = [t](float a, float b) { return a + static_cast<float>(t) * (b - a); };
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    return QColor::fromRgbF(mix(a.redF(), b.redF()), mix(a.greenF(), b.greenF()), mix(a.blueF(), b.blueF()),
                            mix(a.alphaF(), b.alphaF()));
}

ToneColors toneColors(OutcomeTone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    QColor accent;
    switch (tone) {
    case OutcomeTone::DefaultAssistant:
        accent = dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
        break;
    case OutcomeTone::Overrides:
        accent = dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
        break;
    case OutcomeTone::Rejected:
        accent = dark ? QColor(0xef, 0x6f, 0x6c) : QColor(0xc6, 0x28, 0x28);
        break;
    case OutcomeTone::Problem:
        accent = dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x54, 0x00);
        break;
    }
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    return {accent, mixColors(base, accent, dark ? 0.22 : 0.12), mixColors(accent, text, dark ? 0.15 : 0.35)};
}

QString outcomeTitle(const contract::CallOutcome &outcome)
{
    switch (outcomeTone(outcome)) {
    case OutcomeTone::Rejected:
        return tr("Rejected");
    case OutcomeTone::Overrides:
        return tr("Answered with overrides");
    case OutcomeTone::DefaultAssistant:
    case OutcomeTone::Problem:
        break;
    }
    return tr("Default assistant");
}

QString reasonInWords(contract::Reason reason)
{
    switch (reason) {
    case contract::Reason::Timeout:
        return tr("timeout");
    case contract::Reason::Unreachable:
        return tr("webhook unreachable");
    case contract::Reason::HttpStatus:
        return tr("HTTP status not 2xx");
    case contract::Reason::EmptyBody:
        return tr("empty answer");
    case contract::Reason::InvalidJson:
        return tr("not a JSON object");
    case contract::Reason::InvalidResponse:
        return tr("invalid answer");
    case contract::Reason::Rejected:
        return tr("the webhook rejected the call");
    case contract::Reason::Default:
        return tr("the webhook overrides nothing");
    case contract::Reason::Override:
        return tr("the webhook's overrides");
    }
    return {};
}

} // namespace dockside::ui
