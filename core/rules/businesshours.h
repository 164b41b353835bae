// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace dockside::rules {

// Opening hours in one IANA time zone. In JSON:
//   "zone": "Europe/Amsterdam",
//   "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "windows": ["09:00-12:30", "13:30-17:30"]}]
// A window includes its start and excludes its end; "24:00" ends a window at midnight.
class BusinessHours {
public:
    struct Window {
        int startMinute = 0; // minutes after midnight
        int endMinute = 0;
        friend bool operator==(const Window &, const Window &) = default;
    };
    struct Span {
        QList<Qt::DayOfWeek> days;
        QList<Window> windows;
        friend bool operator==(const Span &, const Span &) = default;
    };

    // Reads "zone" and "hours" of a condition object; an unknown zone is an error.
    static std::optional<BusinessHours> fromJson(const QJsonObject &condition, const QString &conditionPath,
                                                 QList<base::LoadError> &errors);
    void writeJson(QJsonObject &condition) const;

    // Converted to the zone first, so daylight saving time moves the hours with the local clock.
    bool contains(const QDateTime &moment) const;
    // "Tue 18:03 in Europe/Amsterdam"
    QString describeMoment(const QDateTime &moment) const;
    // contains() and describeMoment() with one conversion to the zone: what a rule asks of every request.
    struct Verdict {
        bool open = false;
        QString moment;
    };
    Verdict judge(const QDateTime &moment) const;
    // "Mon, Tue, Wed, Thu, Fri 09:00-12:30, 13:30-17:30"; worked out once when read, not per request.
    const QString &describeHours() const { return m_hoursText; }
    const QString &zoneId() const { return m_zoneId; }

    friend bool operator==(const BusinessHours &, const BusinessHours &) = default;

private:
    QString m_zoneId;
    QTimeZone m_zone;
    QList<Span> m_spans;
    QString m_hoursText;

    bool containsLocal(const QDateTime &local) const;
    bool containsLocal(int dayOfWeek, int minuteOfDay) const;
    QString describeLocal(const QDateTime &local) const;
    QString hoursText() const;
};

} // namespace dockside::rules
