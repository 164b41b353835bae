// SPDX-License-Identifier: GPL-3.0-or-later

#include "migrations.h"

#include "workspace.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>

namespace dockside::workspace {

namespace {

// Index N migrates version N to N + 1. Counted, not compared with nullptr: sanitizer builds cannot compare
// function addresses at compile time.
constexpr Migration kMigrations[] = {&migrateVersion0To1};
static_assert(std::size(kMigrations) == kCurrentWorkspaceVersion,
              "every version below kCurrentWorkspaceVersion needs a migration step");

void migrateResponse(const QJsonValue &response, const QString &path, QJsonObject &result,
                     QList<base::LoadError> &errors)
{
    if (!response.isObject()) {
        errors.append({path, 0, 0,
                       QStringLiteral("Expected the answer as {\"status\", \"headers\", \"body\"} (the format before "
                                      "version 1); got %1.")
                           .arg(base::parsing::describe(response))});
        return;
    }
    const QJsonObject object = response.toObject();
    if (object.contains(QStringLiteral("status")))
        result.insert(QStringLiteral("status"), object.value(QStringLiteral("status")));

    const QJsonValue headers = object.value(QStringLiteral("headers"));
    if (headers.isObject()) {
        QJsonArray list;
        const QJsonObject map = headers.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.value().isString()) {
                errors.append({base::parsing::child(base::parsing::child(path, QStringLiteral("headers")), it.key()), 0,
                               0,
                               QStringLiteral("Expected the header's value as a string; got %1.")
                                   .arg(base::parsing::describe(it.value()))});
                continue;
            }
            list.append(QJsonObject {{QStringLiteral("name"), it.key()}, {QStringLiteral("value"), it.value()}});
        }
        result.insert(QStringLiteral("headers"), list);
    } else if (!headers.isUndefined()) {
        errors.append({base::parsing::child(path, QStringLiteral("headers")), 0, 0,
                       QStringLiteral("Expected the headers as an object of name: value; got %1.")
                           .arg(base::parsing::describe(headers))});
    }

    const QJsonValue body = object.value(QStringLiteral("body"));
    if (body.isObject() || body.isArray())
        result.insert(QStringLiteral("body"), body);
    else if (body.isString())
        result.insert(QStringLiteral("raw_body"), body);
    else if (!body.isUndefined() && !body.isNull())
        errors.append(
            {base::parsing::child(path, QStringLiteral("body")), 0, 0,
             QStringLiteral("Expected a JSON object, an array or text; got %1.").arg(base::parsing::describe(body))});
}

QJsonValue migrateTemplate(const QJsonValue &value, const QString &path, QList<base::LoadError> &errors)
{
    if (!value.isObject())
        return value;
    QJsonObject result = value.toObject();
    if (result.contains(QStringLiteral("response"))) {
        migrateResponse(result.take(QStringLiteral("response")), base::parsing::child(path, QStringLiteral("response")),
                        result, errors);
    }
    if (result.contains(QStringLiteral("delay"))) {
        const QJsonValue delay = result.take(QStringLiteral("delay"));
        const double seconds = delay.toDouble(-1.0);
        if (!delay.isDouble() || seconds < 0.0 || seconds > 600.0)
            errors.append({base::parsing::child(path, QStringLiteral("delay")), 0, 0,
                           QStringLiteral("Expected the delay in seconds, from 0 to 600; got %1.")
                               .arg(base::parsing::describe(delay))});
        else
            result.insert(QStringLiteral("delay_ms"), static_cast<int>(std::lround(seconds * 1000.0)));
    }
    return result;
}

} // namespace

QJsonObject migrateVersion0To1(const QJsonObject &document, QList<base::LoadError> &errors)
{
    QJsonObject result = document;
    const QJsonValue templates = document.value(QStringLiteral("templates"));
    if (templates.isArray()) {
        const QJsonArray before = templates.toArray();
        QJsonArray after;
        for (qsizetype i = 0; i < before.size(); ++i)
            after.append(migrateTemplate(before.at(i), base::parsing::index(QStringLiteral("$.templates"), i), errors));
        result.insert(QStringLiteral("templates"), after);
    }
    result.insert(QStringLiteral("version"), 1);
    return result;
}

QList<Migration> workspaceMigrations()
{
    return QList<Migration>(std::begin(kMigrations), std::end(kMigrations));
}

QJsonObject migrateWorkspace(QJsonObject document, int fromVersion, QList<base::LoadError> &errors)
{
    for (int version = std::max(fromVersion, 0); version < kCurrentWorkspaceVersion; ++version) {
        const qsizetype errorsBefore = errors.size();
        document = kMigrations[version](document, errors);
        if (errors.size() != errorsBefore)
            break;
    }
    return document;
}

} // namespace dockside::workspace
