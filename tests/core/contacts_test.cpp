// SPDX-License-Identifier: GPL-3.0-or-later

#include "contacts/contactbook.h"
#include "contacts/contactimport.h"
#include "contacts/csvreader.h"
#include "contacts/phonenumber.h"
#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::base::LoadError;
using dockside::contacts::Contact;
using dockside::contacts::ContactBook;
using dockside::contacts::ContactImport;

QString dataFile(const char *name)
{
    return QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/contacts/") + QString::fromUtf8(name);
}

std::string describe(const QList<LoadError> &errors)
{
    std::string text;
    for (const LoadError &error : errors)
        text += QStringLiteral("line %1 [%2] %3\n").arg(error.line).arg(error.path, error.message).toStdString();
    return text;
}

const LoadError *problemOnLine(const ContactImport &import, int line)
{
    for (const LoadError &problem : import.problems) {
        if (problem.line == line)
            return &problem;
    }
    return nullptr;
}

TEST(ContactPhoneNumber, NormalisesSpacesDashesAndParentheses)
{
    EXPECT_EQ(dockside::contacts::normalizePhoneNumber(u"+31 (6) 1234-5678"), QStringLiteral("+31612345678"));
    EXPECT_EQ(dockside::contacts::normalizePhoneNumber(u"\t+31\u00a0612345678 "), QStringLiteral("+31612345678"));
    EXPECT_EQ(dockside::contacts::normalizePhoneNumber(u"+31.6"), QStringLiteral("+31.6"));
}

TEST(ContactPhoneNumber, AStringIsNormalisedAsItsViewIsAndSharedWhenNothingGoes)
{
    for (const QString &number :
         {QStringLiteral("+31 (6) 1234-5678"), QStringLiteral("\t+31\u00a0612345678 "), QStringLiteral("+31.6"),
          QStringLiteral("+31612345678"), QStringLiteral("-"), QString(), QStringLiteral("")}) {
        EXPECT_EQ(dockside::contacts::normalizePhoneNumber(number),
                  dockside::contacts::normalizePhoneNumber(QStringView(number)))
            << number.toStdString();
    }
    const QString platformNumber = QStringLiteral("+31612345678");
    EXPECT_EQ(dockside::contacts::normalizePhoneNumber(platformNumber).constData(), platformNumber.constData());
}

TEST(ContactPhoneNumber, AcceptsOnlyE164)
{
    EXPECT_TRUE(dockside::contacts::isE164(u"+31612345678"));
    EXPECT_TRUE(dockside::contacts::isE164(u"+123456789012345"));
    EXPECT_FALSE(dockside::contacts::isE164(u"+1234567890123456")); // 16 digits
    EXPECT_FALSE(dockside::contacts::isE164(u"0612345678"));
    EXPECT_FALSE(dockside::contacts::isE164(u"+0612345678"));
    EXPECT_FALSE(dockside::contacts::isE164(u"+31 6"));
    EXPECT_FALSE(dockside::contacts::isE164(u"+"));
    EXPECT_FALSE(dockside::contacts::isE164(u""));
}

TEST(ContactBook, FindsByNormalisedNumberExactly)
{
    ContactBook book;
    ASSERT_TRUE(book.add({QStringLiteral("+31 6 1234 5678"), QStringLiteral("John Smith"), {}, {}, {}, true}));
    ASSERT_EQ(book.size(), 1);
    EXPECT_EQ(book.contacts().first().number, QStringLiteral("+31612345678"));

    const std::optional<Contact> found = book.find(u"+31 (6) 1234-5678");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, QStringLiteral("John Smith"));
    EXPECT_TRUE(found->vip);
    EXPECT_FALSE(book.find(u"+3161234567")); // a prefix is not a match
    EXPECT_FALSE(book.find(u"+316123456789"));
    EXPECT_FALSE(book.find(u""));

    // What the rules look up with a number they normalised already.
    EXPECT_EQ(book.findNormalized(QStringLiteral("+31612345678"))->name, QStringLiteral("John Smith"));
    EXPECT_FALSE(book.findNormalized(QStringLiteral("+3161234567")));
    EXPECT_FALSE(book.findNormalized(QString()));
}

