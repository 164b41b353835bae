// SPDX-License-Identifier: GPL-3.0-or-later

#include "historygenerator.h"

#include "history/historystore.h"

#include <QDataStream>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QUuid>

#include <sqlite3.h>

#include <cstdio>

namespace dockside::bench {

using history::Direction;
using history::ExchangeRecord;
using history::HistoryOptions;
using history::HistoryStore;

namespace {

const char *const kWords[] = {
    "billing", "invoice", "refund",   "delivery", "appointment", "password", "upgrade", "cancel", "address",
    "weekend", "manager", "warranty", "payment",  "schedule",    "account",  "order",   "parcel", "contract",
};
// A call's events in the order the platform sends them (CONTRACT.md §6).
const char *const kCallEvents[] = {"assistant-request", "status-update", "tool-calls", "status-update",
                                   "end-of-call-report"};
const char *const kReasons[] = {"override", "override", "override", "override",    "override",
                                "default",  "timeout",  "rejected", "http_status", "invalid_json"};

} // namespace

ExchangeRecord makeRecord(qint64 i, qint64 receivedAtUs, QRandomGenerator &random, GeneratedCall &call)
{
    const qint64 position = (i - 1) % kEventsPerCall;
    if (position == 0) {
        call.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        call.caller = QStringLiteral("+31%1").arg(600000000 + random.bounded(99999999));
        call.direction = random.bounded(10) == 0 ? Direction::Outbound : Direction::Inbound;
    }
    ExchangeRecord record;
    record.direction = call.direction;
    record.eventType = QString::fromLatin1(kCallEvents[position]);
    record.callerNumber = call.caller;
    record.calledNumber = QStringLiteral("+31850835037");
    record.callId = call.id;
    record.request.receivedAtUs = receivedAtUs;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.request.peerPort = 50000;
    record.request.headers = {{QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1:8790")},
                              {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                              {QByteArrayLiteral("X-Webhook-Event"), record.eventType.toUtf8()},
                              {QByteArrayLiteral("X-Webhook-Timestamp"), QByteArray::number(receivedAtUs / 1000000)}};
    record.request.headerBytes = 180;
    record.url = QStringLiteral("http://127.0.0.1:8790/hooks/voice");
    const QString word = QString::fromLatin1(kWords[random.bounded(static_cast<int>(std::size(kWords)))]);
    QString extra;
    if (record.eventType == QLatin1String("end-of-call-report"))
        extra = QStringLiteral(",\"duration_seconds\":%1,\"summary\":\"The caller asked about their %2 and the "
                               "assistant explained the next steps.\",\"messages\":[{\"role\":\"assistant\","
                               "\"content\":\"Hello, how can I help?\"},{\"role\":\"user\",\"content\":\"It is "
                               "about my %2.\"}]")
                    .arg(random.bounded(600))
                    .arg(word);
    else if (record.eventType == QLatin1String("status-update"))
        extra = QStringLiteral(",\"end_reason\":\"customer-ended-call\"");
    else if (record.eventType == QLatin1String("tool-calls"))
        extra = QStringLiteral(",\"tool_call_list\":[{\"id\":\"call_%1\",\"type\":\"function\",\"function\":"
                               "{\"name\":\"lookup_%2\",\"arguments\":{}}}]")
                    .arg(i)
                    .arg(word);
    const QString status = position == 0 ? QStringLiteral("ringing")
        : position < 3                   ? QStringLiteral("in-progress")
                                         : QStringLiteral("ended");
    record.request.body =
        QStringLiteral("{\"message\":{\"type\":\"%1\",\"timestamp\":\"%2\",\"call\":{\"id\":\"%3\",\"type\":"
                       "\"inbound_phone_call\",\"status\":\"%6\"},\"phone_number\":{\"id\":null,\"number\":"
                       "\"+31850835037\",\"name\":\"HMS Sovereign Demo\"},\"customer\":{\"number\":\"%4\"}%5}}")
            .arg(record.eventType,
                 QDateTime::fromMSecsSinceEpoch(receivedAtUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs),
                 record.callId, record.callerNumber, extra, status)
            .toUtf8();
    record.signatureStatus = record.direction == Direction::Inbound ? QStringLiteral("valid") : QString();
    record.responseStatus = 200;
    record.responseHeaders = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.latencyUs = 800 + random.bounded(40000);
    if (record.eventType == QLatin1String("assistant-request")) {
        const QString reason = QString::fromLatin1(kReasons[random.bounded(static_cast<int>(std::size(kReasons)))]);
        record.outcomeReason = reason;
        record.outcomeDisposition =
            reason == QLatin1String("rejected") ? QStringLiteral("rejected") : QStringLiteral("answered");
        if (reason == QLatin1String("timeout"))
            record.latencyUs = 5'000'000 + random.bounded(2'000'000);
        if (reason == QLatin1String("rejected"))
            record.responseBody = QByteArrayLiteral("{\"error\":\"Our office is closed, please call back tomorrow.\"}");
        else if (reason == QLatin1String("http_status"))
            record.responseStatus = 503;
        else if (reason != QLatin1String("default"))
            record.responseBody =
                QStringLiteral("{\"assistant\":{\"first_message\":\"Hello, this is about your %1. How can I "
                               "help?\",\"llm_config\":{\"messages\":[{\"role\":\"system\",\"content\":\"You help "
                               "callers with %1 questions.\"}]}},\"max_duration_seconds\":300}")
                    .arg(word)
                    .toUtf8();
        else
            record.responseBody = QByteArrayLiteral("{}");
        record.spokenFirst = QStringLiteral("Hello");
    } else {
        record.responseBody = QByteArrayLiteral("{\"received\":true}");
    }
    record.templateId = QStringLiteral("greeting");
    record.ruleId = QStringLiteral("default");
    return record;
}

namespace {

void bindText(sqlite3_stmt *statement, int column, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(statement, column, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void bindBlob(sqlite3_stmt *statement, int column, const QByteArray &bytes)
{
    sqlite3_bind_blob(statement, column, bytes.constData(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

QByteArray encodeHeaders(const dockside::base::HeaderList &headers)
{
    QByteArray encoded;
    QDataStream stream(&encoded, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_0);
    stream << quint32(headers.size());
    for (const auto &[name, value] : headers)
        stream << name << value;
    return encoded;
}

bool step(sqlite3 *db, sqlite3_stmt *statement)
{
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (result != SQLITE_DONE) {
        std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db));
        return false;
    }
    return true;
}

} // namespace

// The schema comes from HistoryStore itself; the rows go in through SQLite in one transaction, indexed for search
// as the writer's background indexer leaves them. Ids follow time, the newest a second ago.
bool generateHistory(const QString &path, qint64 rows)
{
    {
        HistoryStore store;
        HistoryOptions options;
        options.databasePath = path;
        QString error;
        if (!store.open(options, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    const auto exec = [db](const char *sql) {
        char *message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        std::fprintf(stderr, "%s: %s\n", sql, message);
        sqlite3_free(message);
        return false;
    };
    // A bulk load needs no journal; the file goes back to WAL, as the store keeps it, at the end.
    if (!exec("PRAGMA journal_mode=OFF") || !exec("PRAGMA synchronous=OFF") || !exec("PRAGMA cache_size=-262144") ||
        !exec("BEGIN"))
        return false;
    sqlite3_stmt *exchange = nullptr;
    sqlite3_stmt *details = nullptr;
    sqlite3_stmt *search = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO exchanges (id, direction, received_at, method, path, event_type, caller, status,"
                       " latency_us, signature_status, outcome_disposition, outcome_reason, error, request_size,"
                       " response_size, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       -1, &exchange, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO exchange_details (exchange_id, url, target, http_version, peer_address, peer_port,"
                       " header_bytes, call_id, called_number, signed_string, template_id, rule_id, spoken_first,"
                       " request_headers, request_body, request_is_text, response_headers, response_body,"
                       " response_is_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 1)",
                       -1, &details, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO exchange_search (rowid, request_body, response_body) VALUES (?, ?, ?)", -1,
                       &search, nullptr);
    QRandomGenerator random(20261127);
    GeneratedCall call;
    const qint64 newestUs = QDateTime::currentMSecsSinceEpoch() * 1000 - 1'000'000;
    for (qint64 id = 1; id <= rows; ++id) {
        const ExchangeRecord record = makeRecord(id, newestUs - (rows - id) * 20'000, random, call);
        int column = 1;
        sqlite3_bind_int64(exchange, column++, id);
        sqlite3_bind_int(exchange, column++, record.direction == Direction::Outbound ? 1 : 0);
        sqlite3_bind_int64(exchange, column++, record.request.receivedAtUs);
        bindText(exchange, column++, QStringLiteral("POST"));
        bindText(exchange, column++, QStringLiteral("/hooks/voice"));
        bindText(exchange, column++, record.eventType);
        bindText(exchange, column++, record.callerNumber);
        sqlite3_bind_int(exchange, column++, record.responseStatus);
        sqlite3_bind_int64(exchange, column++, record.latencyUs);
        bindText(exchange, column++, record.signatureStatus);
        bindText(exchange, column++, record.outcomeDisposition);
        bindText(exchange, column++, record.outcomeReason);
        bindText(exchange, column++, record.error);
        sqlite3_bind_int64(exchange, column++, record.request.body.size());
        sqlite3_bind_int64(exchange, column++, record.responseBody.size());
        bindText(exchange, column++, record.callId);
        column = 1;
        sqlite3_bind_int64(details, column++, id);
        bindText(details, column++, record.url);
        bindBlob(details, column++, record.request.target);
        bindBlob(details, column++, record.request.httpVersion);
        bindText(details, column++, record.request.peerAddress);
        sqlite3_bind_int(details, column++, record.request.peerPort);
        sqlite3_bind_int64(details, column++, record.request.headerBytes);
        bindText(details, column++, record.callId);
        bindText(details, column++, record.calledNumber);
        bindBlob(details, column++, QByteArray(""));
        bindText(details, column++, record.templateId);
        bindText(details, column++, record.ruleId);
        bindText(details, column++, record.spokenFirst);
        bindBlob(details, column++, encodeHeaders(record.request.headers));
        bindBlob(details, column++, record.request.body);
        bindBlob(details, column++, encodeHeaders(record.responseHeaders));
        bindBlob(details, column++, record.responseBody);
        sqlite3_bind_int64(search, 1, id);
        sqlite3_bind_text(search, 2, record.request.body.constData(), static_cast<int>(record.request.body.size()),
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(search, 3, record.responseBody.constData(), static_cast<int>(record.responseBody.size()),
                          SQLITE_TRANSIENT);
        if (!step(db, exchange) || !step(db, details) || !step(db, search))
            return false;
    }
    sqlite3_finalize(exchange);
    sqlite3_finalize(details);
    sqlite3_finalize(search);
    const QByteArray progress = "UPDATE search_progress SET indexed_up_to = " + QByteArray::number(rows);
    const bool ok = exec(progress.constData()) && exec("COMMIT") && exec("PRAGMA journal_mode=WAL");
    sqlite3_close(db);
    return ok;
}

bool ensureHistory(const QString &path, qint64 rows, QJsonObject *result)
{
    if (QFile::exists(path))
        return true;
    QElapsedTimer generation;
    generation.start();
    if (!generateHistory(path, rows))
        return false;
    const double generated = static_cast<double>(generation.elapsed()) / 1000.0;
    if (result)
        result->insert(QStringLiteral("generate_s"), generated);
    std::printf("generated %lld rows in %.1f s\n", static_cast<long long>(rows), generated);
    return true;
}

} // namespace dockside::bench
