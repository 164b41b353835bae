#pragma once

#include "exchangerecord.h"
#include "exchangesummary.h"
#include "historyfilter.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QIODevice;
class QSqlQuery;

namespace dockside::history {

// A read-only view of the history file with its own connection; use it on the thread that opened it.
class HistoryReader final {
public:
    HistoryReader() = default;
    ~HistoryReader();
    Q_DISABLE_COPY_MOVE(HistoryReader)

    bool open(const QString &databasePath, QString *errorMessage);
    void close();
    bool isOpen() const { return m_database.isOpen(); }
    /*! Why the last count(), page() or load() came back empty-handed; empty when it succeeded. */
    QString lastError() const { return m_lastError; }

    /*! -1 on a database error. */
    qint64 count(const HistoryFilter &filter);
    QList<ExchangeSummary> page(const HistoryFilter &filter, qint64 offset, int limit,
                                Qt::SortOrder order = Qt::DescendingOrder);
    std::optional<ExchangeRecord> load(qint64 id);

    /*! Both stream row by row in id order, so memory stays flat however many rows match. */
    bool exportJson(const HistoryFilter &filter, QIODevice *device, QString *errorMessage);
    bool exportHar(const HistoryFilter &filter, QIODevice *device, QString *errorMessage);

private:
    enum class ExportFormat { Json, Har };

    bool exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format, QString *errorMessage);
    bool run(QSqlQuery &query, const QString &statement, const QVariantList &values);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_database;
    QString m_lastError;
};

} // namespace dockside::history
