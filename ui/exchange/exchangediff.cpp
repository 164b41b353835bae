// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangediff.h"

#include "bytesformat.h"

#include "contract/jsondiff.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::ExchangeDiff", text);
}

// A JSON body of this size flattens to about 50,000 rows: readable, and light enough for the model.
constexpr qsizetype kMaxComparedBodyBytes = 512 * 1024;

DiffRow compared(const QString &part, const QString &field, const QString &left, const QString &right)
{
    return {part, field, left, right, left == right ? contract::LeafChange::Same : contract::LeafChange::Changed};
}

// A field that only some exchanges have (a template, a caller): absent rather than empty when missing.
void appendOptional(QList<DiffRow> &rows, const QString &part, const QString &field, const QString &left,
                    const QString &right)
{
    if (left.isEmpty() && right.isEmpty())
        return;
    if (left.isEmpty())
        rows.append({part, field, {}, right, contract::LeafChange::Added});
    else if (right.isEmpty())
        rows.append({part, field, left, {}, contract::LeafChange::Removed});
    else
        rows.append(compared(part, field, left, right));
}

QString timeText(qint64 unixMicroseconds)
{
    return QDateTime::fromMSecsSinceEpoch(unixMicroseconds / 1000)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString statusText(int status)
{
    return status == 0 ? tr("no answer") : QString::number(status);
}

QString outcomeText(const history::ExchangeRecord &record)
{
    if (record.outcomeDisposition.isEmpty())
        return {};
    return record.outcomeDisposition + QStringLiteral(" · ") + record.outcomeReason;
}

void appendHeaders(QList<DiffRow> &rows, const QString &part, const base::HeaderList &left,
                   const base::HeaderList &right)
{
    // Key: the lower-case name and its occurrence, so a repeated header pairs with its counterpart.
    struct Occurrence {
        QString field;
        QString value;
    };
    const auto index = [](const base::HeaderList &headers) {
        QList<QPair<QByteArray, Occurrence>> keyed;
        QHash<QByteArray, int> seen;
        for (const auto &[name, value] : headers) {
            const QByteArray lower = name.toLower();
            const int occurrence = ++seen[lower];
            QString field = bytesAsText(name);
            if (occurrence > 1)
                field += QStringLiteral(" #%1").arg(occurrence);
            keyed.append(QPair<QByteArray, Occurrence>(lower + '#' + QByteArray::number(occurrence),
                                                       Occurrence {field, bytesAsText(value)}));
        }
        return keyed;
    };
    const auto leftKeyed = index(left);
    const auto rightKeyed = index(right);
    QHash<QByteArray, Occurrence> rightByKey;
    for (const auto &[key, occurrence] : rightKeyed)
        rightByKey.insert(key, occurrence);
    QHash<QByteArray, bool> leftKeys;
    for (const auto &[key, occurrence] : leftKeyed) {
        leftKeys.insert(key, true);
        const auto match = rightByKey.constFind(key);
        if (match == rightByKey.constEnd())
            rows.append({part, occurrence.field, occurrence.value, {}, contract::LeafChange::Removed});
        else
            rows.append(compared(part, occurrence.field, occurrence.value, match->value));
    }
    for (const auto &[key, occurrence] : rightKeyed) {
        if (!leftKeys.contains(key))
            rows.append({part, occurrence.field, {}, occurrence.value, contract::LeafChange::Added});
    }
}

std::optional<QJsonValue> parsedJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return std::nullopt;
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QString binarySummary(const QByteArray &body)
{
    return tr("%1, SHA-256 %2")
        .arg(byteSize(body.size()),
             QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16)));
}

