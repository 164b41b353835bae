// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangeexport.h"

#include "exchangejson.h"
#include "exchangeredactor.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

namespace dockside::history {

ExchangeExportWriter::ExchangeExportWriter(QIODevice *device, ExportFormat format, const ExportProgress &progress,
                                           ExchangeRedactor *redactor)
    : m_device(device)
    , m_format(format)
    , m_progress(progress)
    , m_redactor(redactor)
{
}

bool ExchangeExportWriter::writeAll(const QByteArray &bytes, QString *errorMessage)
{
    if (m_device->write(bytes) == bytes.size())
        return true;
    if (errorMessage)
        *errorMessage = QStringLiteral("The export could not be written: %1").arg(m_device->errorString());
    return false;
}

bool ExchangeExportWriter::begin(QString *errorMessage)
{
    if (!m_device || !m_device->isWritable()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The export target is not open for writing.");
        return false;
    }
    // The notice as a JSON string, quotes and all.
    const QByteArray notice = m_redactor
        ? QJsonDocument(QJsonArray {ExchangeRedactor::notice()}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
        : QByteArray();
    QByteArray opening;
    if (m_format == ExportFormat::Har) {
        const QByteArray creator = QJsonDocument(harCreator()).toJson(QJsonDocument::Compact);
        opening = QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":") + creator +
            (m_redactor ? QByteArrayLiteral(",\"comment\":") + notice : QByteArray()) +
            QByteArrayLiteral(",\"entries\":[\n");
    } else {
        opening = QByteArrayLiteral("{\"format\":\"dockside-history\",\"version\":1,") +
            (m_redactor ? QByteArrayLiteral("\"redacted\":true,\"redaction\":") + notice + ',' : QByteArray()) +
            QByteArrayLiteral("\"exchanges\":[\n");
    }
    return writeAll(opening, errorMessage);
}

bool ExchangeExportWriter::write(ExchangeRecord record, QString *errorMessage)
{
    if (m_redactor)
        record = m_redactor->redact(record);
    const QJsonObject object = m_format == ExportFormat::Har ? exchangeToHarEntry(record) : exchangeToJson(record);
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (m_exported > 0)
        line.prepend(",\n");
    if (!writeAll(line, errorMessage))
        return false;
    ++m_exported;
    if (m_progress && !m_progress(m_exported)) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The export was cancelled after %1 exchange(s).").arg(m_exported);
        return false;
    }
    return true;
}

bool ExchangeExportWriter::end(QString *errorMessage)
{
    return writeAll(m_format == ExportFormat::Har ? QByteArrayLiteral("\n]}}\n") : QByteArrayLiteral("\n]}\n"),
                    errorMessage);
}

} // namespace dockside::history
