// SPDX-License-Identifier: GPL-3.0-or-later

#include "businesshours.h"

#include "base/parsing.h"

#include "base/loaderror.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <array>
#include <limits>

namespace dockside::rules {

namespace {

const QString kZone = QStringLiteral("zone");
const QString kHours = QStringLiteral("hours");
const QString kDays = QStringLiteral("days");
const QString kWindows = QStringLiteral("windows");

const QStringList &dayKeys()
{
    static const QStringList keys {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                   QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                   QStringLiteral("sun")};
    return keys;
}

std::optional<Qt::DayOfWeek> parseDay(const QString &text)
{
    static const QStringList fullNames {
        QStringLiteral("monday"), QStringLiteral("tuesday"),  QStringLiteral("wednesday"), QStringLiteral("thursday"),
        QStringLiteral("friday"), QStringLiteral("saturday"), QStringLiteral("sunday")};
    const QString lowered = text.trimmed().toLower();
    qsizetype position = dayKeys().indexOf(lowered);
    if (position < 0)
        position = fullNames.indexOf(lowered);
    if (position < 0)
        return std::nullopt;
    return static_cast<Qt::DayOfWeek>(position + 1);
}

QString dayName(Qt::DayOfWeek day)
{
    const QString key = dayKeys().at(static_cast<qsizetype>(day) - 1);
    return key.left(1).toUpper() + key.mid(1);
}

QString clock(int minutes)
{
    return QStringLiteral("%1:%2")
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<BusinessHours::Window> parseWindow(const QString &text, QString &error)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        error =
            QStringLiteral("Expected a time window such as \"09:00-17:30\"; got %1.").arg(base::parsing::quoted(text));
        return std::nullopt;
    }
    const int startHour = match.captured(1).toInt();
    const int startMinute = match.captured(2).toInt();
    const int endHour = match.captured(3).toInt();
    const int endMinute = match.captured(4).toInt();
    if (startHour > 23 || startMinute > 59 || endMinute > 59 || endHour > 24 || (endHour == 24 && endMinute != 0)) {
        error = QStringLiteral("%1 is not a time window of a day: hours run 00-23, minutes 00-59, and 24:00 only "
                               "ends a window.")
                    .arg(base::parsing::quoted(text));
        return std::nullopt;
    }
    BusinessHours::Window window {startHour * 60 + startMinute, endHour * 60 + endMinute};
    if (window.endMinute <= window.startMinute) {
        error = QStringLiteral("%1 ends before it starts; split a window across midnight in two, such as "
                               "\"22:00-24:00\" on one day and \"00:00-06:00\" on the next.")
                    .arg(base::parsing::quoted(text));
        return std::nullopt;
    }
    return window;
}

} // namespace

std::optional<BusinessHours> BusinessHours::fromJson(const QJsonObject &condition, const QString &conditionPath,
                                                     QList<base::LoadError> &errors)
{
    const qsizetype errorsBefore = errors.size();
    BusinessHours hours;
    const QJsonValue zone = condition.value(kZone);
    const QString zonePath = base::parsing::child(conditionPath, kZone);
    if (!zone.isString() || zone.toString().isEmpty()) {
        base::parsing::fail(errors, zonePath,
                            QStringLiteral("Expected an IANA time zone such as \"Europe/Amsterdam\"; got %1.")
                                .arg(base::parsing::describe(zone)));
    } else {
        hours.m_zoneId = zone.toString();
        hours.m_zone = QTimeZone(hours.m_zoneId.toUtf8());
        if (!hours.m_zone.isValid())
            base::parsing::fail(
                errors, zonePath,
                QStringLiteral("Unknown time zone %1; expected an IANA name such as \"Europe/Amsterdam\" "
                               "or \"UTC\".")
                    .arg(base::parsing::quoted(hours.m_zoneId)));
    }

    const QJsonValue spans = condition.value(kHours);
    const QString spansPath = base::parsing::child(conditionPath, kHours);
    if (!spans.isArray() || spans.toArray().isEmpty()) {
        base::parsing::fail(errors, spansPath,
                            QStringLiteral("Expected a non-empty array such as [{\"days\": [\"mon\", \"tue\"], "
                                           "\"windows\": [\"09:00-17:30\"]}]; got %1.")
                                .arg(base::parsing::describe(spans)));
        return std::nullopt;
    }
    const QJsonArray spanArray = spans.toArray();
    for (qsizetype s = 0; s < spanArray.size(); ++s) {
        const QString spanPath = base::parsing::index(spansPath, s);
        const QJsonObject spanObject = spanArray.at(s).toObject();
        if (!spanArray.at(s).isObject()) {
            base::parsing::fail(errors, spanPath,
                                QStringLiteral("Expected {\"days\": [...], \"windows\": [...]}; got %1.")
                                    .arg(base::parsing::describe(spanArray.at(s))));
            continue;
        }
        base::parsing::rejectUnknownKeys(spanObject, spanPath, {kDays, kWindows}, errors);
        Span span;
        const QJsonValue days = spanObject.value(kDays);
        const QString daysPath = base::parsing::child(spanPath, kDays);
        if (!days.isArray() || days.toArray().isEmpty())
            base::parsing::fail(errors, daysPath,
                                QStringLiteral("Expected a non-empty array of days (\"mon\" ... \"sun\"); got %1.")
                                    .arg(base::parsing::describe(days)));
        const QJsonArray dayArray = days.toArray();
        for (qsizetype d = 0; d < dayArray.size(); ++d) {
            const std::optional<Qt::DayOfWeek> day = parseDay(dayArray.at(d).toString());
            if (!dayArray.at(d).isString() || !day) {
                base::parsing::fail(
                    errors, base::parsing::index(daysPath, d),
                    QStringLiteral("Expected a day: \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or "
                                   "\"sun\"; got %1.")
                        .arg(base::parsing::describe(dayArray.at(d))));
                continue;
            }
            if (!span.days.contains(*day))
                span.days.append(*day);
        }
        const QJsonValue windows = spanObject.value(kWindows);
        const QString windowsPath = base::parsing::child(spanPath, kWindows);
        if (!windows.isArray() || windows.toArray().isEmpty())
            base::parsing::fail(
                errors, windowsPath,
                QStringLiteral("Expected a non-empty array of windows such as [\"09:00-17:30\"]; got %1.")
                    .arg(base::parsing::describe(windows)));
        const QJsonArray windowArray = windows.toArray();
        for (qsizetype w = 0; w < windowArray.size(); ++w) {
            QString error;
            const std::optional<Window> window =
                windowArray.at(w).isString() ? parseWindow(windowArray.at(w).toString(), error) : std::nullopt;
            if (!window) {
                base::parsing::fail(errors, base::parsing::index(windowsPath, w),
                                    error.isEmpty()
                                        ? QStringLiteral("Expected a time window such as \"09:00-17:30\"; got %1.")
                                              .arg(base::parsing::describe(windowArray.at(w)))
                                        : error);
                continue;
            }
            span.windows.append(*window);
        }
        hours.m_spans.append(span);
    }
    if (errors.size() != errorsBefore)
        return std::nullopt;
    hours.m_hoursText = hours.hoursText();
    return hours;
}

