// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamconnection.h"

#include "history/exchangesource.h"

#include <QMutex>

#include <optional>

struct pg_cancel;

namespace dockside::teamhistory {

// The PostgreSQL ExchangeSource: the team history as the timeline, the calls and the CLI read it, with the same filters
// as the SQLite history (full-text search through PostgreSQL's own text search). Use it on the thread that opened it.
class TeamExchangeSource final : public history::ExchangeSource {
public:
    TeamExchangeSource();
    ~TeamExchangeSource() override;
    Q_DISABLE_COPY_MOVE(TeamExchangeSource)

    bool open(const TeamDatabase &database, const QString &password, QString *errorMessage);
    /*! Stays open when the server drops the connection: the next request connects again. */
    bool isOpen() const override { return m_database.has_value(); }
    void close() override;
    QString lastError() const override { return m_lastError; }
    /*! The role may read only: Clear and retention are unavailable. */
    bool isReadOnly() const { return m_connection.isReadOnly(); }

    qint64 count(const history::HistoryFilter &filter) override;
    QList<history::ExchangeSummary> page(const history::HistoryFilter &filter, qint64 offset, int limit,
                                         Qt::SortOrder order = Qt::DescendingOrder) override;
    QList<history::ExchangeSummary> pageAfter(const history::HistoryFilter &filter, qint64 afterId, qint64 skip,
                                              int limit, Qt::SortOrder order = Qt::DescendingOrder) override;
    qint64 maxId() override;
    std::optional<history::ExchangeRecord> load(qint64 id) override;
    bool beginSnapshot() override;
    void endSnapshot() override;
    void interrupt() override;
    bool wasInterrupted() const override { return m_interrupted; }

private:
    QList<history::ExchangeSummary> summaries(const history::HistoryFilter &filter, std::optional<qint64> afterId,
                                              qint64 offset, int limit, Qt::SortOrder order);
    bool connect(const TeamDatabase &database, const QString &password, QString *errorMessage);
    void disconnect();
    bool connected();
    bool run(QSqlQuery &query, const QString &statement, const QVariantList &values);
    void rollback();

    TeamConnection m_connection;
    std::optional<TeamDatabase> m_database; // set while open, to connect again after a lost connection
    QString m_password;
    QString m_lastError;
    bool m_interrupted = false;
    bool m_inSnapshot = false;
    QMutex m_cancelMutex;
    pg_cancel *m_cancel = nullptr; // guarded by m_cancelMutex
};

} // namespace dockside::teamhistory
