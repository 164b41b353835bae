// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QIODevice;

namespace dockside::history {

class ExchangeRedactor;

// Called after each exported exchange with the number written so far; returning false stops the export.
using ExportProgress = std::function<bool(qint64 exported)>;

enum class ExportFormat { Json, Har };

// Writes exchanges one at a time as a dockside-history JSON file or a HAR file, so memory stays flat however many
// there are. With a redactor every exchange goes through it, and the file says it is redacted (HAR "comment", JSON
// "redacted" and "redaction").
class ExchangeExportWriter final {
public:
    ExchangeExportWriter(QIODevice *device, ExportFormat format, const ExportProgress &progress,
                         ExchangeRedactor *redactor);

    bool begin(QString *errorMessage);
    bool write(ExchangeRecord record, QString *errorMessage);
    bool end(QString *errorMessage);

private:
    bool writeAll(const QByteArray &bytes, QString *errorMessage);

    QIODevice *m_device;
    ExportFormat m_format;
    ExportProgress m_progress;
    ExchangeRedactor *m_redactor;
    qint64 m_exported = 0;
};

} // namespace dockside::history
