// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangesource.h"

#include <limits>

namespace dockside::history {

namespace {

constexpr int kExportPageRows = 500;

} // namespace

bool ExchangeSource::exportJson(const HistoryFilter &filter, QIODevice *device, QString *errorMessage,
                                const ExportProgress &progress, ExchangeRedactor *redactor)
{
    return exportRecords(filter, device, ExportFormat::Json, errorMessage, progress, redactor);
}

bool ExchangeSource::exportHar(const HistoryFilter &filter, QIODevice *device, QString *errorMessage,
                               const ExportProgress &progress, ExchangeRedactor *redactor)
{
    return exportRecords(filter, device, ExportFormat::Har, errorMessage, progress, redactor);
}

bool ExchangeSource::exportRecords(const HistoryFilter &filter, QIODevice *device, ExportFormat format,
                                   QString *errorMessage, const ExportProgress &progress, ExchangeRedactor *redactor)
{
    ExchangeExportWriter writer(device, format, progress, redactor);
    if (!writer.begin(errorMessage))
        return false;
    // Page by page in id order, each exchange loaded whole: memory stays flat, and rows added meanwhile come last.
    qint64 afterId = 0;
    for (;;) {
        const QList<ExchangeSummary> rows = pageAfter(filter, afterId, 0, kExportPageRows, Qt::AscendingOrder);
        if (!lastError().isEmpty()) {
            if (errorMessage)
                *errorMessage = lastError();
            return false;
        }
        for (const ExchangeSummary &row : rows) {
            std::optional<ExchangeRecord> record = load(row.id);
            if (!record)
                continue; // removed since it was listed (retention, a clear)
            if (!writer.write(std::move(*record), errorMessage))
                return false;
        }
        if (rows.size() < kExportPageRows)
            break;
        afterId = rows.last().id;
    }
    return writer.end(errorMessage);
}

} // namespace dockside::history
