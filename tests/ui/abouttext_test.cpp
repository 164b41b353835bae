// SPDX-License-Identifier: GPL-3.0-or-later

#include "mainwindow/abouttext.h"

#include "history/historylibraries.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextDocument>

#include <gtest/gtest.h>

using dockside::ui::aboutText;
using dockside::ui::LibraryVersion;
using dockside::ui::libraryVersions;

namespace {

// What the About box shows, as plain text: the checks read it as a user would.
QString shownText(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

} // namespace

TEST(AboutText, NamesTheVersionLicenceWarrantyAndWhereTheLicenceTextIs)
{
    const QString text = shownText(aboutText(QStringLiteral("9.8.7"), libraryVersions()));
    EXPECT_TRUE(text.contains(QLatin1String("Dockside 9.8.7"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("GPL-3.0-or-later"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("GNU General Public License version 3 or (at your option) any later")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("NO WARRANTY"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("LICENSE"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("/usr/share/common-licenses/GPL-3"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("https://github.com/dockside-app/dockside"))) << text.toStdString();
}

TEST(AboutText, ListsEveryLibraryWithItsVersion)
{
    const QList<LibraryVersion> libraries = libraryVersions();
    QStringList names;
    for (const LibraryVersion &library : libraries) {
        names << library.name;
        EXPECT_FALSE(library.version.isEmpty()) << library.name.toStdString();
        // Each is a dotted version number, not a placeholder from a missing build definition.
        EXPECT_TRUE(library.version.front().isDigit())
            << library.name.toStdString() << ": " << library.version.toStdString();
    }
    EXPECT_EQ(names,
              QStringList({QStringLiteral("Qt"), QStringLiteral("QScintilla"), QStringLiteral("QtKeychain"),
                           QStringLiteral("SQLite"), QStringLiteral("zlib"), QStringLiteral("http_parser")}));

    const QString text = shownText(aboutText(QStringLiteral("1.0"), libraries));
    for (const LibraryVersion &library : libraries)
        EXPECT_TRUE(text.contains(library.name + QLatin1Char(' ') + library.version)) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("Qt ") + QString::fromLatin1(qVersion()))) << text.toStdString();
}

TEST(AboutText, SqliteVersionIsTheLibraryQtsDriverRunsOn)
{
    // The history binds through the handle of Qt's driver, so both must report the same loaded library.
    const QString connection = QStringLiteral("about-text-test");
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(QStringLiteral(":memory:"));
        ASSERT_TRUE(database.open());
        QSqlQuery query(database);
        ASSERT_TRUE(query.exec(QStringLiteral("SELECT sqlite_version()")));
        ASSERT_TRUE(query.next());
        EXPECT_EQ(query.value(0).toString().toStdString(), dockside::history::sqliteLibraryVersion().toStdString());
    }
    QSqlDatabase::removeDatabase(connection);
}

TEST(AboutText, EscapesWhatItIsGiven)
{
    const QString html = aboutText(QStringLiteral("<b>1</b>"), {{QStringLiteral("A&B"), QStringLiteral("<2>")}});
    EXPECT_FALSE(html.contains(QLatin1String("<b>1</b>")));
    const QString text = shownText(html);
    EXPECT_TRUE(text.contains(QLatin1String("Dockside <b>1</b>"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("A&B <2>"))) << text.toStdString();
}
