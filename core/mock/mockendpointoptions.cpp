// SPDX-License-Identifier: GPL-3.0-or-later

#include "mockendpointoptions.h"

namespace dockside::mock {

namespace {

QString evaluatedAt(const QDateTime &at, const QString &why)
{
    return QStringLiteral("evaluated at %1 (%2)").arg(base::clockInstantText(at), why);
}

QString clockNote(const base::MockClock &clock, const QDateTime &at)
{
    return evaluatedAt(at, QStringLiteral("clock %1").arg(clock.describe()));
}

// A pinned clock's note is the same for every request; writing its instant out twice per request cost a tenth of
// the endpoint's request path. Keyed by the instant and its offset, since QDateTime's == ignores the offset.
QString pinnedNote(const base::MockClock &clock)
{
    const QDateTime &pinned = clock.pinned;
    struct Memo {
        qint64 msecs = 0;
        int offsetSeconds = 0;
        QString note;
    };
    thread_local Memo memo;
    const qint64 msecs = pinned.toMSecsSinceEpoch();
    const int offsetSeconds = pinned.offsetFromUtc();
    if (memo.note.isEmpty() || memo.msecs != msecs || memo.offsetSeconds != offsetSeconds)
        memo = {msecs, offsetSeconds, clockNote(clock, pinned)};
    return memo.note;
}

// The configured clock's moment, and its note when it is not the real time.
ClockDecision configured(const MockEndpointOptions &options, const QDateTime &realNow)
{
    ClockDecision decision {options.clock.now(realNow), false, {}};
    if (options.clock.mode == base::MockClock::Mode::Pinned)
        decision.note = pinnedNote(options.clock);
    else if (!options.clock.isReal())
        decision.note = clockNote(options.clock, decision.at);
    return decision;
}

ClockDecision refused(const MockEndpointOptions &options, const QDateTime &realNow, const QString &why)
{
    ClockDecision decision = configured(options, realNow);
    const QString header = QLatin1String(base::kClockHeader);
    decision.note = decision.note.isEmpty() ? QStringLiteral("%1 %2; evaluated at the real time").arg(header, why)
                                            : QStringLiteral("%1 %2; %3").arg(header, why, decision.note);
    return decision;
}

} // namespace

ClockDecision decideClock(const MockEndpointOptions &options, const base::CapturedRequest &request,
                          const QDateTime &realNow)
{
    const std::optional<QByteArray> header = request.header(base::kClockHeader);
    if (!header)
        return configured(options, realNow);
    if (!options.allowClockHeader)
        return refused(options, realNow,
                       QStringLiteral("ignored: this endpoint does not honour it (allow it with the workspace's "
                                      "\"clock\": {\"allow_header\": true} or dockside-cli serve "
                                      "--allow-clock-header)"));
    const QHostAddress peer(request.peerAddress);
    if (!peer.isLoopback())
        return refused(
            options, realNow,
            QStringLiteral("refused: it is honoured only from this machine (loopback), and this request "
                           "came from %1")
                .arg(request.peerAddress.isEmpty() ? QStringLiteral("an unknown address") : request.peerAddress));
    QString error;
    const std::optional<QDateTime> instant = base::parseClockInstant(QString::fromLatin1(*header), &error);
    if (!instant)
        return refused(options, realNow, QStringLiteral("refused: %1").arg(error));
    return {*instant, true, evaluatedAt(*instant, QLatin1String(base::kClockHeader))};
}

} // namespace dockside::mock
