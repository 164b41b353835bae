// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyfilter.h"

#include <algorithm>

namespace dockside::history {

bool HistoryFilter::isEmpty() const
{
    return ftsQuery(text).isEmpty() && eventTypes.isEmpty() && !direction && caller.isEmpty() && !status &&
        outcomeReason.isEmpty() && callId.isEmpty() && !inCallsOnly && !fromUs && !toUs && idRanges.isEmpty();
}

QStringList searchTokens(const QString &text)
{
    QStringList tokens;
    QString current;
    for (const QChar c : text) {
        if (c.isLetterOrNumber()) {
            current += c.toLower();
        } else if (!current.isEmpty()) {
            tokens.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        tokens.append(current);
    return tokens;
}

QString ftsQuery(const QString &text)
{
    QStringList terms;
    const QStringList words = text.simplified().split(QChar(u' '), Qt::SkipEmptyParts);
    for (QString word : words) {
        // The tokenizer keeps only letters and digits: a word without any would match nothing and empty the AND.
        if (std::none_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            continue;
        word.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        terms.append(QStringLiteral("\"") + word + QStringLiteral("\"*"));
    }
    return terms.join(QChar(u' '));
}

QList<IdRange> idRangesOf(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    QList<IdRange> ranges;
    for (const qint64 id : std::as_const(ids)) {
        if (!ranges.isEmpty() && id <= ranges.last().last + 1)
            ranges.last().last = std::max(ranges.last().last, id);
        else
            ranges.append({id, id});
    }
    return ranges;
}

} // namespace dockside::history
