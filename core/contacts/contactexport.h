// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contactbook.h"

#include <QByteArray>
#include <QString>

namespace dockside::contacts {

// CSV that importContactsCsv reads back unchanged: a header row number,name,customer_since,notes,language,vip,
// then one RFC 4180 record per contact (CRLF line ends, fields quoted when they hold a comma, quote or line break).
QByteArray exportContactsCsv(const ContactBook &book);
// The JSON array of contact objects that importContactsJson and the workspace's "contacts" read.
QByteArray exportContactsJson(const ContactBook &book);
// Chooses by suffix like importContactsFile: .json is JSON, anything else CSV.
QByteArray exportContacts(const ContactBook &book, const QString &fileName);

} // namespace dockside::contacts
