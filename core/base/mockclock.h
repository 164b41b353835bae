// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace dockside::base {

// The request header a composer or scenario sends to have one request's rules evaluated at another moment.
inline constexpr char kClockHeader[] = "X-Dockside-Clock";

// The clock the mock endpoint evaluates rules (business hours) and renders {{now}} at: the real time, an instant it
// stands still at, or the real time moved by a fixed amount.
//
// A pinned clock does not tick on: every request counts as arriving at exactly the pinned instant. A scenario or
// a test that pins 18:00 on a Thursday then gets the same answer however long the endpoint has been running and
// whatever the day, which is what pinning is for; a clock that moves with the real time is the offset.
struct MockClock {
    enum class Mode { Real, Pinned, Offset };
    Mode mode = Mode::Real;
    QDateTime pinned; // Pinned: the instant, with the UTC offset it was given in
    qint64 offsetSeconds = 0; // Offset: added to the real time; negative is behind

    static MockClock pinnedAt(const QDateTime &instant) { return {Mode::Pinned, instant, 0}; }
    static MockClock offsetBy(qint64 seconds) { return {Mode::Offset, {}, seconds}; }

    bool isReal() const { return mode == Mode::Real; }
    // The moment it is on this clock when the real time is realNow.
    QDateTime now(const QDateTime &realNow) const;
    // "pinned at 2026-12-24T18:00:00+01:00", "2 h ahead", "1 h 30 min behind", "real time": for the endpoint's panel,
    // serve's start line and the history.
    QString describe() const;
    // What parseMockClock reads back: "2026-12-24T18:00:00+01:00", "+2h", "-1h30m", "real".
    QString toText() const;

    friend bool operator==(const MockClock &, const MockClock &) = default;
};

// Largest offset accepted, in seconds: a hundred years either way.
inline constexpr qint64 kMaxClockOffsetSeconds = 100LL * 366 * 24 * 3600;

// An ISO 8601 instant with its UTC offset or Z ("2026-12-24T18:00:00+01:00"), an offset from the real time ("+2h",
// "-30m", "+1d2h", "+90s") or "real". nullopt with a sentence in *error saying what to write instead.
std::optional<MockClock> parseMockClock(QStringView text, QString *error);
// Only an instant, as the header and a scenario's "at" take it.
std::optional<QDateTime> parseClockInstant(QStringView text, QString *error);
// An instant as the header carries it and the history shows it: seconds, with the offset it has ("Z" for UTC).
QString clockInstantText(const QDateTime &instant);
// "2 h", "1 h 30 min", "45 s", "3 d 4 h".
QString clockDurationText(qint64 seconds);

} // namespace dockside::base
