// SPDX-License-Identifier: GPL-3.0-or-later

#include "keysuggestion.h"

#include <QList>

#include <algorithm>

namespace dockside::base {

namespace {

// Lower case, with the word breaks of camelCase, kebab-case and spaces written as underscores.
QString snakeCase(const QString &key)
{
    QString result;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c.isUpper() && i > 0 && !key.at(i - 1).isUpper() && key.at(i - 1) != u'_')
            result += QLatin1Char('_');
        result += (c == u'-' || c == u' ') ? QChar(u'_') : c.toLower();
    }
    return result;
}

// Edits between two keys, a swap of neighbouring letters counting as one ("modle" is one edit from "model").
qsizetype editDistance(const QString &a, const QString &b)
{
    QList<QList<qsizetype>> d(a.size() + 1, QList<qsizetype>(b.size() + 1));
    for (qsizetype i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (qsizetype j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

std::optional<QString> nearestKey(const QString &unknown, const QStringList &known)
{
    const QString wanted = snakeCase(unknown);
    std::optional<QString> best;
    qsizetype bestDistance = 0;
    for (const QString &key : known) {
        if (key == unknown)
            continue;
        const QString candidate = snakeCase(key);
        if (candidate == wanted)
            return key;
        // A typo is at most two edits, and never more than a third of the key: "id" is not a typo of "ok".
        const qsizetype distance = editDistance(wanted, candidate);
        const qsizetype allowed = std::min<qsizetype>(2, candidate.size() / 3);
        if (distance <= allowed && (!best || distance < bestDistance)) {
            best = key;
            bestDistance = distance;
        }
    }
    return best;
}

QString didYouMean(const QString &unknown, const QStringList &known)
{
    const std::optional<QString> near = nearestKey(unknown, known);
    return near ? QStringLiteral(" Did you mean \"%1\"?").arg(*near) : QString();
}

} // namespace dockside::base
