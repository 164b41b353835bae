// SPDX-License-Identifier: GPL-3.0-or-later

#include "callscenario.h"

#include "contract/callevent.h"
#include "contract/calloutcome.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace dockside::calls {

QString scenarioIdFor(const QString &name, const QStringList &taken)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    QString base = name.toLower().replace(separators, QStringLiteral("-"));
    while (base.startsWith(QLatin1Char('-')))
        base.remove(0, 1);
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("call");
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = QStringLiteral("%1-%2").arg(base).arg(n);
    return id;
}

CallScenario scenarioFromCall(QList<history::ExchangeRecord> records, const QString &name,
                              const QList<composer::Scenario> &existing)
{
    std::stable_sort(records.begin(), records.end(), [](const auto &a, const auto &b) {
        return a.request.receivedAtUs != b.request.receivedAtUs ? a.request.receivedAtUs < b.request.receivedAtUs
                                                                : a.id < b.id;
    });
    CallScenario result;
    composer::Scenario &scenario = result.scenario;
    scenario.name = name;
    QStringList taken;
    for (const composer::Scenario &other : existing)
        taken.append(other.id);
    scenario.id = scenarioIdFor(name, taken);
    QString callId;
    for (const history::ExchangeRecord &record : std::as_const(records)) {
        const QJsonDocument body = QJsonDocument::fromJson(record.request.body);
        const QString type =
            body.object().value(QStringLiteral("message")).toObject().value(QStringLiteral("type")).toString();
        if (!body.isObject() || !contract::eventTypeFromName(type)) {
            result.skipped.append(record.id);
            continue;
        }
        if (callId.isEmpty())
            callId = record.callId;
        composer::ScenarioStep step;
        step.body = body.object();
        if (record.responseStatus > 0)
            step.expect.status = record.responseStatus;
        if (type == contract::eventTypeName(contract::EventType::AssistantRequest)) {
            if (const auto disposition = contract::dispositionFromName(record.outcomeDisposition))
                step.expect.dispositions = {*disposition};
            if (const auto reason = contract::reasonFromCode(record.outcomeReason))
                step.expect.reasons = {*reason};
        }
        scenario.steps.append(step);
    }
    scenario.description = QStringLiteral("Replays call %1 (%2 event(s)) with a fresh call id; each step expects the "
                                          "answer the call got.")
                               .arg(callId)
                               .arg(scenario.steps.size());
    return result;
}

} // namespace dockside::calls
