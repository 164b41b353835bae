#include "parsing.h"

#include "contract/answervalidator.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::rules::parsing {

void fail(QList<workspace::LoadError> &errors, const QString &path, const QString &message)
{
    errors.append({path, 0, 0, message});
}

void rejectUnknownKeys(const QJsonObject &object, const QString &path, const QStringList &known,
                       QList<workspace::LoadError> &errors)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            fail(errors, child(path, it.key()),
                 QStringLiteral("Unknown key \"%1\"; expected one of: %2.")
                     .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

QString child(const QString &path, const QString &key)
{
    return contract::jsonPathChild(path, key);
}

QString index(const QString &path, qsizetype position)
{
    return contract::jsonPathIndex(path, position);
}

QString describe(const QJsonValue &value)
{
    return contract::describeJsonValue(value);
}

QString quoted(const QString &text)
{
    const QByteArray json = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace dockside::rules::parsing
