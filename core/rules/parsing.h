#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace dockside::workspace {
struct LoadError;
}

// Small helpers the rule readers share, so every message about the file reads the same way.
namespace dockside::rules::parsing {

void fail(QList<workspace::LoadError> &errors, const QString &path, const QString &message);
// One error per key not in known, naming the keys that are allowed.
void rejectUnknownKeys(const QJsonObject &object, const QString &path, const QStringList &known,
                       QList<workspace::LoadError> &errors);
QString child(const QString &path, const QString &key);
QString index(const QString &path, qsizetype position);
QString describe(const QJsonValue &value);
// A JSON string for messages: "\"+31 6\"".
QString quoted(const QString &text);

} // namespace dockside::rules::parsing
