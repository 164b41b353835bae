// SPDX-License-Identifier: GPL-3.0-or-later

#include "mockclock.h"

#include <QRegularExpression>
#include <QStringList>

namespace dockside::base {

namespace {

const QString kExample = QStringLiteral("2026-12-24T18:00:00+01:00");

} // namespace

QDateTime MockClock::now(const QDateTime &realNow) const
{
    switch (mode) {
    case Mode::Pinned:
        return pinned;
    case Mode::Offset:
        return realNow.addSecs(offsetSeconds);
    case Mode::Real:
        break;
    }
    return realNow;
}

QString MockClock::describe() const
{
    switch (mode) {
    case Mode::Pinned:
        return QStringLiteral("pinned at %1").arg(clockInstantText(pinned));
    case Mode::Offset:
        if (offsetSeconds == 0)
            return QStringLiteral("real time (offset 0)");
        return QStringLiteral("%1 %2").arg(clockDurationText(offsetSeconds < 0 ? -offsetSeconds : offsetSeconds),
                                           offsetSeconds < 0 ? QStringLiteral("behind") : QStringLiteral("ahead"));
    case Mode::Real:
        break;
    }
    return QStringLiteral("real time");
}

QString MockClock::toText() const
{
    switch (mode) {
    case Mode::Pinned:
        return clockInstantText(pinned);
    case Mode::Offset: {
        qint64 rest = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
        QString text = offsetSeconds < 0 ? QStringLiteral("-") : QStringLiteral("+");
        const std::pair<qint64, char> units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
        for (const auto &[size, unit] : units) {
            if (rest >= size) {
                text += QString::number(rest / size) + QLatin1Char(unit);
                rest %= size;
            }
        }
        return text.size() == 1 ? text + QStringLiteral("0s") : text;
    }
    case Mode::Real:
        break;
    }
    return QStringLiteral("real");
}

QString clockInstantText(const QDateTime &instant)
{
    return instant.toString(Qt::ISODate);
}

QString clockDurationText(qint64 seconds)
{
    QStringList parts;
    const std::pair<qint64, const char *> units[] = {{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
    for (const auto &[size, unit] : units) {
        if (seconds >= size) {
            parts.append(QStringLiteral("%1 %2").arg(seconds / size).arg(QLatin1StringView(unit)));
            seconds %= size;
        }
    }
    return parts.isEmpty() ? QStringLiteral("0 s") : parts.join(QLatin1Char(' '));
}

std::optional<QDateTime> parseClockInstant(QStringView text, QString *error)
{
    const QString trimmed = text.trimmed().toString();
    const QDateTime instant = QDateTime::fromString(trimmed, Qt::ISODate);
    if (!instant.isValid() || trimmed.size() < 16) {
        if (error)
            *error =
                QStringLiteral("\"%1\" is not an ISO 8601 date and time; write it like %2.").arg(trimmed, kExample);
        return std::nullopt;
    }
    if (instant.timeSpec() == Qt::LocalTime) {
        if (error)
            *error = QStringLiteral("\"%1\" has no UTC offset, so its moment depends on the machine's time zone; add "
                                    "one, like %2 (or Z for UTC).")
                         .arg(trimmed, kExample);
        return std::nullopt;
    }
    return instant;
}

std::optional<MockClock> parseMockClock(QStringView text, QString *error)
{
    const QString trimmed = text.trimmed().toString();
    if (trimmed.compare(QLatin1String("real"), Qt::CaseInsensitive) == 0)
        return MockClock {};
    if (trimmed.startsWith(QLatin1Char('+')) || trimmed.startsWith(QLatin1Char('-'))) {
        static const QRegularExpression whole(QStringLiteral("^[+-](?:\\d{1,9}[dhms])+$"));
        static const QRegularExpression part(QStringLiteral("(\\d{1,9})([dhms])"));
        if (!whole.match(trimmed).hasMatch()) {
            if (error)
                *error = QStringLiteral("\"%1\" is not an offset from the real time; write a sign and amounts in d, h, "
                                        "m or s, like +2h, -30m or +1d2h.")
                             .arg(trimmed);
            return std::nullopt;
        }
        qint64 seconds = 0;
        for (auto it = part.globalMatch(trimmed); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            const QChar unit = match.captured(2).at(0);
            const qint64 size = unit == QLatin1Char('d') ? 86400
                : unit == QLatin1Char('h')               ? 3600
                : unit == QLatin1Char('m')               ? 60
                                                         : 1;
            seconds += match.captured(1).toLongLong() * size;
            if (seconds > kMaxClockOffsetSeconds) {
                if (error)
                    *error =
                        QStringLiteral("The offset \"%1\" is more than a hundred years; write a smaller one or pin "
                                       "an instant instead, like %2.")
                            .arg(trimmed, kExample);
                return std::nullopt;
            }
        }
        return MockClock::offsetBy(trimmed.startsWith(QLatin1Char('-')) ? -seconds : seconds);
    }
    QString instantError;
    if (const std::optional<QDateTime> instant = parseClockInstant(trimmed, &instantError))
        return MockClock::pinnedAt(*instant);
    if (error)
        *error =
            instantError + QStringLiteral(" An offset from the real time (+2h, -30m) or \"real\" is also accepted.");
    return std::nullopt;
}

} // namespace dockside::base
