// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contactbook.h"

#include "base/loaderror.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace dockside::contacts {

// What an import read: every good row, and one problem per bad row. A CSV problem has the record's line
// and the column name as its path ("" for the whole row); a JSON problem has its JSON path ("$[3].vip").
struct ContactImport {
    ContactBook book;
    QList<base::LoadError> problems;
};

// A header row names the columns (number, name, customer_since, notes, language, vip; any letter case, with
// "_", "-" or spaces optional, so "Customer Since" works); only number is required.
ContactImport importContactsCsv(QByteArrayView utf8);
// An array of contact objects, as in the workspace.
ContactImport importContactsJson(QByteArrayView json);
// Chooses by suffix: .json is JSON, anything else CSV.
ContactImport importContactsFile(const QString &fileName);

} // namespace dockside::contacts
