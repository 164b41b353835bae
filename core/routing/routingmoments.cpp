// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingmoments.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace dockside::routing {

QDateTime RoutingMoments::endAfter(qsizetype index) const
{
    return moments.at(index).addSecs(stepSeconds > 0 ? stepSeconds : 60);
}

RoutingMoments weekMoments(const QDateTime &start, qint64 stepSeconds, int days, const QTimeZone &zone)
{
    RoutingMoments result;
    result.zone = zone;
    result.stepSeconds = stepSeconds;
    if (stepSeconds <= 0 || days <= 0 || !start.isValid())
        return result;
    const QDateTime localStart(start.date(), start.time(), zone);
    const QDateTime end = localStart.addDays(days); // the same wall-clock time `days` later, DST or not
    const qint64 startMs = localStart.toMSecsSinceEpoch();
    const qint64 endMs = end.toMSecsSinceEpoch();
    for (qint64 ms = startMs; ms < endMs; ms += stepSeconds * 1000)
        result.moments.append(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()));
    return result;
}

RoutingMoments explicitMoments(QList<QDateTime> times, const QTimeZone &zone)
{
    RoutingMoments result;
    result.zone = zone;
    for (QDateTime &time : times)
        time = time.toUTC();
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    result.moments = times;
    return result;
}

QDateTime startOfWeek(const QDateTime &now, const QTimeZone &zone)
{
    const QDate today = now.toTimeZone(zone).date();
    return QDateTime(today.addDays(1 - today.dayOfWeek()), QTime(0, 0), zone);
}

std::optional<qint64> parseStep(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^\\s*(?:(\\d+)\\s*d)?\\s*(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*(?:min|m))?\\s*(?:(\\d+)\\s*s)?\\s*$"));
    const QString lower = text.trimmed().toLower();
    if (lower.isEmpty())
        return std::nullopt;
    bool bare = false;
    const qint64 minutes = lower.toLongLong(&bare);
    if (bare)
        return minutes >= 1 ? std::optional<qint64>(minutes * 60) : std::nullopt;
    const QRegularExpressionMatch match = pattern.match(lower);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 seconds = match.captured(1).toLongLong() * 86400 + match.captured(2).toLongLong() * 3600 +
        match.captured(3).toLongLong() * 60 + match.captured(4).toLongLong();
    if (seconds < 60)
        return std::nullopt;
    return seconds;
}

QString stepText(qint64 stepSeconds)
{
    QString text;
    if (stepSeconds >= 3600)
        text += QString::number(stepSeconds / 3600) + QLatin1Char('h');
    if (stepSeconds % 3600 >= 60)
        text += QString::number(stepSeconds % 3600 / 60) + QLatin1Char('m');
    if (stepSeconds % 60 != 0)
        text += QString::number(stepSeconds % 60) + QLatin1Char('s');
    return text;
}

std::optional<QDateTime> parseMoment(const QString &text, const QTimeZone &zone)
{
    const QString trimmed = text.trimmed();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        // A date alone: midnight in zone
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return QDateTime(date, QTime(0, 0), zone);
    }
    if (time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), zone);
    return time;
}

QString momentLabel(const QDateTime &moment, const QTimeZone &zone)
{
    const QDateTime local = moment.toTimeZone(zone);
    return QLocale::c().toString(local, QStringLiteral("ddd d MMM HH:mm ")) + zone.abbreviation(moment);
}

QString bandLabel(const QDateTime &start, const QDateTime &end, const QTimeZone &zone)
{
    const QDateTime localStart = start.toTimeZone(zone);
    const QDateTime localEnd = end.toTimeZone(zone);
    const QString startAbbreviation = zone.abbreviation(start);
    const QString endAbbreviation = zone.abbreviation(end);
    const QString day = QLocale::c().toString(localStart, QStringLiteral("ddd d MMM "));
    const QString from = localStart.toString(QStringLiteral("HH:mm"));
    QString to;
    if (localEnd.date() == localStart.date())
        to = localEnd.toString(QStringLiteral("HH:mm"));
    else if (localEnd.date() == localStart.date().addDays(1) && localEnd.time() == QTime(0, 0))
        to = QStringLiteral("24:00");
    if (to.isEmpty())
        return momentLabel(start, zone) + QStringLiteral(" – ") + momentLabel(end, zone);
    if (startAbbreviation == endAbbreviation)
        return day + from + QStringLiteral("–") + to + QLatin1Char(' ') + startAbbreviation;
    return day + from + QLatin1Char(' ') + startAbbreviation + QStringLiteral("–") + to + QLatin1Char(' ') +
        endAbbreviation;
}

QString momentTime(const QDateTime &moment, const QTimeZone &zone)
{
    return moment.toTimeZone(zone).toString(QStringLiteral("HH:mm"));
}

QString momentIso(const QDateTime &moment, const QTimeZone &zone)
{
    return moment.toTimeZone(zone).toString(Qt::ISODate);
}

} // namespace dockside::routing
