// SPDX-License-Identifier: GPL-3.0-or-later

#include "teambatchwriter.h"

#include "teamcopier.h"
#include "teamrow.h"

#include <QSysInfo>

#include <libpq-fe.h>

#include <array>
#include <memory>
#include <vector>

namespace dockside::teamhistory {

namespace {

// Every copying transaction holds it until its commit, so ids become visible in the order they were given out and a
// desktop that has read up to an id never misses a lower one committed later.
constexpr qint64 kCopyLockKey = 0x646f636b636f7079; // "dockcopy"

// Rows per INSERT statement: 20 parameters each keeps a statement well under PostgreSQL's 65,535.
constexpr int kRowsPerStatement = 250;

struct ResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

QString messageOf(const PGresult *result, PGconn *connection)
{
    const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection);
    return QString::fromUtf8(message).trimmed();
}

QByteArray statementName(int rows)
{
    return "dockside_copy_" + QByteArray::number(rows);
}

} // namespace

TeamBatchWriter::TeamBatchWriter(pg_conn *connection)
    : m_connection(connection)
{
}

bool TeamBatchWriter::exec(const char *statement, QString *errorMessage)
{
    const Result result(PQexec(m_connection, statement));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return true;
    *errorMessage = messageOf(result.get(), m_connection);
    return false;
}

bool TeamBatchWriter::prepare(int rows, QString *errorMessage)
{
    if (m_prepared.contains(rows))
        return true;
    const QByteArray sql = teamInsertStatement(rows).toUtf8();
    const Result result(PQprepare(m_connection, statementName(rows).constData(), sql.constData(), 0, nullptr));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        *errorMessage = messageOf(result.get(), m_connection);
        return false;
    }
    m_prepared.insert(rows);
    return true;
}

bool TeamBatchWriter::write(const QString &origin, const QList<history::ExchangeRecord> &records, qint64 upTo,
                            qint64 *newestId, QString *errorMessage)
{
    *newestId = 0;
    if (!exec("BEGIN", errorMessage))
        return false;
    const auto fail = [this] {
        QString ignored;
        exec("ROLLBACK", &ignored);
        return false;
    };
    const QByteArray lock = "SELECT pg_advisory_xact_lock(" + QByteArray::number(kCopyLockKey) + ")";
    if (!exec(lock.constData(), errorMessage))
        return fail();
    const QByteArray originBytes = origin.toUtf8();
    for (qsizetype first = 0; first < records.size(); first += kRowsPerStatement) {
        const int rows = static_cast<int>(std::min<qsizetype>(kRowsPerStatement, records.size() - first));
        if (!prepare(rows, errorMessage))
            return fail();
        std::vector<TeamRowParameters> parameters;
        parameters.reserve(static_cast<std::size_t>(rows));
        std::vector<const char *> values;
        std::vector<int> lengths;
        std::vector<int> formats;
        values.reserve(static_cast<std::size_t>(rows) * kTeamRowColumns);
        lengths.reserve(values.capacity());
        formats.reserve(values.capacity());
        for (int i = 0; i < rows; ++i) {
            parameters.push_back(teamRowParameters(originBytes, records.at(first + i)));
            const TeamRowParameters &row = parameters.back();
            for (int column = 0; column < kTeamRowColumns; ++column) {
                const QByteArray &value = row.values.at(static_cast<std::size_t>(column));
                values.push_back(value.constData());
                lengths.push_back(static_cast<int>(value.size()));
                formats.push_back(column == kTeamRecordColumn ? 1 : 0); // the record as bytes, the rest as text
            }
        }
        const Result result(PQexecPrepared(m_connection, statementName(rows).constData(),
                                           static_cast<int>(values.size()), values.data(), lengths.data(),
                                           formats.data(), 0));
        if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
            *errorMessage = messageOf(result.get(), m_connection);
            return fail();
        }
        for (int row = 0; row < PQntuples(result.get()); ++row)
            *newestId = std::max(*newestId, QByteArray(PQgetvalue(result.get(), row, 0)).toLongLong());
    }
    const QByteArray upToText = QByteArray::number(upTo);
    const QByteArray host = QSysInfo::machineHostName().toUtf8();
    const std::array<const char *, 3> progress = {originBytes.constData(), upToText.constData(), host.constData()};
    const Result moved(
        PQexecParams(m_connection,
                     "INSERT INTO dockside_origins (origin, copied_up_to, host) VALUES ($1::uuid, "
                     "$2::bigint, $3) ON CONFLICT (origin) DO UPDATE SET copied_up_to = "
                     "GREATEST(dockside_origins.copied_up_to, EXCLUDED.copied_up_to), updated_at = now()",
                     3, nullptr, progress.data(), nullptr, nullptr, 0));
    if (!moved || PQresultStatus(moved.get()) != PGRES_COMMAND_OK) {
        *errorMessage = messageOf(moved.get(), m_connection);
        return fail();
    }
    // Desktops that listen read the new rows at once; the payload is the newest id so they know how far to read.
    if (*newestId > 0) {
        const QByteArray notify =
            QByteArray("NOTIFY ") + kTeamNotifyChannel + ", '" + QByteArray::number(*newestId) + "'";
        if (!exec(notify.constData(), errorMessage))
            return fail();
    }
    return exec("COMMIT", errorMessage) || fail();
}

} // namespace dockside::teamhistory
