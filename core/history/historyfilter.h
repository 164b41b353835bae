#pragma once

#include "exchangerecord.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::history {

// What the timeline shows; every set field narrows the result (AND).
struct HistoryFilter {
    QString text; // words searched in request and response bodies, each as a prefix
    QStringList eventTypes; // any of these; empty: all
    std::optional<Direction> direction;
    QString caller; // prefix of the caller number
    std::optional<int> status;
    QString outcomeReason;
    std::optional<qint64> fromUs; // inclusive, Unix microseconds
    std::optional<qint64> toUs; // exclusive, Unix microseconds

    bool isEmpty() const;
};

// An FTS5 query that ANDs each word of user text as a quoted prefix; empty when no word can match.
// Quoting makes operators and punctuation (", -, :, *, AND, parentheses) plain text, so no input is a syntax error.
QString ftsQuery(const QString &text);
// The letter-and-digit runs of user text, lower-cased: what the FTS5 tokenizer would index.
QStringList searchTokens(const QString &text);

} // namespace dockside::history