void BusinessHours::writeJson(QJsonObject &condition) const
{
    QJsonArray spans;
    for (const Span &span : m_spans) {
        QJsonArray days;
        for (const Qt::DayOfWeek day : span.days)
            days.append(dayKeys().at(static_cast<qsizetype>(day) - 1));
        QJsonArray windows;
        for (const Window &window : span.windows)
            windows.append(QString(clock(window.startMinute) + QLatin1Char('-') + clock(window.endMinute)));
        spans.append(QJsonObject {{kDays, days}, {kWindows, windows}});
    }
    condition.insert(kZone, m_zoneId);
    condition.insert(kHours, spans);
}

bool BusinessHours::contains(const QDateTime &moment) const
{
    // Windows are whole minutes, so the local day and minute decide. Converting to the zone costs as much as the rest
    // of a request's rules, and the endpoint asks for the same minute thousands of times: the last few conversions are
    // kept per thread (only for zones whose offset is whole minutes, where a UTC minute is one local minute).
    struct Recent {
        QString zoneId;
        qint64 utcMinute = std::numeric_limits<qint64>::min();
        int dayOfWeek = 0;
        int minuteOfDay = 0;
    };
    thread_local std::array<Recent, 4> recent;
    thread_local std::size_t nextSlot = 0;
    const qint64 msecs = moment.toMSecsSinceEpoch();
    const qint64 utcMinute = msecs / 60000 - (msecs % 60000 < 0 ? 1 : 0);
    for (const Recent &entry : recent) {
        if (entry.utcMinute == utcMinute && entry.zoneId == m_zoneId)
            return containsLocal(entry.dayOfWeek, entry.minuteOfDay);
    }
    const QDateTime local = moment.toTimeZone(m_zone);
    const int dayOfWeek = local.date().dayOfWeek();
    const int minuteOfDay = local.time().msecsSinceStartOfDay() / 60000;
    if (local.offsetFromUtc() % 60 == 0)
        recent[nextSlot++ % recent.size()] = {m_zoneId, utcMinute, dayOfWeek, minuteOfDay};
    return containsLocal(dayOfWeek, minuteOfDay);
}

QString BusinessHours::describeMoment(const QDateTime &moment) const
{
    return describeLocal(moment.toTimeZone(m_zone));
}

BusinessHours::Verdict BusinessHours::judge(const QDateTime &moment) const
{
    const QDateTime local = moment.toTimeZone(m_zone);
    return {containsLocal(local), describeLocal(local)};
}

bool BusinessHours::containsLocal(const QDateTime &local) const
{
    return containsLocal(local.date().dayOfWeek(), local.time().msecsSinceStartOfDay() / 60000);
}

bool BusinessHours::containsLocal(int dayOfWeek, int minuteOfDay) const
{
    const auto day = static_cast<Qt::DayOfWeek>(dayOfWeek);
    for (const Span &span : m_spans) {
        if (!span.days.contains(day))
            continue;
        for (const Window &window : span.windows) {
            if (minuteOfDay >= window.startMinute && minuteOfDay < window.endMinute)
                return true;
        }
    }
    return false;
}

QString BusinessHours::describeLocal(const QDateTime &local) const
{
    const QTime time = local.time();
    return dayName(static_cast<Qt::DayOfWeek>(local.date().dayOfWeek())) + QLatin1Char(' ') +
        QString::number(time.hour()).rightJustified(2, QLatin1Char('0')) + QLatin1Char(':') +
        QString::number(time.minute()).rightJustified(2, QLatin1Char('0')) + QStringLiteral(" in ") + m_zoneId;
}

QString BusinessHours::hoursText() const
{
    QStringList parts;
    for (const Span &span : m_spans) {
        QStringList days;
        for (const Qt::DayOfWeek day : span.days)
            days.append(dayName(day));
        QStringList windows;
        for (const Window &window : span.windows)
            windows.append(QString(clock(window.startMinute) + QLatin1Char('-') + clock(window.endMinute)));
        parts.append(days.join(QStringLiteral(", ")) + QLatin1Char(' ') + windows.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace dockside::rules
