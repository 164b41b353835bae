// SPDX-License-Identifier: GPL-3.0-or-later

#include "templateoutcome.h"

#include "mock/plannedanswer.h"

#include <QCoreApplication>
#include <QStringList>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::TemplateOutcome", text);
}

QString quoted(const QString &text)
{
    return QStringLiteral("“%1”").arg(text);
}

} // namespace

TemplateOutcome describeTemplateOutcome(const workspace::ResponseTemplate &responseTemplate,
                                        const QJsonObject &defaultAssistant)
{
    // The same view of the answer as the mock endpoint's: delay, faults and all, so a slow template times out here.
    contract::OutcomeInput input;
    input.exchange = mock::observedExchange(responseTemplate.fault, responseTemplate.status,
                                            mock::bodyOnTheWire(responseTemplate.fault, responseTemplate.body),
                                            mock::holdTimeMs(responseTemplate, input.deadlineMs));
    input.defaultAssistant = defaultAssistant;

    TemplateOutcome result;
    result.outcome = contract::computeOutcome(input);
    const contract::CallOutcome &outcome = result.outcome;
    const QString reason = contract::reasonCode(outcome.reason);

    if (outcome.disposition == contract::Disposition::Rejected) {
        result.tone = OutcomeTone::Rejected;
        result.headline = tr("Rejected: %1").arg(quoted(outcome.spokenFirst));
    } else if (outcome.reason == contract::Reason::Override) {
        result.tone = OutcomeTone::Overrides;
        result.headline = tr("Answered with overrides (%1): greeting %2").arg(reason, quoted(outcome.spokenFirst));
    } else {
        result.tone =
            outcome.reason == contract::Reason::Default ? OutcomeTone::DefaultAssistant : OutcomeTone::Problem;
        result.headline =
            tr("Answered by the default assistant (%1): greeting %2").arg(reason, quoted(outcome.spokenFirst));
    }

    result.detail = outcome.explanation;
    if (!outcome.changes.isEmpty()) {
        QStringList paths;
        for (const contract::JsonChange &change : outcome.changes)
            paths.append(change.path);
        result.detail += QLatin1Char(' ') + tr("Changes: %1.").arg(paths.join(QStringLiteral(", ")));
    }
    if (!outcome.violations.isEmpty())
        result.detail += QLatin1Char(' ') + tr("Violations: %1.").arg(outcome.violations.size());
    if (!outcome.warnings.isEmpty())
        result.detail += QLatin1Char(' ') + tr("Warnings: %1.").arg(outcome.warnings.size());
    return result;
}

} // namespace dockside::ui
