// SPDX-License-Identifier: GPL-3.0-or-later

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

QT_BEGIN_NAMESPACE

void PrintTo(const QString &value, std::ostream *stream)
{
    *stream << '"' << value.toStdString() << '"';
}

void PrintTo(const QByteArray &value, std::ostream *stream)
{
    *stream << '"' << value.toStdString() << '"';
}

void PrintTo(const QJsonValue &value, std::ostream *stream)
{
    *stream << QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).toStdString();
}

void PrintTo(const QJsonObject &value, std::ostream *stream)
{
    *stream << QJsonDocument(value).toJson(QJsonDocument::Compact).toStdString();
}

QT_END_NAMESPACE
