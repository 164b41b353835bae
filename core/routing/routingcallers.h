// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "routingcell.h"

#include "rules/ruleset.h"
#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::routing {

// The country prefixes ("+49") the rules' caller conditions name: a "prefix" matcher's text, or a regex that starts
// with ^\+ and digits or a group of digit alternatives (^\+(49|43|41)). Disabled rules count: they may be switched on.
QStringList callerPrefixes(const rules::RuleSet &rules);

// A number no contact has that starts with prefix: "+49" → "+495550100000".
QString unknownNumberFor(const QString &prefix, const contacts::ContactBook &book);

// Numbers typed or pasted: separated by commas, semicolons, spaces between numbers or new lines ("+31 6 1234 5678"
// stays one number when a line holds only it). A piece that is not a phone number goes into problems.
QStringList parseNumberList(const QString &text, QStringList *problems);

// The rows of a routing matrix: every contact, then the typed numbers no contact has, then one unknown number per
// country prefix the rules name. No number appears twice.
QList<RoutingCaller> buildCallers(const workspace::Workspace &workspace, const QStringList &typedNumbers);

// Callers of both lists by number, first's order first: for comparing two workspaces.
QList<RoutingCaller> mergeCallers(const QList<RoutingCaller> &first, const QList<RoutingCaller> &second);

} // namespace dockside::routing
