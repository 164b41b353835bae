// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace dockside::routing {

// The columns of a routing matrix: instants in time, ascending, shown in one IANA zone.
struct RoutingMoments {
    QList<QDateTime> moments; // UTC instants
    QTimeZone zone; // where the labels are read
    qint64 stepSeconds = 0; // between two moments; 0 for times typed in

    // The instant after the last moment: the last one plus the step, or plus a minute for typed times.
    QDateTime endAfter(qsizetype index) const;
};

// Every step from start (a wall-clock time in zone) for `days` days of that zone's calendar: absolute steps, so a
// day that springs forward has an hour fewer moments and one that falls back an hour more.
RoutingMoments weekMoments(const QDateTime &start, qint64 stepSeconds, int days, const QTimeZone &zone);
// Times typed in (any offset), sorted, duplicates removed.
RoutingMoments explicitMoments(QList<QDateTime> times, const QTimeZone &zone);

// Monday 00:00 of the week holding `now`, in zone.
QDateTime startOfWeek(const QDateTime &now, const QTimeZone &zone);
// "15m", "1h", "90s", "1d" (or a bare number of minutes); nullopt for anything else or a step under a minute.
std::optional<qint64> parseStep(const QString &text);
// "15m", "1h", "1h30m".
QString stepText(qint64 stepSeconds);
// An ISO 8601 date-time; without an offset it is read in zone. Invalid: nullopt.
std::optional<QDateTime> parseMoment(const QString &text, const QTimeZone &zone);

// "Mon 29 Mar 09:00 CEST"
QString momentLabel(const QDateTime &moment, const QTimeZone &zone);
// A band from start up to (not including) end: "Mon 29 Mar 09:00–17:30 CEST", "Sun 28 Mar 01:00 CET–04:00 CEST",
// "Sat 27 Mar 17:30 CET – Mon 29 Mar 09:00 CEST"; an end at the next midnight reads "24:00".
QString bandLabel(const QDateTime &start, const QDateTime &end, const QTimeZone &zone);
// "HH:mm" in zone
QString momentTime(const QDateTime &moment, const QTimeZone &zone);
// "2027-03-29T09:00:00+02:00"
QString momentIso(const QDateTime &moment, const QTimeZone &zone);

} // namespace dockside::routing
