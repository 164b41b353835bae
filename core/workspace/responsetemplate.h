// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "base/loaderror.h"
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace dockside::workspace {

using base::HeaderList;

// Ways a real webhook fails, so a user can see what the platform does then.
enum class Fault {
    None,
    Hang, // never answers; the connection is closed after the hold time
    CloseWithoutAnswer, // drops the connection as soon as the request is read
    BrokenJson, // sends the body cut in half
};

QString faultName(Fault fault);
std::optional<Fault> faultFromName(QStringView name);

// One canned answer of the mock endpoint: status, headers, body (JSON or raw text) and a delay.
struct ResponseTemplate {
    QString id;
    QString name;
    QString description;
    int status = 200;
    base::HeaderList headers;
    QByteArray body;
    bool bodyIsJson = true;
    int delayMs = 0;
    Fault fault = Fault::None;

    friend bool operator==(const ResponseTemplate &, const ResponseTemplate &) = default;
};

QJsonObject templateToJson(const ResponseTemplate &responseTemplate);
// Appends one error per problem, each naming jsonPath or a path below it, and returns nullopt when there is any.
std::optional<ResponseTemplate> templateFromJson(const QJsonValue &value, const QString &jsonPath,
                                                 QList<base::LoadError> &errors);

} // namespace dockside::workspace
