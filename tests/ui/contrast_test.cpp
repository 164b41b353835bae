// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/jsonview.h"
#include "endpoint/endpointpanel.h"
#include "outcome/outcomestyle.h"
#include "routing/routingcelldelegate.h"
#include "theme/theme.h"
#include "timeline/badgedelegate.h"
#include "timeline/timelineformat.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <gtest/gtest.h>

using namespace dockside;
using namespace dockside::ui;

namespace {

struct Case {
    QString what;
    QColor text;
    QColor background;
    double needed;
};

std::string report(const Case &c, double ratio)
{
    return QStringLiteral("%1: %2 on %3 is %4:1, needs %5:1")
        .arg(c.what, c.text.name(), c.background.name())
        .arg(ratio, 0, 'f', 2)
        .arg(c.needed, 0, 'f', 1)
        .toStdString();
}

// Every badge and coloured text of the window, with the background it is drawn on, for one theme.
QList<Case> casesFor(Theme theme)
{
    const QPalette palette = themePalette(theme);
    const QString name = themeName(theme);
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QList<Case> cases;

    // The timeline's badges: the palette's text on the hue blended into the row's base.
    const QList<std::pair<QString, QColor>> hues {
        {QStringLiteral("answered"), timeline::outcomeHue(timeline::OutcomeKind::Answered)},
        {QStringLiteral("rejected"), timeline::outcomeHue(timeline::OutcomeKind::Rejected)},
        {QStringLiteral("default"), timeline::outcomeHue(timeline::OutcomeKind::Default)},
        {QStringLiteral("no outcome"), timeline::outcomeHue(timeline::OutcomeKind::None)},
        {QStringLiteral("signature valid"), timeline::signatureHue(timeline::SignatureKind::Valid)},
        {QStringLiteral("signature missing"), timeline::signatureHue(timeline::SignatureKind::Missing)},
        {QStringLiteral("signature invalid"), timeline::signatureHue(timeline::SignatureKind::Invalid)},
        {QStringLiteral("signature not checked"), timeline::signatureHue(timeline::SignatureKind::NotChecked)},
        {QStringLiteral("relayed"), timeline::relayHue()},
        {QStringLiteral("fallback"), timeline::warningHue()}};
    for (const auto &[label, hue] : hues)
        cases.append({QStringLiteral("%1 timeline badge %2").arg(name, label), text, BadgeDelegate::fillFor(hue, base),
                      kContrastText});

    // A late latency's text, on plain and alternate rows; error lines on the window.
    const QColor error = errorTextColor(palette);
    for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase, QPalette::Window})
        cases.append({QStringLiteral("%1 error text on role %2").arg(name).arg(static_cast<int>(role)), error,
                      palette.color(role), kContrastText});

    // The outcome's tones: badge text on its fill (the detail's badges), and tone text on the window and base
    // (the signature line, the outcome's headline).
    for (const OutcomeTone tone :
         {OutcomeTone::DefaultAssistant, OutcomeTone::Overrides, OutcomeTone::Rejected, OutcomeTone::Problem}) {
        const ToneColors colors = toneColors(tone, palette);
        const QString label = QStringLiteral("%1 tone %2").arg(name).arg(static_cast<int>(tone));
        cases.append({label + QStringLiteral(" badge"), colors.text, colors.fill, kContrastText});
        cases.append(
            {label + QStringLiteral(" on window"), colors.text, palette.color(QPalette::Window), kContrastText});
        cases.append({label + QStringLiteral(" on base"), colors.text, base, kContrastText});
    }

    // The endpoint's state badges: white bold text at the normal size, so the normal-text ratio applies.
    for (const EndpointBadge badge :
         {EndpointBadge::Running, EndpointBadge::Stopped, EndpointBadge::Failed, EndpointBadge::Clock})
        cases.append({QStringLiteral("%1 endpoint badge %2").arg(name).arg(static_cast<int>(badge)),
                      endpointBadgeText(), endpointBadgeColor(badge), kContrastText});
    // The routing matrix: the palette's text on each outcome's tint (answered, rejected, forwarded, broken).
    for (int kind = 0; kind < 4; ++kind)
        cases.append({QStringLiteral("%1 routing cell %2").arg(name).arg(kind), text,
                      RoutingCellDelegate::tint(kind, base), kContrastText});
    // The JSON views' syntax colours on their base.
    for (const JsonSyntaxColor &syntax : JsonView::syntaxColors(palette))
        cases.append({QStringLiteral("%1 JSON %2").arg(name, syntax.name), syntax.color, base, kContrastText});
    return cases;
}

} // namespace

TEST(Contrast, TheRatioFollowsWcag)
{
    EXPECT_NEAR(contrastRatio(Qt::black, Qt::white), 21.0, 1e-6);
    EXPECT_NEAR(contrastRatio(Qt::white, Qt::white), 1.0, 1e-6);
    EXPECT_NEAR(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white), 4.48, 0.01); // the classic just-failing grey
    EXPECT_NEAR(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white), 4.54, 0.01);
    EXPECT_DOUBLE_EQ(contrastRatio(Qt::red, Qt::blue), contrastRatio(Qt::blue, Qt::red));
}

TEST(Contrast, TheThemesAreLightAndDark)
{
    EXPECT_GT(themePalette(Theme::Light).color(QPalette::Window).lightness(), 200);
    EXPECT_LT(themePalette(Theme::Dark).color(QPalette::Window).lightness(), 60);
}

// WCAG AA in both themes: every badge's text and every coloured text against what it is drawn on.
TEST(Contrast, BadgesAndColouredTextMeetWcagAaInLightAndDarkThemes)
{
    int checked = 0;
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        for (const Case &c : casesFor(theme)) {
            const double ratio = contrastRatio(c.text, c.background);
            EXPECT_GE(ratio, c.needed) << report(c, ratio);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2 * (10 + 3 + 12 + 4 + 4 + 8));
}
