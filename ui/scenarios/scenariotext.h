// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/scenario.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace dockside::ui {

// Pending: part of the run that is going on, without an answer yet.
enum class ScenarioState { NotRun, Pending, Passed, Failed, NoAnswer, Cancelled };

// "reason override|default · status 200 · under 5000 ms": what a scenario checks, on one line.
QString expectationSummary(const composer::Expectations &expect);
// A whole call's expectations: "each step's status · outcome of the assistant-request", or how many steps check.
QString stepsSummary(const QList<composer::ScenarioStep> &steps);
// "assistant-request from +31612345678", "status-update, web call".
QString eventSummary(const composer::Scenario &scenario);

ScenarioState stateOf(const composer::ScenarioResult &result);
QString stateText(ScenarioState state, const composer::ScenarioResult *result = nullptr);
// Readable on the palette's base colour, light or dark.
QColor stateColor(ScenarioState state, const QPalette &palette);
// A filled dot in the state's colour, for lists and trees.
QIcon stateIcon(ScenarioState state);

} // namespace dockside::ui
