// SPDX-License-Identifier: GPL-3.0-or-later

#include "teamrow.h"

#include "history/exchangerecordcodec.h"
#include "history/historydatabase.h"
#include "history/historyfilter.h"

#include <algorithm>

namespace dockside::teamhistory {

namespace {

// PostgreSQL's text cannot hold NUL; a caller number from JSON ("\u0000") must not stop the copy of every later row.
QString pgText(const QString &text)
{
    if (!text.contains(QChar(0)))
        return text;
    QString cleaned = text;
    cleaned.remove(QChar(0));
    return cleaned;
}

QString pathOf(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    return pgText(QString::fromUtf8(query < 0 ? target : target.left(query)));
}

// A tsvector holds at most 1 MiB; the words of a larger body are cut here rather than failing the row.
constexpr qsizetype kMaxSearchWordsChars = 256 * 1024;

} // namespace

QString teamInsertStatement(int rows)
{
    // A null QString binds as NULL: every text goes through coalesce, so an empty field is '' and never fails the row.
    static const QString text = QStringLiteral("coalesce(CAST(? AS text), '')");
    static const QString row = QStringLiteral("(CAST(? AS uuid), ?, ?, ?, ") + text + QStringLiteral(", ") + text +
        QStringLiteral(", ") + text + QStringLiteral(", ") + text + QStringLiteral(", ?, ?, ") + text +
        QStringLiteral(", ") + text + QStringLiteral(", ") + text + QStringLiteral(", ") + text +
        QStringLiteral(", ?, ?, ?, ") + text + QStringLiteral(", ?, to_tsvector('simple', ") + text +
        QStringLiteral("))");
    QStringList values;
    values.reserve(rows);
    for (int i = 0; i < rows; ++i)
        values << row;
    return QStringLiteral(
               "INSERT INTO dockside_exchanges (origin, origin_id, direction, received_at, method, path,"
               " event_type, caller, status, latency_us, signature_status, outcome_disposition,"
               " outcome_reason, error, request_size, response_size, relay, call_id, record, search) VALUES ") +
        values.join(QStringLiteral(", ")) + QStringLiteral(" ON CONFLICT (origin, origin_id) DO NOTHING RETURNING id");
}

QVariantList teamRowValues(const QString &origin, const history::ExchangeRecord &record)
{
    const base::CapturedRequest &request = record.request;
    return {
        origin,
        record.id,
        record.direction == history::Direction::Outbound ? 1 : 0,
        request.receivedAtUs,
        pgText(QString::fromLatin1(request.method)),
        pathOf(request.target),
        pgText(record.eventType),
        pgText(record.callerNumber),
        record.responseStatus,
        record.latencyUs,
        pgText(record.signatureStatus),
        pgText(record.outcomeDisposition),
        pgText(record.outcomeReason),
        pgText(record.error),
        qint64(request.body.size()),
        qint64(record.responseBody.size()),
        static_cast<int>(history::relayMarkOf(record)),
        pgText(record.callId),
        history::encodeRecord(record),
        teamSearchWords(record),
    };
}

QString teamSearchWords(const history::ExchangeRecord &record)
{
    QStringList words;
    for (const QByteArray *body : {&record.request.body, &record.responseBody}) {
        if (history::detail::isText(*body))
            words += history::searchTokens(QString::fromUtf8(*body));
    }
    words.removeDuplicates();
    QString joined = words.join(QLatin1Char(' '));
    if (joined.size() > kMaxSearchWordsChars) {
        joined.truncate(kMaxSearchWordsChars);
        joined.truncate(std::max<qsizetype>(0, joined.lastIndexOf(QLatin1Char(' '))));
    }
    return joined;
}

QString teamSearchQuery(const QString &text)
{
    QStringList terms;
    for (const QString &token : history::searchTokens(text))
        terms << token + QStringLiteral(":*");
    return terms.join(QStringLiteral(" & "));
}

} // namespace dockside::teamhistory
