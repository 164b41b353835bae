// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangeredactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace dockside::history {

namespace {

const QString kMaskDot = QStringLiteral("\u2022");

// Country calling codes of one and two digits (ITU E.164); every other code has three.
int countryCodeLength(QStringView digits)
{
    if (digits.startsWith(u'1') || digits.startsWith(u'7'))
        return 1;
    static const QSet<QString> twoDigit {
        QStringLiteral("20"), QStringLiteral("27"), QStringLiteral("30"), QStringLiteral("31"), QStringLiteral("32"),
        QStringLiteral("33"), QStringLiteral("34"), QStringLiteral("36"), QStringLiteral("39"), QStringLiteral("40"),
        QStringLiteral("41"), QStringLiteral("43"), QStringLiteral("44"), QStringLiteral("45"), QStringLiteral("46"),
        QStringLiteral("47"), QStringLiteral("48"), QStringLiteral("49"), QStringLiteral("51"), QStringLiteral("52"),
        QStringLiteral("53"), QStringLiteral("54"), QStringLiteral("55"), QStringLiteral("56"), QStringLiteral("57"),
        QStringLiteral("58"), QStringLiteral("60"), QStringLiteral("61"), QStringLiteral("62"), QStringLiteral("63"),
        QStringLiteral("64"), QStringLiteral("65"), QStringLiteral("66"), QStringLiteral("81"), QStringLiteral("82"),
        QStringLiteral("84"), QStringLiteral("86"), QStringLiteral("90"), QStringLiteral("91"), QStringLiteral("92"),
        QStringLiteral("93"), QStringLiteral("94"), QStringLiteral("95"), QStringLiteral("98")};
    return twoDigit.contains(digits.left(2).toString()) ? 2 : 3;
}

// A phone number inside any text: "+" and 7 to 15 digits, which may be grouped by spaces, dashes or dots.
const QRegularExpression &numberPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\+\\d(?:[ .\\-]?\\d){6,14}"));
    return pattern;
}

bool isNumberKey(QStringView key)
{
    return key.compare(u"number", Qt::CaseInsensitive) == 0 || key.compare(u"phoneNumber", Qt::CaseInsensitive) == 0 ||
        key.compare(u"callerNumber", Qt::CaseInsensitive) == 0 || key.compare(u"phone", Qt::CaseInsensitive) == 0 ||
        key.compare(u"twilioPhoneNumber", Qt::CaseInsensitive) == 0;
}

// Whole-text fields: what was said, and what was made of it.
bool isTranscriptKey(QStringView key)
{
    return key.compare(u"transcript", Qt::CaseInsensitive) == 0 || key.compare(u"summary", Qt::CaseInsensitive) == 0 ||
        key.compare(u"recording", Qt::CaseInsensitive) == 0 || key.compare(u"recordingUrl", Qt::CaseInsensitive) == 0 ||
        key.compare(u"stereoRecordingUrl", Qt::CaseInsensitive) == 0;
}

bool isNameKey(QStringView key)
{
    static const QStringList keys {QStringLiteral("customerName"), QStringLiteral("callerName"),
                                   QStringLiteral("contactName"),  QStringLiteral("firstName"),
                                   QStringLiteral("lastName"),     QStringLiteral("fullName")};
    return std::any_of(keys.cbegin(), keys.cend(),
                       [key](const QString &name) { return key.compare(name, Qt::CaseInsensitive) == 0; });
}

// Objects whose "name" is a person: the customer, a contact, the caller.
bool isPersonKey(QStringView key)
{
    return key.compare(u"customer", Qt::CaseInsensitive) == 0 || key.compare(u"contact", Qt::CaseInsensitive) == 0 ||
        key.compare(u"caller", Qt::CaseInsensitive) == 0;
}

// Inside a conversation ("messages" arrays): the words themselves.
bool isSpokenKey(QStringView key)
{
    return key == u"message" || key == u"content" || key == u"text" || key == u"originalMessage";
}

} // namespace

