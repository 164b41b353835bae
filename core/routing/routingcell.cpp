// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingcell.h"

#include <QJsonArray>

namespace dockside::routing {

QString RoutingCaller::sourceName(Source source)
{
    switch (source) {
    case Source::Contact:
        return QStringLiteral("contact");
    case Source::Typed:
        return QStringLiteral("typed");
    case Source::UnknownForPrefix:
        return QStringLiteral("unknown");
    }
    return {};
}

QString RoutingCell::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Answered:
        return QStringLiteral("answered");
    case Kind::Rejected:
        return QStringLiteral("rejected");
    case Kind::Forwarded:
        return QStringLiteral("forwarded");
    }
    return {};
}

QString RoutingCell::describeRoute() const
{
    QString text = matched ? ruleId : QStringLiteral("no rule (fallback)");
    if (!forwardUrl.isEmpty()) {
        text += QStringLiteral(" → forward to ") + forwardUrl;
        if (!fallbackTemplateId.isEmpty())
            text += QStringLiteral(" (late: template ") + fallbackTemplateId + QLatin1Char(')');
        return text;
    }
    if (!arms.isEmpty()) {
        QStringList parts;
        for (const rules::SplitArm &splitArm : arms)
            parts.append(QStringLiteral("%1 %2 %").arg(splitArm.templateId).arg(splitArm.weight));
        text += QStringLiteral(" → A/B ") + parts.join(QStringLiteral(" | "));
        text += QStringLiteral(" → this call: ") + templateId;
    } else {
        text += QStringLiteral(" → template ") + (templateId.isEmpty() ? QStringLiteral("(none)") : templateId);
    }
    text += QStringLiteral(" (") + kindName(kind) + QLatin1Char(')');
    return text;
}

QString firstWords(const QString &text, int maxLength)
{
    const QString simplified = text.simplified();
    if (simplified.size() <= maxLength)
        return simplified;
    QString cut = simplified.left(maxLength);
    const qsizetype space = cut.lastIndexOf(QLatin1Char(' '));
    if (space > maxLength / 2)
        cut.truncate(space);
    return cut + QStringLiteral("…");
}

QString RoutingCell::summary(int firstWordsLength) const
{
    QString text = describeRoute();
    if (!error.isEmpty())
        return text + QStringLiteral(": template error: ") + firstWords(error, firstWordsLength);
    if (kind == Kind::Forwarded)
        return text + QStringLiteral(": the webhook decides");
    if (!spokenFirst.isEmpty())
        text += QStringLiteral(": “") + firstWords(spokenFirst, firstWordsLength) + QStringLiteral("”");
    return text;
}

QJsonObject RoutingCell::toJson() const
{
    QJsonObject object {
        {QStringLiteral("matched"), matched},
        {QStringLiteral("rule_id"), matched ? QJsonValue(ruleId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("rule_name"), matched ? QJsonValue(ruleName) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("template"), templateId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(templateId)},
        {QStringLiteral("disposition"), kindName(kind)},
        {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
        {QStringLiteral("spoken_first"), spokenFirst},
    };
    if (!arms.isEmpty()) {
        QJsonArray split;
        for (const rules::SplitArm &splitArm : arms)
            split.append(QJsonObject {{QStringLiteral("template"), splitArm.templateId},
                                      {QStringLiteral("weight"), splitArm.weight}});
        object.insert(QStringLiteral("split"), split);
        object.insert(QStringLiteral("arm"), arm);
    }
    if (!forwardUrl.isEmpty()) {
        QJsonObject forward {{QStringLiteral("url"), forwardUrl}};
        if (!fallbackTemplateId.isEmpty())
            forward.insert(QStringLiteral("fallback_template"), fallbackTemplateId);
        object.insert(QStringLiteral("forward"), forward);
    }
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

} // namespace dockside::routing
