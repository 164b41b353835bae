// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <ostream>

// GoogleTest printers so failures show Qt values as text instead of bytes.
QT_BEGIN_NAMESPACE
void PrintTo(const QString &value, std::ostream *stream);
void PrintTo(const QByteArray &value, std::ostream *stream);
void PrintTo(const QJsonValue &value, std::ostream *stream);
void PrintTo(const QJsonObject &value, std::ostream *stream);
QT_END_NAMESPACE
