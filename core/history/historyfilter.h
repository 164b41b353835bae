// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::history {

// Exchange ids from first to last, both included.
struct IdRange {
    qint64 first = 0;
    qint64 last = 0;

    friend bool operator==(const IdRange &, const IdRange &) = default;
};

// What the timeline shows; every set field narrows the result (AND).
struct HistoryFilter {
    QString text; // words searched in request and response bodies, each as a prefix
    QStringList eventTypes; // any of these; empty: all
    std::optional<Direction> direction;
    QString caller; // prefix of the caller number
    std::optional<int> status;
    QString outcomeReason;
    QString callId; // exactly this call's exchanges
    bool inCallsOnly = false; // only exchanges that belong to a call (a VoiceDock event with a call id)
    std::optional<qint64> fromUs; // inclusive, Unix microseconds
    std::optional<qint64> toUs; // exclusive, Unix microseconds
    QList<IdRange> idRanges; // only ids inside any of these (a selection); empty: any id

    /*! At most this many id ranges: each is two bound values, and SQLite takes a bounded number per statement. */
    static constexpr qsizetype kMaxIdRanges = 10000;

    bool isEmpty() const;
    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

// An FTS5 query that ANDs each word of user text as a quoted prefix; empty when no word can match.
// Quoting makes operators and punctuation (", -, :, *, AND, parentheses) plain text, so no input is a syntax error.
QString ftsQuery(const QString &text);
// The letter-and-digit runs of user text, lower-cased: what the FTS5 tokenizer would index.
QStringList searchTokens(const QString &text);
// Sorted, merged ranges covering exactly the given ids (duplicates and order do not matter).
QList<IdRange> idRangesOf(QList<qint64> ids);

} // namespace dockside::history
