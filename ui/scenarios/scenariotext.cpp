// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenariotext.h"

#include "editor/wording.h"
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>
#include <QStringList>

#include <algorithm>

namespace dockside::ui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("dockside::ui::ScenarioText", text, nullptr, n);
}

template<typename T, typename Name> QString anyOf(const QList<T> &values, Name name)
{
    QStringList names;
    for (const T &value : values)
        names.append(name(value));
    return names.join(QLatin1Char('|'));
}

} // namespace

QString expectationSummary(const composer::Expectations &expect)
{
    QStringList parts;
    if (!expect.dispositions.isEmpty())
        parts.append(tr("disposition %1").arg(anyOf(expect.dispositions, contract::dispositionName)));
    if (!expect.reasons.isEmpty())
        parts.append(tr("reason %1").arg(anyOf(expect.reasons, contract::reasonCode)));
    if (expect.firstMessageEquals)
        parts.append(tr("greeting “%1”").arg(*expect.firstMessageEquals));
    if (expect.firstMessageContains)
        parts.append(tr("greeting contains “%1”").arg(*expect.firstMessageContains));
    if (!expect.pointers.isEmpty())
        parts.append(counted(expect.pointers.size(), tr("JSON value"), tr("JSON values")));
    if (expect.status)
        parts.append(tr("status %1").arg(*expect.status));
    if (expect.latencyUnderMs)
        parts.append(tr("under %1 ms").arg(*expect.latencyUnderMs));
    return parts.join(QStringLiteral(" · "));
}

QString stepsSummary(const QList<composer::ScenarioStep> &steps)
{
    const auto checked = std::count_if(steps.cbegin(), steps.cend(),
                                       [](const composer::ScenarioStep &step) { return !step.expect.isEmpty(); });
    QStringList parts {tr("%1 of %2 steps checked").arg(checked).arg(steps.size())};
    if (!steps.isEmpty() && !steps.constFirst().expect.isEmpty())
        parts.append(tr("first: %1").arg(expectationSummary(steps.constFirst().expect)));
    return parts.join(QStringLiteral(" · "));
}

QString eventSummary(const composer::Scenario &scenario)
{
    if (!scenario.steps.isEmpty())
        return tr("whole call, %1 events").arg(scenario.steps.size());
    const QString type = contract::eventTypeName(scenario.eventType);
    if (scenario.rawBody)
        return tr("%1, raw body").arg(type);
    if (scenario.callType == contract::CallType::WebCall)
        return tr("%1, web call").arg(type);
    if (scenario.caller)
        return tr("%1 from %2").arg(type, *scenario.caller);
    return type;
}

ScenarioState stateOf(const composer::ScenarioResult &result)
{
    if (result.cancelled)
        return ScenarioState::Cancelled;
    if (result.passed())
        return ScenarioState::Passed;
    if (!result.transportError.isEmpty())
        return ScenarioState::NoAnswer;
    return ScenarioState::Failed;
}

QString stateText(ScenarioState state, const composer::ScenarioResult *result)
{
    switch (state) {
    case ScenarioState::NotRun:
        return tr("not run");
    case ScenarioState::Pending:
        return tr("pending");
    case ScenarioState::Passed:
        return tr("passed");
    case ScenarioState::Failed:
        if (result != nullptr)
            return tr("failed %1 of %2").arg(result->failedExpectations().size()).arg(result->expectations.size());
        return tr("failed");
    case ScenarioState::NoAnswer:
        return tr("no answer");
    case ScenarioState::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QColor stateColor(ScenarioState state, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightnessF() < 0.5;
    switch (state) {
    case ScenarioState::Passed:
        return dark ? QColor(0x7b, 0xd8, 0x8f) : QColor(0x1e, 0x7a, 0x34);
    case ScenarioState::Failed:
    case ScenarioState::NoAnswer:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc0, 0x1c, 0x28);
    case ScenarioState::NotRun:
    case ScenarioState::Pending:
    case ScenarioState::Cancelled:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

namespace {

// The state's dot drawn at whatever size and device pixel ratio it is asked for: sharp at 200%, unlike a
// pixmap painted once at 1x.
class StateDotEngine final : public QIconEngine {
public:
    StateDotEngine(const QColor &fill, bool hollow)
        : m_fill(fill)
        , m_hollow(hollow)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode, QIcon::State) override
    {
        const qreal side = std::min(rect.width(), rect.height());
        // The 32-unit design: a 20-unit dot with a 2-unit outline, centred.
        const qreal unit = side / 32.0;
        QRectF dot(0, 0, 20 * unit, 20 * unit);
        dot.moveCenter(QRectF(rect).center());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(m_fill.darker(140), 2 * unit));
        painter->setBrush(m_hollow ? QBrush(Qt::NoBrush) : QBrush(m_fill));
        painter->drawEllipse(dot);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new StateDotEngine(m_fill, m_hollow); }

private:
    QColor m_fill;
    bool m_hollow = false;
};

} // namespace

QIcon stateIcon(ScenarioState state)
{
    static QHash<int, QIcon> cache;
    const auto found = cache.constFind(static_cast<int>(state));
    if (found != cache.constEnd())
        return *found;
    QColor fill;
    switch (state) {
    case ScenarioState::Passed:
        fill = QColor(0x2e, 0xa0, 0x4f);
        break;
    case ScenarioState::Failed:
    case ScenarioState::NoAnswer:
        fill = QColor(0xe0, 0x3e, 0x3e);
        break;
    case ScenarioState::NotRun:
    case ScenarioState::Pending:
    case ScenarioState::Cancelled:
        fill = QColor(0x90, 0x90, 0x90);
        break;
    }
    // A mid-tone dot with a thin outline reads on light and dark rows alike.
    const bool hollow = state == ScenarioState::NotRun || state == ScenarioState::Pending;
    return cache.insert(static_cast<int>(state), QIcon(new StateDotEngine(fill, hollow))).value();
}

} // namespace dockside::ui