void appendBody(QList<DiffRow> &rows, const QString &part, const QByteArray &left, const QByteArray &right)
{
    if (left.isEmpty() && right.isEmpty())
        return;
    if (left.size() > kMaxComparedBodyBytes || right.size() > kMaxComparedBodyBytes) {
        // Leaf by leaf, megabytes make a million rows: compared as a whole instead, by size and digest.
        const QString field =
            tr("(whole body: over %1, not compared field by field)").arg(byteSize(kMaxComparedBodyBytes));
        rows.append({part, field, left.isEmpty() ? QString() : binarySummary(left),
                     right.isEmpty() ? QString() : binarySummary(right),
                     left.isEmpty()        ? contract::LeafChange::Added
                         : right.isEmpty() ? contract::LeafChange::Removed
                         : left == right   ? contract::LeafChange::Same
                                           : contract::LeafChange::Changed});
        return;
    }
    const BodyKind leftKind = bodyKind(left);
    const BodyKind rightKind = bodyKind(right);
    if (leftKind == BodyKind::Binary || rightKind == BodyKind::Binary) {
        const QString field = tr("(bytes)");
        if (left.isEmpty())
            rows.append({part, field, {}, binarySummary(right), contract::LeafChange::Added});
        else if (right.isEmpty())
            rows.append({part, field, binarySummary(left), {}, contract::LeafChange::Removed});
        else
            rows.append({part, field, binarySummary(left), binarySummary(right),
                         left == right ? contract::LeafChange::Same : contract::LeafChange::Changed});
        return;
    }
    const bool leftJson = leftKind == BodyKind::Json || leftKind == BodyKind::Empty;
    const bool rightJson = rightKind == BodyKind::Json || rightKind == BodyKind::Empty;
    if (leftJson && rightJson) {
        const auto value = [](const QByteArray &body) {
            return body.isEmpty() ? QJsonValue(QJsonValue::Undefined) : parsedJson(body).value_or(QJsonValue());
        };
        rows.append(jsonDiffRows(contract::compareJsonLeaves(value(left), value(right)), part));
        return;
    }
    // Text on either side: compared line by line.
    const QStringList leftLines = left.isEmpty() ? QStringList() : bytesAsText(left).split(QLatin1Char('\n'));
    const QStringList rightLines = right.isEmpty() ? QStringList() : bytesAsText(right).split(QLatin1Char('\n'));
    const qsizetype count = std::max(leftLines.size(), rightLines.size());
    for (qsizetype line = 0; line < count; ++line) {
        const QString field = tr("line %1").arg(line + 1);
        if (line >= leftLines.size())
            rows.append({part, field, {}, rightLines.at(line), contract::LeafChange::Added});
        else if (line >= rightLines.size())
            rows.append({part, field, leftLines.at(line), {}, contract::LeafChange::Removed});
        else
            rows.append(compared(part, field, leftLines.at(line), rightLines.at(line)));
    }
}

} // namespace

QList<DiffRow> diffExchanges(const history::ExchangeRecord &left, const history::ExchangeRecord &right)
{
    QList<DiffRow> rows;
    const QString exchange = tr("Exchange");
    rows.append(compared(exchange, tr("Direction"), history::directionName(left.direction),
                         history::directionName(right.direction)));
    rows.append(compared(exchange, tr("Method"), QString::fromLatin1(left.request.method),
                         QString::fromLatin1(right.request.method)));
    rows.append(compared(exchange, tr("Path"), bytesAsText(left.request.path()), bytesAsText(right.request.path())));
    appendOptional(rows, exchange, tr("Query"), bytesAsText(left.request.rawQuery()),
                   bytesAsText(right.request.rawQuery()));
    appendOptional(rows, exchange, tr("URL"), left.url, right.url);
    rows.append(compared(exchange, tr("Received at"), timeText(left.request.receivedAtUs),
                         timeText(right.request.receivedAtUs)));
    rows.append(compared(exchange, tr("Latency"), tr("%1 ms").arg(left.latencyUs / 1000),
                         tr("%1 ms").arg(right.latencyUs / 1000)));
    appendOptional(rows, exchange, tr("Event"), left.eventType, right.eventType);
    appendOptional(rows, exchange, tr("Call id"), left.callId, right.callId);
    appendOptional(rows, exchange, tr("Caller"), left.callerNumber, right.callerNumber);
    appendOptional(rows, exchange, tr("Called number"), left.calledNumber, right.calledNumber);
    appendOptional(rows, exchange, tr("Signature"), left.signatureStatus, right.signatureStatus);

    appendHeaders(rows, tr("Request header"), left.request.headers, right.request.headers);
    appendBody(rows, tr("Request body"), left.request.body, right.request.body);

    const QString answer = tr("Answer");
    rows.append(compared(answer, tr("Status"), statusText(left.responseStatus), statusText(right.responseStatus)));
    appendOptional(rows, answer, tr("Template"), left.templateId, right.templateId);
    appendOptional(rows, answer, tr("Rule"), left.ruleId, right.ruleId);
    appendOptional(rows, answer, tr("Outcome"), outcomeText(left), outcomeText(right));
    appendOptional(rows, answer, tr("Spoken first"), left.spokenFirst, right.spokenFirst);
    appendOptional(rows, answer, tr("Error"), left.error, right.error);
    appendHeaders(rows, tr("Answer header"), left.responseHeaders, right.responseHeaders);
    appendBody(rows, tr("Answer body"), left.responseBody, right.responseBody);
    return rows;
}

QString exchangeCaption(const history::ExchangeRecord &record)
{
    QStringList parts;
    if (record.id > 0)
        parts.append(QStringLiteral("#%1").arg(record.id));
    parts.append(history::directionName(record.direction));
    parts.append(QString::fromLatin1(record.request.method) + QLatin1Char(' ') + bytesAsText(record.request.target));
    parts.append(statusText(record.responseStatus));
    if (!record.eventType.isEmpty())
        parts.append(record.eventType);
    parts.append(timeText(record.request.receivedAtUs));
    return parts.join(QStringLiteral(" · "));
}

} // namespace dockside::ui
