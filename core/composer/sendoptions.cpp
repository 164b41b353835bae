// SPDX-License-Identifier: GPL-3.0-or-later

#include "sendoptions.h"

#include <QJsonDocument>

namespace dockside::composer {

QString SendOptions::eventTypeName() const
{
    if (!rawBody)
        return contract::eventTypeName(event.type);
    return QJsonDocument::fromJson(*rawBody)
        .object()
        .value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("type"))
        .toString();
}

qint64 SendOptions::effectiveDeadlineMs() const
{
    if (deadlineMs)
        return *deadlineMs;
    // The 5 s deadline is documented for assistant-request only; the others are assumed (CONTRACT.md §1).
    return eventTypeName() == contract::eventTypeName(contract::EventType::AssistantRequest)
        ? contract::kAssistantRequestDeadlineMs
        : contract::kOtherEventsDeadlineMs;
}

} // namespace dockside::composer