TEST(ContactBook, RefusesASecondEntryForTheSameNumber)
{
    ContactBook book;
    EXPECT_TRUE(book.add({QStringLiteral("+31612345678"), QStringLiteral("First"), {}, {}, {}, false}));
    EXPECT_FALSE(book.add({QStringLiteral("+31-6-12345678"), QStringLiteral("Second"), {}, {}, {}, false}));
    EXPECT_EQ(book.size(), 1);
    EXPECT_EQ(book.find(u"+31612345678")->name, QStringLiteral("First"));
}

TEST(ContactBook, JsonRoundTrip)
{
    QList<LoadError> errors;
    const ContactImport import = dockside::contacts::importContactsFile(dataFile("six-contacts.json"));
    ASSERT_TRUE(import.problems.isEmpty()) << describe(import.problems);
    ASSERT_EQ(import.book.size(), 6);
    const ContactBook again = ContactBook::fromJson(import.book.toJson(), QStringLiteral("$.contacts"), errors);
    EXPECT_TRUE(errors.isEmpty()) << describe(errors);
    EXPECT_EQ(again, import.book);
}

TEST(ContactBook, FromJsonReportsEachBadEntryByPathAndKeepsTheGoodOnes)
{
    const QByteArray json = R"([
        {"number": "+31612345678", "name": "Good"},
        {"number": "0612345678", "name": "Not E.164"},
        {"number": "+31687654321", "vip": "perhaps"},
        {"number": "+31 6 1234 5678", "name": "Same number as the first"},
        "not an object",
        {"number": "+4915112345678", "langauge": "de"},
        {"number": "+32470123456", "customer_since": 2020, "vip": "yes"}
    ])";
    QList<LoadError> errors;
    const ContactBook book =
        ContactBook::fromJson(QJsonDocument::fromJson(json).array(), QStringLiteral("$.contacts"), errors);

    ASSERT_EQ(book.size(), 2);
    EXPECT_EQ(book.contacts().at(0).name, QStringLiteral("Good"));
    EXPECT_EQ(book.contacts().at(1).customerSince, QStringLiteral("2020"));
    EXPECT_TRUE(book.contacts().at(1).vip);

    QStringList paths;
    for (const LoadError &error : errors)
        paths.append(error.path);
    EXPECT_EQ(paths,
              (QStringList {QStringLiteral("$.contacts[1].number"), QStringLiteral("$.contacts[2].vip"),
                            QStringLiteral("$.contacts[3].number"), QStringLiteral("$.contacts[4]"),
                            QStringLiteral("$.contacts[5].langauge")}))
        << describe(errors);
    EXPECT_TRUE(errors.at(0).message.contains(QStringLiteral("E.164"))) << errors.at(0).message.toStdString();
    EXPECT_TRUE(errors.at(2).message.contains(QStringLiteral("$.contacts[0]"))) << errors.at(2).message.toStdString();
    EXPECT_TRUE(errors.at(4).message.contains(QStringLiteral("language"))) << errors.at(4).message.toStdString();
}

TEST(ContactCsv, ReadsQuotedFieldsWithCommasQuotesAndNewlines)
{
    const QList<dockside::contacts::CsvRecord> records =
        dockside::contacts::readCsv(u"a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,last\n\n\"x\"");
    ASSERT_EQ(records.size(), 3);
    EXPECT_EQ(records.at(0).fields,
              (QStringList {QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("say \"hi\"")}));
    EXPECT_EQ(records.at(0).line, 1);
    EXPECT_EQ(records.at(1).fields, (QStringList {QStringLiteral("multi\nline"), QString(), QStringLiteral("last")}));
    EXPECT_EQ(records.at(1).line, 2);
    EXPECT_EQ(records.at(2).fields, QStringList {QStringLiteral("x")});
    EXPECT_EQ(records.at(2).line, 5); // the record on line 2 spans two lines, then one empty line
    for (const auto &record : records)
        EXPECT_TRUE(record.error.isEmpty()) << record.error.toStdString();
}

