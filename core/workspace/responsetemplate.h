#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace dockside::workspace {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One canned answer of the mock endpoint: status, headers, body (JSON or raw text) and a delay.
struct ResponseTemplate {
    QString id;
    QString name;
    QString description;
    int status = 200;
    HeaderList headers;
    QByteArray body;
    bool bodyIsJson = true;
    int delayMs = 0;

    friend bool operator==(const ResponseTemplate &, const ResponseTemplate &) = default;
};

QJsonObject templateToJson(const ResponseTemplate &responseTemplate);

} // namespace dockside::workspace
