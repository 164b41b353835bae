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
    // Each row's parameters with their types, so one prepared statement takes text for every one but the record.
    static const char *const kTypes[kTeamRowColumns] = {
        "uuid", "bigint", "smallint", "bigint", "text",   "text",   "text",     "text", "integer", "bigint",
        "text", "text",   "text",     "text",   "bigint", "bigint", "smallint", "text", "bytea",   "text"};
    QStringList values;
    values.reserve(rows);
    int parameter = 0;
    for (int row = 0; row < rows; ++row) {
        QStringList columns;
        for (int column = 0; column < kTeamRowColumns; ++column) {
            const QString placeholder = QStringLiteral("$%1::%2").arg(++parameter).arg(QLatin1String(kTypes[column]));
            columns << (column == kTeamRowColumns - 1 ? QStringLiteral("to_tsvector('simple', %1)").arg(placeholder)
                                                      : placeholder);
        }
        values << QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return QStringLiteral(
               "INSERT INTO dockside_exchanges (origin, origin_id, direction, received_at, method, path,"
               " event_type, caller, status, latency_us, signature_status, outcome_disposition,"
               " outcome_reason, error, request_size, response_size, relay, call_id, record, search) VALUES ") +
        values.join(QStringLiteral(", ")) + QStringLiteral(" ON CONFLICT (origin, origin_id) DO NOTHING RETURNING id");
}

TeamRowParameters teamRowParameters(const QByteArray &origin, const history::ExchangeRecord &record)
{
    const base::CapturedRequest &request = record.request;
    const auto text = [](const QString &value) { return pgText(value).toUtf8(); };
    const auto number = [](qint64 value) { return QByteArray::number(value); };
    return {{
        origin,
        number(record.id),
        number(record.direction == history::Direction::Outbound ? 1 : 0),
        number(request.receivedAtUs),
        text(QString::fromLatin1(request.method)),
        pathOf(request.target).toUtf8(),
        text(record.eventType),
        text(record.callerNumber),
        number(record.responseStatus),
        number(record.latencyUs),
        text(record.signatureStatus),
        text(record.outcomeDisposition),
        text(record.outcomeReason),
        text(record.error),
        number(request.body.size()),
        number(record.responseBody.size()),
        number(static_cast<int>(history::relayMarkOf(record))),
        text(record.callId),
        history::encodeRecord(record),
        teamSearchWords(record).toUtf8(),
    }};
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
