// SPDX-License-Identifier: GPL-3.0-or-later

#include "csvreader.h"

namespace dockside::contacts {

namespace {

class CsvParser {
public:
    explicit CsvParser(QStringView text)
        : m_text(text)
    {
        if (m_text.startsWith(QChar(0xFEFF)))
            m_position = 1;
    }

    QList<CsvRecord> parse()
    {
        QList<CsvRecord> records;
        while (m_position < m_text.size()) {
            if (isLineBreak(m_text.at(m_position))) {
                consumeLineBreak();
                continue;
            }
            records.append(readRecord());
        }
        return records;
    }

private:
    static bool isLineBreak(QChar character)
    {
        return character == QLatin1Char('\n') || character == QLatin1Char('\r');
    }

    void consumeLineBreak()
    {
        if (m_text.at(m_position) == QLatin1Char('\r') && m_position + 1 < m_text.size() &&
            m_text.at(m_position + 1) == QLatin1Char('\n'))
            ++m_position;
        ++m_position;
        ++m_line;
    }

    CsvRecord readRecord()
    {
        CsvRecord record;
        record.line = m_line;
        while (true) {
            record.fields.append(readField(record));
            if (m_position >= m_text.size())
                return record;
            const QChar next = m_text.at(m_position);
            if (next == QLatin1Char(',')) {
                ++m_position;
                continue;
            }
            consumeLineBreak(); // readField stops only at a comma, a line break or the end
            return record;
        }
    }

    QString readField(CsvRecord &record)
    {
        QString field;
        if (m_position < m_text.size() && m_text.at(m_position) == QLatin1Char('"')) {
            const int openingLine = m_line;
            ++m_position;
            while (true) {
                if (m_position >= m_text.size()) {
                    setError(record,
                             QStringLiteral("A quoted field opened on line %1 is never closed.").arg(openingLine));
                    return field;
                }
                const QChar character = m_text.at(m_position);
                if (character == QLatin1Char('"')) {
                    if (m_position + 1 < m_text.size() && m_text.at(m_position + 1) == QLatin1Char('"')) {
                        field.append(character);
                        m_position += 2;
                        continue;
                    }
                    ++m_position;
                    break;
                }
                if (character == QLatin1Char('\n') ||
                    (character == QLatin1Char('\r') &&
                     !(m_position + 1 < m_text.size() && m_text.at(m_position + 1) == QLatin1Char('\n'))))
                    ++m_line;
                field.append(character);
                ++m_position;
            }
            if (m_position < m_text.size() && m_text.at(m_position) != QLatin1Char(',') &&
                !isLineBreak(m_text.at(m_position))) {
                setError(record,
                         QStringLiteral("Text after a closing quote; write a quote inside a quoted field as "
                                        "\"\"."));
                while (m_position < m_text.size() && m_text.at(m_position) != QLatin1Char(',') &&
                       !isLineBreak(m_text.at(m_position)))
                    field.append(m_text.at(m_position++));
            }
            return field;
        }
        while (m_position < m_text.size()) {
            const QChar character = m_text.at(m_position);
            if (character == QLatin1Char(',') || isLineBreak(character))
                break;
            if (character == QLatin1Char('"'))
                setError(record,
                         QStringLiteral("A quote inside an unquoted field; quote the whole field and write "
                                        "the quote as \"\"."));
            field.append(character);
            ++m_position;
        }
        return field;
    }

    static void setError(CsvRecord &record, const QString &message)
    {
        if (record.error.isEmpty())
            record.error = message;
    }

    QStringView m_text;
    qsizetype m_position = 0;
    int m_line = 1;
};

} // namespace

QList<CsvRecord> readCsv(QStringView text)
{
    return CsvParser(text).parse();
}

} // namespace dockside::contacts
