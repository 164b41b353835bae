// SPDX-License-Identifier: GPL-3.0-or-later

#include "parsing.h"

#include "keysuggestion.h"

namespace dockside::base::parsing {

void fail(QList<LoadError> &errors, const QString &path, const QString &message)
{
    errors.append({path, 0, 0, message});
}

void rejectUnknownKeys(const QJsonObject &object, const QString &path, const QStringList &known,
                       QList<LoadError> &errors)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            fail(errors, child(path, it.key()),
                 QStringLiteral("Unknown key \"%1\"; expected one of: %2.%3")
                     .arg(it.key(), known.join(QStringLiteral(", ")), didYouMean(it.key(), known)));
    }
}

namespace {

// [A-Za-z_][A-Za-z0-9_]*, by hand: the validator names a path for every key of every answer it reads.
bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        if (!letter && !(i > 0 && c >= u'0' && c <= u'9'))
            return false;
    }
    return true;
}

} // namespace

QString child(const QString &parent, const QString &key)
{
    if (isPlainKey(key))
        return parent + QLatin1Char('.') + key;
    QString escaped = key;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return parent + QLatin1String("[\"") + escaped + QLatin1String("\"]");
}

QString index(const QString &parent, qsizetype position)
{
    return parent + QLatin1Char('[') + QString::number(position) + QLatin1Char(']');
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("the number %1").arg(value.toDouble());
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40)
            text = text.left(37) + QLatin1String("...");
        return QStringLiteral("the string \"%1\"").arg(text);
    }
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        return QStringLiteral("nothing");
    }
    return {};
}

// Escaped as QJsonDocument writes a string, by hand: rules describe their decision with it on every request.
QString quoted(const QString &text)
{
    static constexpr char16_t hexDigits[] = u"0123456789abcdef";
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\b':
            out += QStringLiteral("\\b");
            break;
        case u'\f':
            out += QStringLiteral("\\f");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (u < 0x20) {
                out += QStringLiteral("\\u00");
                out += QChar(hexDigits[u >> 4]);
                out += QChar(hexDigits[u & 0xf]);
            } else {
                out += c;
            }
        }
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace dockside::base::parsing