TEST(ContactCsv, FlagsMalformedQuoting)
{
    const auto records = dockside::contacts::readCsv(u"\"closed\"junk,b\nab\"c,d\n\"never closed,e\nf,g");
    ASSERT_EQ(records.size(), 3);
    EXPECT_TRUE(records.at(0).error.contains(QStringLiteral("after a closing quote")))
        << records.at(0).error.toStdString();
    EXPECT_TRUE(records.at(1).error.contains(QStringLiteral("unquoted field"))) << records.at(1).error.toStdString();
    EXPECT_EQ(records.at(2).line, 3);
    EXPECT_TRUE(records.at(2).error.contains(QStringLiteral("line 3"))) << records.at(2).error.toStdString();
}

TEST(ContactCsv, ImportsTheSixContactsFileWithBomCrlfAndAnyHeaderCase)
{
    const ContactImport import = dockside::contacts::importContactsFile(dataFile("six-contacts.csv"));
    ASSERT_TRUE(import.problems.isEmpty()) << describe(import.problems);
    ASSERT_EQ(import.book.size(), 6);

    const Contact john = import.book.contacts().at(0);
    EXPECT_EQ(john.number, QStringLiteral("+31612345678"));
    EXPECT_EQ(john.name, QStringLiteral("John Smith"));
    EXPECT_EQ(john.customerSince, QStringLiteral("2021"));
    EXPECT_EQ(john.language, QStringLiteral("en"));
    EXPECT_TRUE(john.vip);

    const Contact sanne = *import.book.find(u"+31687654321");
    EXPECT_EQ(sanne.notes, QStringLiteral("Asked about invoice 2024-117, twice"));
    EXPECT_FALSE(sanne.vip);

    const Contact amelie = *import.book.find(u"+32470123456");
    EXPECT_EQ(amelie.name, QStringLiteral("Amélie \"Lili\" Dubois"));
    EXPECT_EQ(amelie.notes, QStringLiteral("Line one\r\nline two"));
    EXPECT_TRUE(amelie.vip);

    EXPECT_FALSE(import.book.find(u"+441632960123")->vip); // an empty vip field is "no"
    EXPECT_TRUE(import.book.find(u"+441632960123")->notes.isEmpty());
}

TEST(ContactCsv, ReportsEveryBadRowByLineAndImportsTheRest)
{
    const ContactImport import = dockside::contacts::importContactsFile(dataFile("bad-rows.csv"));
    ASSERT_EQ(import.book.size(), 1) << describe(import.problems);
    EXPECT_EQ(import.book.contacts().first().name, QStringLiteral("Good One"));
    ASSERT_EQ(import.problems.size(), 4) << describe(import.problems);

    const LoadError *localFormat = problemOnLine(import, 3);
    ASSERT_TRUE(localFormat);
    EXPECT_EQ(localFormat->path, QStringLiteral("number"));
    EXPECT_TRUE(localFormat->message.contains(QStringLiteral("\"0612345678\""))) << localFormat->message.toStdString();

    const LoadError *badVip = problemOnLine(import, 4);
    ASSERT_TRUE(badVip);
    EXPECT_EQ(badVip->path, QStringLiteral("vip"));
    EXPECT_TRUE(badVip->message.contains(QStringLiteral("\"maybe\""))) << badVip->message.toStdString();

    const LoadError *duplicate = problemOnLine(import, 5);
    ASSERT_TRUE(duplicate);
    EXPECT_TRUE(duplicate->message.contains(QStringLiteral("already on line 2"))) << duplicate->message.toStdString();

    const LoadError *unclosed = problemOnLine(import, 6);
    ASSERT_TRUE(unclosed);
    EXPECT_TRUE(unclosed->message.contains(QStringLiteral("never closed"))) << unclosed->message.toStdString();
}

