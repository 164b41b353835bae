// SPDX-License-Identifier: GPL-3.0-or-later

#include "finding.h"

#include <QJsonObject>

namespace dockside::contract {

QString sourceLabel(Source source)
{
    switch (source) {
    case Source::Seed:
        return QStringLiteral("seed");
    case Source::Sdk:
        return QStringLiteral("sdk");
    case Source::Assumed:
        return QStringLiteral("assumed");
    }
    return {};
}

QJsonArray findingsToJson(const Findings &findings)
{
    QJsonArray array;
    for (const Finding &finding : findings)
        array.append(QJsonObject {{QStringLiteral("path"), finding.path},
                                  {QStringLiteral("message"), finding.message},
                                  {QStringLiteral("source"), sourceLabel(finding.source)}});
    return array;
}

QString severityLabel(Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

} // namespace dockside::contract
