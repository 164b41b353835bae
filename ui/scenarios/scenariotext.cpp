// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenariotext.h"

#include "editor/wording.h"
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHash>
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
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(fill.darker(140), 2));
    painter.setBrush(fill);
    const bool hollow = state == ScenarioState::NotRun || state == ScenarioState::Pending;
    if (hollow)
        painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(QRectF(6, 6, 20, 20));
    painter.end();
    return cache.insert(static_cast<int>(state), QIcon(pixmap)).value();
}

} // namespace dockside::ui