TEST(ContactCsv, VipAcceptsTheDocumentedSpellings)
{
    const ContactImport import = dockside::contacts::importContactsCsv(
        "number,vip\n+31600000001,true\n+31600000002,Yes\n+31600000003,1\n+31600000004,FALSE\n+31600000005,no\n"
        "+31600000006,0\n+31600000007, yes \n+31600000008,y\n");
    ASSERT_EQ(import.book.size(), 7) << describe(import.problems);
    const QList<bool> expected {true, true, true, false, false, false, true};
    for (qsizetype i = 0; i < expected.size(); ++i)
        EXPECT_EQ(import.book.contacts().at(i).vip, expected.at(i)) << "row " << i + 2;
    ASSERT_EQ(import.problems.size(), 1);
    EXPECT_EQ(import.problems.first().line, 9);
}

TEST(ContactCsv, HeaderProblems)
{
    const ContactImport noNumber = dockside::contacts::importContactsCsv("name,vip\nJohn,yes\n");
    EXPECT_TRUE(noNumber.book.isEmpty());
    ASSERT_EQ(noNumber.problems.size(), 1);
    EXPECT_EQ(noNumber.problems.first().line, 1);
    EXPECT_TRUE(noNumber.problems.first().message.contains(QStringLiteral("\"number\" column")));

    const ContactImport unknown = dockside::contacts::importContactsCsv("number,nickname\n+31612345678,Johnny\n");
    EXPECT_EQ(unknown.book.size(), 1);
    ASSERT_EQ(unknown.problems.size(), 1);
    EXPECT_EQ(unknown.problems.first().path, QStringLiteral("nickname"));

    const ContactImport empty = dockside::contacts::importContactsCsv("\xef\xbb\xbf");
    EXPECT_TRUE(empty.book.isEmpty());
    ASSERT_EQ(empty.problems.size(), 1);
    EXPECT_TRUE(empty.problems.first().message.contains(QStringLiteral("empty")));
}

TEST(ContactCsv, WrongFieldCountAndInvalidUtf8)
{
    const ContactImport import = dockside::contacts::importContactsCsv("number,name\n+31612345678\n+31687654321,Ok\n");
    EXPECT_EQ(import.book.size(), 1);
    ASSERT_EQ(import.problems.size(), 1);
    EXPECT_EQ(import.problems.first().line, 2);
    EXPECT_TRUE(import.problems.first().message.contains(QStringLiteral("Expected 2 fields")));

    const ContactImport latin1 = dockside::contacts::importContactsCsv("number,name\n+31612345678,Am\xe9lie\n");
    EXPECT_TRUE(latin1.book.isEmpty());
    ASSERT_EQ(latin1.problems.size(), 1);
    EXPECT_TRUE(latin1.problems.first().message.contains(QStringLiteral("UTF-8")));
}

TEST(ContactJsonImport, RejectsNonArraysAndBrokenJson)
{
    EXPECT_EQ(dockside::contacts::importContactsJson("{\"number\": \"+31612345678\"}").problems.size(), 1);
    const ContactImport broken = dockside::contacts::importContactsJson("[{\"number\": ");
    ASSERT_EQ(broken.problems.size(), 1);
    EXPECT_EQ(broken.problems.first().path, QStringLiteral("$"));
    const ContactImport paths = dockside::contacts::importContactsJson("[{\"number\": \"+31612345678\"}, {}]");
    EXPECT_EQ(paths.book.size(), 1);
    ASSERT_EQ(paths.problems.size(), 1);
    EXPECT_EQ(paths.problems.first().path, QStringLiteral("$[1].number"));
}

TEST(ContactImportFile, ReportsAnUnreadableFile)
{
    const ContactImport import = dockside::contacts::importContactsFile(dataFile("does-not-exist.csv"));
    EXPECT_TRUE(import.book.isEmpty());
    ASSERT_EQ(import.problems.size(), 1);
    EXPECT_TRUE(import.problems.first().message.contains(QStringLiteral("does-not-exist.csv")));
}

} // namespace
