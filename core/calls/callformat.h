// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "callsummary.h"
#include "calltrack.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace dockside::calls {

// The CLI's `history calls` line and JSON; the window shows the same fields in its columns.
QString callSummaryLine(const CallSummary &call);
QJsonObject callSummaryToJson(const CallSummary &call);

// A call as a readable timeline, one mark per line with its details indented, then the flags; and as JSON.
QString callTrackToText(const CallTrack &track);
QJsonObject callTrackToJson(const CallTrack &track);

// A JSON value on one line, strings quoted: how a tool argument or an analysis field reads.
QString jsonText(const QJsonValue &value);

// "+1.250 s": a mark's place on the call's time axis.
QString offsetText(qint64 offsetUs);

} // namespace dockside::calls
