// SPDX-License-Identifier: GPL-3.0-or-later

#include "contacts/contactexport.h"
#include "contacts/contactimport.h"

#include "qtprinters.h"

#include <gtest/gtest.h>

namespace {

using dockside::contacts::Contact;
using dockside::contacts::ContactBook;
using dockside::contacts::ContactImport;

ContactBook awkwardBook()
{
    ContactBook book;
    book.add({QStringLiteral("+31612345678"), QStringLiteral("Smith, John"), QStringLiteral("2021"),
              QStringLiteral("Says \"hi\"\nthen waits."), QStringLiteral("en"), true});
    book.add({QStringLiteral("+32470123456"), QStringLiteral("Amélie Dubois"), QString(), QStringLiteral(" padded "),
              QStringLiteral("fr"), false});
    book.add({QStringLiteral("+4915112345678"), QString(), QString(), QString(), QString(), false});
    return book;
}

TEST(ContactExport, CsvHasAHeaderRowAndQuotesOnlyWhatNeedsIt)
{
    const QByteArray csv = dockside::contacts::exportContactsCsv(awkwardBook());
    const QString text = QString::fromUtf8(csv);
    EXPECT_TRUE(text.startsWith(QStringLiteral("number,name,customer_since,notes,language,vip\r\n")))
        << csv.constData();
    EXPECT_TRUE(
        text.contains(QStringLiteral("+31612345678,\"Smith, John\",2021,\"Says \"\"hi\"\"\nthen waits.\",en,true\r\n")))
        << csv.constData();
    EXPECT_TRUE(text.contains(QStringLiteral("+4915112345678,,,,,false\r\n"))) << csv.constData();
}

TEST(ContactExport, CsvRoundTripsThroughTheImporter)
{
    const ContactBook book = awkwardBook();
    const ContactImport imported = dockside::contacts::importContactsCsv(dockside::contacts::exportContactsCsv(book));
    EXPECT_TRUE(imported.problems.isEmpty()) << imported.problems.value(0).message.toStdString();
    EXPECT_EQ(imported.book, book);
}

TEST(ContactExport, JsonRoundTripsThroughTheImporter)
{
    const ContactBook book = awkwardBook();
    const ContactImport imported = dockside::contacts::importContactsJson(dockside::contacts::exportContactsJson(book));
    EXPECT_TRUE(imported.problems.isEmpty()) << imported.problems.value(0).message.toStdString();
    EXPECT_EQ(imported.book, book);
}

TEST(ContactExport, ChoosesTheFormatBySuffix)
{
    const ContactBook book = awkwardBook();
    EXPECT_EQ(dockside::contacts::exportContacts(book, QStringLiteral("crm.JSON")),
              dockside::contacts::exportContactsJson(book));
    EXPECT_EQ(dockside::contacts::exportContacts(book, QStringLiteral("crm.csv")),
              dockside::contacts::exportContactsCsv(book));
}

TEST(ContactExport, AnEmptyBookIsJustTheHeader)
{
    EXPECT_EQ(dockside::contacts::exportContactsCsv(ContactBook()),
              QByteArrayLiteral("number,name,customer_since,notes,language,vip\r\n"));
    EXPECT_EQ(dockside::contacts::importContactsCsv(dockside::contacts::exportContactsCsv(ContactBook())).book,
              ContactBook());
}

} // namespace
