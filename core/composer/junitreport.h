// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "suiterunner.h"

#include <QByteArray>
#include <QString>

namespace dockside::composer {

// The suite as JUnit XML, which CI systems (GitLab, Jenkins, GitHub actions) read: one <testcase> per scenario,
// a <failure> listing every missed expectation as "expected X, actual Y", an <error> when no answer arrived,
// <skipped> when cancelled, and the outcome in <system-out>.
QByteArray junitXml(const SuiteReport &report, const QString &suiteName);
bool writeJUnitFile(const SuiteReport &report, const QString &suiteName, const QString &fileName, QString *error);

// "reason: expected override, actual default", one failed expectation per line.
QString describeFailures(const ScenarioResult &result);

} // namespace dockside::composer
