// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "loaderror.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Small helpers every file reader shares, so every message about a file reads the same way.
namespace dockside::base::parsing {

void fail(QList<LoadError> &errors, const QString &path, const QString &message);
// One error per key not in known, naming the keys that are allowed.
void rejectUnknownKeys(const QJsonObject &object, const QString &path, const QStringList &known,
                       QList<LoadError> &errors);
// "$.assistant.llm_config.messages[0].role": a plain key after a dot, any other key as ["quoted"].
QString child(const QString &parent, const QString &key);
QString index(const QString &parent, qsizetype position);
// A short rendering of a JSON value for messages: "the string \"300\"", "null", "an array".
QString describe(const QJsonValue &value);
// A JSON string for messages: "\"+31 6\"".
QString quoted(const QString &text);

} // namespace dockside::base::parsing
