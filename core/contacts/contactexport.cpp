// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactexport.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace dockside::contacts {

namespace {

QString csvField(const QString &text)
{
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')) || text.startsWith(QLatin1Char(' ')) ||
        text.endsWith(QLatin1Char(' '));
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QByteArray exportContactsCsv(const ContactBook &book)
{
    QString text = Contact::fieldNames().join(QLatin1Char(',')) + QLatin1String("\r\n");
    for (const Contact &contact : book.contacts()) {
        const QStringList fields {
            csvField(contact.number),        csvField(contact.name),
            csvField(contact.customerSince), csvField(contact.notes),
            csvField(contact.language),      contact.vip ? QStringLiteral("true") : QStringLiteral("false")};
        text += fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return text.toUtf8();
}

QByteArray exportContactsJson(const ContactBook &book)
{
    return QJsonDocument(book.toJson()).toJson(QJsonDocument::Indented);
}

QByteArray exportContacts(const ContactBook &book, const QString &fileName)
{
    if (QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return exportContactsJson(book);
    return exportContactsCsv(book);
}

} // namespace dockside::contacts
