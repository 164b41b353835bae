// SPDX-License-Identifier: GPL-3.0-or-later

#include "phonenumber.h"

#include <algorithm>

namespace dockside::contacts {

namespace {
bool isSeparator(QChar character)
{
    return character.isSpace() || character == QLatin1Char('-') || character == QLatin1Char('(') ||
        character == QLatin1Char(')');
}
} // namespace

QString normalizePhoneNumber(QStringView number)
{
    QString result;
    result.reserve(number.size());
    for (const QChar character : number) {
        if (isSeparator(character))
            continue;
        result.append(character);
    }
    return result;
}

QString normalizePhoneNumber(const QString &number)
{
    if (std::none_of(number.cbegin(), number.cend(), isSeparator))
        return number;
    return normalizePhoneNumber(QStringView(number));
}

bool isE164(QStringView number)
{
    if (number.size() < 3 || number.size() > 16 || number.front() != QLatin1Char('+'))
        return false;
    if (number.at(1) == QLatin1Char('0'))
        return false;
    for (qsizetype i = 1; i < number.size(); ++i) {
        if (number.at(i) < QLatin1Char('0') || number.at(i) > QLatin1Char('9'))
            return false;
    }
    return true;
}

} // namespace dockside::contacts
