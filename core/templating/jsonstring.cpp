// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonstring.h"

#include <QChar>

namespace dockside::templating {

void appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    // Six bytes per UTF-16 unit is the most any unit takes (\u00xx, or an unpaired surrogate's \uxxxx).
    const qsizetype start = out.size();
    out.resize(start + 2 + 6 * text.size());
    char *cursor = out.data() + start;
    *cursor++ = '"';
    const char16_t *it = text.utf16();
    const char16_t *const end = it + text.size();
    while (it != end) {
        const char16_t unit = *it++;
        if (unit < 0x80) {
            if (unit >= 0x20 && unit != u'"' && unit != u'\\') {
                *cursor++ = char(unit);
                continue;
            }
            *cursor++ = '\\';
            switch (unit) {
            case u'"':
                *cursor++ = '"';
                break;
            case u'\\':
                *cursor++ = '\\';
                break;
            case u'\b':
                *cursor++ = 'b';
                break;
            case u'\f':
                *cursor++ = 'f';
                break;
            case u'\n':
                *cursor++ = 'n';
                break;
            case u'\r':
                *cursor++ = 'r';
                break;
            case u'\t':
                *cursor++ = 't';
                break;
            default:
                *cursor++ = 'u';
                *cursor++ = '0';
                *cursor++ = '0';
                *cursor++ = kHex[unit >> 4];
                *cursor++ = kHex[unit & 0xf];
            }
        } else if (unit < 0x800) {
            *cursor++ = char(0xc0 | (unit >> 6));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (!QChar::isSurrogate(unit)) {
            *cursor++ = char(0xe0 | (unit >> 12));
            *cursor++ = char(0x80 | ((unit >> 6) & 0x3f));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (QChar::isHighSurrogate(unit) && it != end && QChar::isLowSurrogate(*it)) {
            const char32_t point = QChar::surrogateToUcs4(unit, *it++);
            *cursor++ = char(0xf0 | (point >> 18));
            *cursor++ = char(0x80 | ((point >> 12) & 0x3f));
            *cursor++ = char(0x80 | ((point >> 6) & 0x3f));
            *cursor++ = char(0x80 | (point & 0x3f));
        } else {
            *cursor++ = '\\';
            *cursor++ = 'u';
            *cursor++ = kHex[unit >> 12];
            *cursor++ = kHex[(unit >> 8) & 0xf];
            *cursor++ = kHex[(unit >> 4) & 0xf];
            *cursor++ = kHex[unit & 0xf];
        }
    }
    *cursor++ = '"';
    out.resize(cursor - out.constData());
}

} // namespace dockside::templating
