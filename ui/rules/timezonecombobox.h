// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QComboBox>
#include <QString>

namespace dockside::ui {

// The IANA time zones this system knows (QTimeZone::availableTimeZoneIds), searchable by any part of the name:
// typing "amst" offers Europe/Amsterdam. What is typed is kept as it is; the core says whether it is a zone.
class TimeZoneComboBox final : public QComboBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeZoneComboBox)

public:
    explicit TimeZoneComboBox(QWidget *parent = nullptr);
    ~TimeZoneComboBox() override;

    QString zoneId() const { return currentText().trimmed(); }
    void setZoneId(const QString &zoneId);
};

} // namespace dockside::ui
