// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "analysischeck.h"
#include "callsummary.h"

#include "contract/calloutcome.h"
#include "history/exchangerecord.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::calls {

// Something in a call that breaks the order of CONTRACT.md §6, or that a reader should notice.
struct CallFlag {
    enum class Severity { Note, Error };
    Severity severity = Severity::Error;
    QString code; // "event_after_report", "duplicate_report", "tool_call_before_answer", "tool_call_after_end",
                  // "second_assistant_request", "event_after_rejection", "no_assistant_request",
                  // "duration_over_limit"
    QString message;
    qint64 exchangeId = 0; // the exchange it is about; 0 for the call as a whole
};

struct ToolCallMark {
    QString id;
    QString name;
    QJsonValue arguments;
    QJsonValue result; // the webhook's result for this call id, or its whole answer when it names none
};

// One exchange placed on the call's time axis.
struct CallMark {
    qint64 exchangeId = 0;
    QString eventType; // empty for a request that is no VoiceDock event
    qint64 offsetUs = 0; // from the call's first exchange
    qint64 latencyUs = 0;
    qint64 deadlineMs = 0;
    int responseStatus = 0;
    QString callStatus; // message.call.status
    QString title; // one line: "status-update: in-progress"
    QStringList details; // further lines, as a person reads them
    QList<ToolCallMark> toolCalls;
    bool late() const { return latencyUs > deadlineMs * 1000; }
};

// A whole call, as the time axis and `dockside-cli history call` show it.
struct CallTrack {
    QString callId;
    QString callerNumber;
    QString calledNumber;
    history::Direction direction = history::Direction::Inbound;
    qint64 startUs = 0; // the first exchange's arrival
    qint64 endUs = 0; // the last exchange's answer
    QList<CallMark> marks; // in arrival order
    QList<CallFlag> flags;
    std::optional<contract::CallOutcome> outcome; // from the first assistant-request
    int maxDurationSeconds = 0; // effective; 0 when no assistant-request tells it
    std::optional<double> reportedDurationSeconds;
    QString summary; // the report's
    bool analysisPlanned = false;
    QList<AnalysisField> analysis; // the report's structured data against the plan's schema

    bool brokeOrder() const;
    CallOutcomeKind outcomeKind() const;
    qint64 spanUs() const { return endUs - startUs; }
};

// Reads one call's records (any order) into its track, checking the order of CONTRACT.md §6. The default assistant
// is what an assistant-request answer is merged onto, for the effective duration limit and analysis plan.
CallTrack trackCall(QList<history::ExchangeRecord> records, const QJsonObject &defaultAssistant);

QString flagSeverityName(CallFlag::Severity severity); // "note", "error"

} // namespace dockside::calls
