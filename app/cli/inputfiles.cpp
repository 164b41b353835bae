// SPDX-License-Identifier: GPL-3.0-or-later

#include "inputfiles.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace dockside::cli {

std::optional<QByteArray> readInputFile(const QString &fileName, Streams streams)
{
    QFile file;
    const bool isStdin = fileName == QLatin1String("-");
    const bool opened =
        isStdin ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(fileName), file.open(QIODevice::ReadOnly));
    if (!opened) {
        streams.err << "dockside-cli: cannot read " << fileName << ": " << file.errorString() << '\n';
        return std::nullopt;
    }
    return file.readAll();
}

QString positionInFile(const QString &fileName, const QByteArray &text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < std::min(offset, text.size()); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2:%3").arg(fileName).arg(line).arg(column);
}

std::optional<QJsonObject> readJsonObjectFile(const QString &fileName, Streams streams)
{
    const std::optional<QByteArray> content = readInputFile(fileName, streams);
    if (!content)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        streams.err << positionInFile(fileName, *content, parseError.offset)
                    << ": not valid JSON: " << parseError.errorString() << '\n';
        return std::nullopt;
    }
    if (!document.isObject()) {
        streams.err << fileName << ": expected a JSON object\n";
        return std::nullopt;
    }
    return document.object();
}

std::optional<QByteArray> secretFromEnvironment(const QString &variable, Streams streams)
{
    const QByteArray secret = qgetenv(variable.toLocal8Bit().constData());
    if (secret.isEmpty()) {
        streams.err << "dockside-cli: the environment variable " << variable
                    << " holds no secret. Set it to the webhook secret, for example: read -rs " << variable
                    << " && export " << variable << '\n';
        return std::nullopt;
    }
    return secret;
}

} // namespace dockside::cli
