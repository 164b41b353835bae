// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactimport.h"

#include "csvreader.h"
#include "phonenumber.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace dockside::contacts {

namespace {

enum class Column { Number, Name, CustomerSince, Notes, Language, Vip };

QString columnKey(const QString &header)
{
    QString key = header.trimmed().toLower();
    key.remove(QLatin1Char('_')).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    return key;
}

std::optional<Column> columnFor(const QString &header)
{
    static const QHash<QString, Column> columns {
        {QStringLiteral("number"), Column::Number},
        {QStringLiteral("name"), Column::Name},
        {QStringLiteral("customersince"), Column::CustomerSince},
        {QStringLiteral("notes"), Column::Notes},
        {QStringLiteral("language"), Column::Language},
        {QStringLiteral("vip"), Column::Vip},
    };
    const auto it = columns.constFind(columnKey(header));
    if (it == columns.constEnd())
        return std::nullopt;
    return it.value();
}

base::LoadError problem(int line, const QString &column, const QString &message)
{
    return {column, line, 0, message};
}

} // namespace

ContactImport importContactsCsv(QByteArrayView utf8)
{
    ContactImport result;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(utf8);
    if (decoder.hasError()) {
        result.problems.append(problem(0, QString(),
                                       QStringLiteral("The file is not UTF-8 text; save it as "
                                                      "\"CSV UTF-8\" and import it again.")));
        return result;
    }
    const QList<CsvRecord> records = readCsv(text);
    if (records.isEmpty()) {
        result.problems.append(problem(1, QString(),
                                       QStringLiteral("The file is empty; expected a header row "
                                                      "such as number,name,customer_since,notes,"
                                                      "language,vip.")));
        return result;
    }

    const CsvRecord &header = records.first();
    QList<std::optional<Column>> columns;
    QHash<Column, QString> headerOf;
    for (const QString &name : header.fields) {
        std::optional<Column> column = columnFor(name);
        if (!column) {
            result.problems.append(problem(header.line, name,
                                           QStringLiteral("Unknown column \"%1\" is ignored; known columns are "
                                                          "number, name, customer_since, notes, language, vip.")
                                               .arg(name)));
        } else if (headerOf.contains(*column)) {
            result.problems.append(problem(header.line, name,
                                           QStringLiteral("Column \"%1\" repeats \"%2\"; only the first is read.")
                                               .arg(name, headerOf.value(*column))));
            column.reset();
        } else {
            headerOf.insert(*column, name);
        }
        columns.append(column);
    }
    if (!headerOf.contains(Column::Number)) {
        result.problems.append(problem(header.line, QString(),
                                       QStringLiteral("The header row has no \"number\" column; the first row "
                                                      "must name the columns (number,name,customer_since,...).")));
        return result;
    }

    QHash<QString, int> firstLineByNumber;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &record = records.at(r);
        if (!record.error.isEmpty()) {
            result.problems.append(problem(record.line, QString(), record.error));
            continue;
        }
        if (record.fields.size() != header.fields.size()) {
            result.problems.append(problem(record.line, QString(),
                                           QStringLiteral("Expected %1 fields like the header row; got %2.")
                                               .arg(header.fields.size())
                                               .arg(record.fields.size())));
            continue;
        }
        Contact contact;
        bool valid = true;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            if (!columns.at(c))
                continue;
            const QString &value = record.fields.at(c);
            const QString &columnName = header.fields.at(c);
            switch (*columns.at(c)) {
            case Column::Number:
                contact.number = normalizePhoneNumber(value);
                if (!isE164(contact.number)) {
                    result.problems.append(problem(
                        record.line, columnName,
                        QStringLiteral("Expected an E.164 phone number such as +31612345678; got \"%1\".").arg(value)));
                    valid = false;
                }
                break;
            case Column::Name:
                contact.name = value;
                break;
            case Column::CustomerSince:
                contact.customerSince = value;
                break;
            case Column::Notes:
                contact.notes = value;
                break;
            case Column::Language:
                contact.language = value.trimmed();
                break;
            case Column::Vip:
                if (value.trimmed().isEmpty())
                    break;
                if (const std::optional<bool> vip = parseVip(value)) {
                    contact.vip = *vip;
                } else {
                    result.problems.append(
                        problem(record.line, columnName,
                                QStringLiteral("Expected true/false, yes/no or 1/0; got \"%1\".").arg(value)));
                    valid = false;
                }
                break;
            }
        }
        if (!valid)
            continue;
        if (!result.book.add(contact)) {
            result.problems.append(problem(record.line, headerOf.value(Column::Number),
                                           QStringLiteral("The number %1 is already on line %2; this row is left "
                                                          "out.")
                                               .arg(contact.number)
                                               .arg(firstLineByNumber.value(contact.number))));
            continue;
        }
        firstLineByNumber.insert(contact.number, record.line);
    }
    return result;
}

ContactImport importContactsJson(QByteArrayView json)
{
    ContactImport result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.problems.append(
            {QStringLiteral("$"), 0, 0,
             QStringLiteral("Not valid JSON at offset %1: %2.").arg(parseError.offset).arg(parseError.errorString())});
        return result;
    }
    if (!document.isArray()) {
        result.problems.append(
            {QStringLiteral("$"), 0, 0, QStringLiteral("Expected an array of contact objects at the top level.")});
        return result;
    }
    result.book = ContactBook::fromJson(document.array(), QStringLiteral("$"), result.problems);
    return result;
}

ContactImport importContactsFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        ContactImport result;
        result.problems.append(
            {QString(), 0, 0, QStringLiteral("Cannot read %1: %2.").arg(fileName, file.errorString())});
        return result;
    }
    const QByteArray data = file.readAll();
    if (QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return importContactsJson(data);
    return importContactsCsv(data);
}

} // namespace dockside::contacts