QString ExchangeRedactor::notice()
{
    return QStringLiteral("Redacted by Dockside: phone numbers keep only their country code and last two digits, "
                          "contact names are replaced by Contact 1, Contact 2..., transcripts, summaries and "
                          "recordings by their length, and signature and credential headers by [redacted].");
}

QString ExchangeRedactor::transcriptMask(qsizetype characters)
{
    return QStringLiteral("[redacted: %1 characters]")
        .arg(QLocale(QLocale::English, QLocale::UnitedStates).toString(characters));
}

bool ExchangeRedactor::isSecretHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower.contains("signature") || lower == "authorization" || lower == "proxy-authorization" ||
        lower == "cookie" || lower == "set-cookie" || lower.contains("secret") || lower.contains("api-key") ||
        lower.contains("token");
}

QString ExchangeRedactor::maskNumber(const QString &number)
{
    QString digits;
    for (const QChar c : number) {
        if (c.isDigit())
            digits += c;
    }
    if (digits.size() < 3)
        return number.isEmpty() ? number : QStringLiteral("[redacted]");
    const QString key = QChar(u'+') + digits;
    if (const auto known = m_numbers.constFind(key); known != m_numbers.cend())
        return *known;
    const bool international = number.trimmed().startsWith(QChar(u'+'));
    const int codeLength = international ? std::min<int>(countryCodeLength(digits), int(digits.size()) - 2) : 0;
    QString mask = international ? QChar(u'+') + digits.left(codeLength) + QChar(u' ') : QString();
    mask += kMaskDot.repeated(digits.size() - codeLength - 2) + digits.right(2);
    // Two numbers that differ only in the hidden digits are told apart, so a flow never merges two callers.
    if (m_numberMasks.contains(mask)) {
        int suffix = 2;
        while (m_numberMasks.contains(mask + QStringLiteral(" #%1").arg(suffix)))
            ++suffix;
        mask += QStringLiteral(" #%1").arg(suffix);
    }
    m_numberMasks.insert(mask);
    m_numbers.insert(key, mask);
    return mask;
}

QString ExchangeRedactor::pseudonym(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return name;
    if (const auto known = m_names.constFind(trimmed); known != m_names.cend())
        return *known;
    const QString alias = QStringLiteral("Contact %1").arg(++m_contacts);
    m_names.insert(trimmed, alias);
    // Greetings use the first name alone ("Hello Anna"): it gets the same alias.
    const QString firstName = trimmed.section(QChar(u' '), 0, 0);
    if (firstName != trimmed && firstName.size() >= 3 && !m_names.contains(firstName))
        m_names.insert(firstName, alias);
    return alias;
}

void ExchangeRedactor::addKnownNames(const QStringList &names)
{
    for (const QString &name : names)
        pseudonym(name);
}

QString ExchangeRedactor::redactText(const QString &text)
{
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator matches = numberPattern().globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += QStringView(text).mid(last, match.capturedStart() - last);
        result += maskNumber(match.captured());
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    // Longest names first, so "Anna de Vries" goes whole before "Anna" is looked for.
    QStringList names = m_names.keys();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &name : std::as_const(names)) {
        // Whole words only, so "Bo" leaves "Body" alone.
        if (name.size() >= 2 && result.contains(name, Qt::CaseInsensitive))
            result.replace(
                QRegularExpression(QStringLiteral("\\b") + QRegularExpression::escape(name) + QStringLiteral("\\b"),
                                   QRegularExpression::CaseInsensitiveOption),
                m_names.value(name));
    }
    return result;
}

void ExchangeRedactor::collectNames(const QJsonValue &value, QStringView key)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const bool person = isPersonKey(key);
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isString() && (isNameKey(it.key()) || (person && it.key() == u"name")))
                pseudonym(it.value().toString());
            else
                collectNames(it.value(), it.key());
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectNames(item, key);
    }
}

