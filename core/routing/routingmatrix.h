// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "routingcell.h"

#include "base/capturedrequest.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace dockside::routing {

// How the requests of a matrix are signed. The platform signs every request with the endpoint's secret, so a
// signature rule sees "valid"; an endpoint without a secret checks nothing and a rule sees "unchecked".
enum class SignatureAssumption { SignedWithSecret, NoSecret };

struct RoutingInput {
    workspace::Workspace workspace;
    QList<RoutingCaller> callers;
    QList<QDateTime> moments; // ascending instants
    SignatureAssumption signature = SignatureAssumption::SignedWithSecret;
    QByteArray secret; // empty with SignedWithSecret: a stand-in secret signs and verifies (the result is the same)
    qint64 platformDeadlineMs = 5000;
};

// callers × moments; each cell is an index into the distinct outcomes, so a week of equal answers costs an int each.
struct RoutingMatrix {
    QList<RoutingCaller> callers;
    QList<QDateTime> moments;
    QList<RoutingCell> outcomes; // distinct cells
    QList<int> grid; // row-major: callers.size() × moments.size()
    QStringList assumptions; // what the matrix takes for granted, in words, for the page and the CLI
    qsizetype evaluations = 0; // how many requests the endpoint's planning actually ran

    int cellIndex(qsizetype caller, qsizetype moment) const { return grid.at(caller * moments.size() + moment); }
    const RoutingCell &cell(qsizetype caller, qsizetype moment) const { return outcomes.at(cellIndex(caller, moment)); }
    qsizetype rowOf(const QString &number) const;
};

// Consecutive moments of one caller with the same cell.
struct RoutingBand {
    qsizetype first = 0; // moment indexes, inclusive
    qsizetype last = 0;
    int cell = 0;
    friend bool operator==(const RoutingBand &, const RoutingBand &) = default;
};
QList<RoutingBand> bandsOf(const RoutingMatrix &matrix, qsizetype caller);

// Cell by cell: the after matrix's cells whose caller and moment the before matrix has with another outcome, or
// does not have at all.
struct RoutingDiff {
    QList<bool> changed; // the after matrix's grid
    qsizetype changedCells = 0;
    qsizetype changedCallers = 0;
    bool isChanged(const RoutingMatrix &after, qsizetype caller, qsizetype moment) const
    {
        return !changed.isEmpty() && changed.at(caller * after.moments.size() + moment);
    }
};
RoutingDiff diffMatrices(const RoutingMatrix &before, const RoutingMatrix &after);
// The before matrix's cell for after's caller and moment, or nullptr.
const RoutingCell *cellAt(const RoutingMatrix &matrix, const QString &number, const QDateTime &moment);

// Called after each caller's row; returning false cancels.
using RoutingProgress = std::function<bool(qsizetype done, qsizetype total)>;

// The matrix, by the mock endpoint's own planning (MockResponder::plan) of the assistant-request the platform would
// send for each caller at each moment. Only business-hours conditions read the time, so moments on which every
// business-hours condition of the rules agrees get the same answer: one request is planned per caller and such
// class of moments. A template that reads the time ({{now}}, the timestamp) and a rule that reads the timestamp
// or signature headers are planned at every moment. nullopt when cancelled.
std::optional<RoutingMatrix> computeRoutingMatrix(const RoutingInput &input, const RoutingProgress &progress = {});

// One cell the slow way: one request planned exactly as the endpoint would, nothing cached. For tests and the
// benchmark's reference.
RoutingCell evaluateCell(const RoutingInput &input, const RoutingCaller &caller, const QDateTime &moment);

// The request the matrix plans for a caller at a moment, as the platform would send it (signed as input says).
base::CapturedRequest routingRequest(const RoutingInput &input, const QString &number, const QDateTime &moment);

// The call id the matrix gives a caller's requests: the same for every moment, so an A/B split sends a caller to
// the same arm all week, as it would for one call.
QString routingCallId(const QString &number);

// The zones the rules' business hours name, in order of first mention.
QStringList businessHoursZones(const rules::RuleSet &rules);

} // namespace dockside::routing
