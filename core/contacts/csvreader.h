// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace dockside::contacts {

struct CsvRecord {
    int line = 0; // 1-based line on which the record starts
    QStringList fields;
    QString error; // set when the record is malformed; fields then hold what could be read
};

// RFC 4180 records: comma-separated, fields in double quotes may hold commas, newlines and "" for a quote.
// CRLF, LF and lone CR all end a record; empty lines are skipped; a leading U+FEFF (BOM) is dropped.
QList<CsvRecord> readCsv(QStringView text);

} // namespace dockside::contacts
