// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "analysisprompt.h"
#include "assistantsummary.h"
#include "finding.h"
#include "jsonmerge.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace dockside::contract {

inline constexpr qint64 kAssistantRequestDeadlineMs = 5000;
inline constexpr qint64 kOtherEventsDeadlineMs = 20000;

enum class Transport { Completed, TimedOut, Unreachable };

// What happened on the wire, as either end of Dockside observed it.
struct Exchange {
    Transport transport = Transport::Completed;
    QString transportError; // why it was unreachable: "connection refused", "TLS handshake failed"
    int httpStatus = 200;
    QByteArray body;
    std::optional<qint64> latencyMs;
};

enum class Disposition { Answered, Rejected };

enum class Reason {
    Timeout,
    Unreachable,
    HttpStatus,
    EmptyBody,
    InvalidJson,
    Rejected,
    InvalidResponse,
    Default,
    Override,
};

struct OutcomeInput {
    Exchange exchange;
    qint64 deadlineMs = kAssistantRequestDeadlineMs;
    QJsonObject defaultAssistant;
    AnalysisContext analysisContext = sampleAnalysisContext();
    // Only what the history's row keeps (disposition, reason, what the caller hears first): no diff against the
    // default and no analysis prompt, which the detail view works out again when it shows the exchange.
    bool forHistoryRow = false;
};

struct CallOutcome {
    Disposition disposition = Disposition::Answered;
    Reason reason = Reason::Default;
    Source reasonSource = Source::Seed;
    QString explanation;
    QString spokenFirst; // what the caller hears first: the greeting, or the rejection message
    QJsonObject effectiveAssistant;
    AssistantSummary assistant; // the effective assistant as the caller meets it
    QList<JsonChange> changes; // effective assistant against the default
    bool overridesNothing = false; // answered with overrides that all equal the default (not worked out per row)
    int maxDurationSeconds = 0;
    bool analysisEnabled = false;
    QList<PromptMessage> analysisPrompt;
    std::optional<qint64> latencyMs;
    qint64 deadlineMs = kAssistantRequestDeadlineMs;
    Findings violations;
    Findings warnings;

    bool usesDefaultAssistant() const { return disposition == Disposition::Answered && reason != Reason::Override; }
};

// The platform's decision for an assistant-request exchange: CONTRACT.md §4, rule by rule, first match wins.
CallOutcome computeOutcome(const OutcomeInput &input);

inline constexpr Reason kAllReasons[] = {
    Reason::Timeout,  Reason::Unreachable,     Reason::HttpStatus, Reason::EmptyBody, Reason::InvalidJson,
    Reason::Rejected, Reason::InvalidResponse, Reason::Default,    Reason::Override,
};

QString reasonCode(Reason reason);
QString dispositionName(Disposition disposition);
// The inverses, for files and records that name them; nullopt for a name no reason or disposition has.
std::optional<Reason> reasonFromCode(const QString &code);
std::optional<Disposition> dispositionFromName(const QString &name);

QJsonObject outcomeToJson(const CallOutcome &outcome);
// The outcome as a person reads it, one fact per line.
QString outcomeToText(const CallOutcome &outcome);

} // namespace dockside::contract