QJsonValue ExchangeRedactor::redactValue(const QJsonValue &value, QStringView key, bool inMessages)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const bool person = isPersonKey(key);
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString childKey = it.key();
            if (it.value().isString()) {
                const QString text = it.value().toString();
                if (isTranscriptKey(childKey) || (inMessages && isSpokenKey(childKey)))
                    it.value() = transcriptMask(text.size());
                else if (isNameKey(childKey) || (person && childKey == u"name"))
                    it.value() = pseudonym(text);
                else if (isNumberKey(childKey))
                    it.value() = maskNumber(text);
                else
                    it.value() = redactText(text);
            } else if (isTranscriptKey(childKey) && !it.value().isNull()) {
                // A structured transcript or summary: its size is all that is kept.
                const QByteArray bytes = QJsonDocument::fromVariant(it.value().toVariant()).toJson();
                it.value() = transcriptMask(QString::fromUtf8(bytes).size());
            } else {
                it.value() =
                    redactValue(it.value(), childKey, inMessages || childKey.startsWith(QStringLiteral("messages")));
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = redactValue(array.at(i), key, inMessages);
        return array;
    }
    if (value.isString())
        return inMessages ? QJsonValue(transcriptMask(value.toString().size()))
                          : QJsonValue(redactText(value.toString()));
    return value;
}

QByteArray ExchangeRedactor::redactBody(const QByteArray &body)
{
    if (body.isEmpty())
        return body;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray())) {
        const QJsonValue root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        collectNames(root, {});
        const QJsonValue redacted = redactValue(root, {}, false);
        return (redacted.isObject() ? QJsonDocument(redacted.toObject()) : QJsonDocument(redacted.toArray()))
            .toJson(QJsonDocument::Compact);
    }
    // Not JSON: numbers and the names seen so far are masked in the text.
    return redactText(QString::fromUtf8(body)).toUtf8();
}

base::HeaderList ExchangeRedactor::redactHeaders(const base::HeaderList &headers)
{
    base::HeaderList result;
    result.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (isSecretHeader(name))
            result.append({name, QByteArrayLiteral("[redacted]")});
        else
            result.append({name, redactText(QString::fromUtf8(value)).toUtf8()});
    }
    return result;
}

ExchangeRecord ExchangeRedactor::redact(const ExchangeRecord &record)
{
    ExchangeRecord result = record;
    // Names first, from both bodies, so a name the answer uses before the request names it is masked too.
    for (const QByteArray *body : {&record.request.body, &record.responseBody}) {
        const QJsonDocument document = QJsonDocument::fromJson(*body);
        if (document.isObject())
            collectNames(document.object(), {});
    }
    result.callerNumber = maskNumber(record.callerNumber);
    result.calledNumber = maskNumber(record.calledNumber);
    result.request.body = redactBody(record.request.body);
    result.request.headers = redactHeaders(record.request.headers);
    result.request.target = redactText(QString::fromUtf8(record.request.target)).toUtf8();
    result.url = redactText(record.url);
    result.responseBody = redactBody(record.responseBody);
    result.responseHeaders = redactHeaders(record.responseHeaders);
    // The signed string is the body again, with the timestamp: nothing in it is needed once the body is masked.
    if (!result.signedString.isEmpty())
        result.signedString = QByteArrayLiteral("[redacted]");
    result.spokenFirst = redactText(record.spokenFirst);
    result.error = redactText(record.error);
    result.signatureDiagnosis = redactText(record.signatureDiagnosis);
    if (result.forwarded) {
        result.forwarded->requestHeaders = redactHeaders(record.forwarded->requestHeaders);
        result.forwarded->responseHeaders = redactHeaders(record.forwarded->responseHeaders);
        result.forwarded->responseBody = redactBody(record.forwarded->responseBody);
        result.forwarded->upstreamUrl = redactText(record.forwarded->upstreamUrl);
        result.forwarded->error = redactText(record.forwarded->error);
    }
    return result;
}

} // namespace dockside::history
