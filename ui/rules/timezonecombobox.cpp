// SPDX-License-Identifier: GPL-3.0-or-later

#include "timezonecombobox.h"

#include <QCompleter>
#include <QTimeZone>

namespace dockside::ui {

TimeZoneComboBox::TimeZoneComboBox(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(16);
    QStringList zones;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        zones.append(QString::fromLatin1(id));
    addItems(zones);
    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    setCompleter(completer);
    setToolTip(tr("An IANA time zone; type any part of its name to search"));
}

TimeZoneComboBox::~TimeZoneComboBox() = default;

void TimeZoneComboBox::setZoneId(const QString &zoneId)
{
    const int index = findText(zoneId);
    if (index >= 0)
        setCurrentIndex(index);
    setCurrentText(zoneId);
}

} // namespace dockside::ui
