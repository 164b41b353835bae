// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/parsing.h"
#include "qtprinters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

// What quoted() promises: the string exactly as Qt's JSON writer puts it in a document.
QString asQtWritesIt(const QString &text)
{
    const QByteArray json = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace

TEST(Parsing, QuotedEscapesEveryCharacterAsQtsJsonWriterDoes)
{
    QString everyAscii;
    for (char16_t u = 1; u < 0x80; ++u)
        everyAscii += QChar(u);
    for (const QString &text : {QString(), everyAscii, QStringLiteral("+31 6 1234 5678"),
                                QStringLiteral("quote \" and backslash \\ and tab\t"),
                                QStringLiteral(u"Grüße, 東京, emoji 🙂, nbsp\u00a0"), QString(QChar(u'\0'))}) {
        EXPECT_EQ(base::parsing::quoted(text), asQtWritesIt(text)) << text.toStdString();
    }
}

TEST(Parsing, APathNamesAPlainKeyAfterADotAndAnyOtherInBrackets)
{
    const QString root = QStringLiteral("$");
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("first_message")), QStringLiteral("$.first_message"));
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("_x9")), QStringLiteral("$._x9"));
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("9x")), QStringLiteral("$[\"9x\"]"));
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("")), QStringLiteral("$[\"\"]"));
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("caf\u00e9")), QStringLiteral("$[\"caf\u00e9\"]"));
    EXPECT_EQ(base::parsing::child(root, QStringLiteral("a-b")), QStringLiteral("$[\"a-b\"]"));
}
