// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "base/jsonbody.h"
#include "contacts/contact.h"

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QUuid>

#include <optional>

namespace dockside::templating {

// Everything a placeholder may read: the request, the caller's contact and two generated values. Nothing
// else (no files, no environment) is reachable from a template.
struct RenderContext {
    base::JsonBody requestBody; // the JSON body, parsed when first read; undefined when the body is not JSON
    base::HeaderList requestHeaders;
    QString callerNumber; // for messages: who was looked up; empty when the request has no caller number
    std::optional<contacts::Contact> contact;
    QDateTime now; // {{now}}
    QUuid uuid; // {{uuid}}: one per rendering, so two {{uuid}} in one answer name the same thing
};

} // namespace dockside::templating
