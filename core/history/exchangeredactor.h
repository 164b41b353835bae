// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QHash>
#include <QJsonValue>
#include <QSet>
#include <QString>

namespace dockside::history {

// Masks the personal data in exchanges for an export that leaves the machine: phone numbers keep their country code
// and last two digits ("+31 •••••••78"), contact names become "Contact 1", transcripts and summaries "[redacted:
// 1,234 characters]", signature and credential headers "[redacted]". One redactor serves one export, so the same
// number or name gets the same mask in every exchange of it and a call's flow stays readable.
class ExchangeRedactor final {
public:
    // What a redacted file says about itself (HAR "comment", JSON "redaction").
    static QString notice();

    ExchangeRedactor() = default;

    /*! Names the workspace's contacts carry: masked wherever they appear (a greeting a template filled in, say). */
    void addKnownNames(const QStringList &names);

    ExchangeRecord redact(const ExchangeRecord &record);
    /*! Free text such as a log line: numbers and the names seen so far are masked. */
    QString redactText(const QString &text);

    /*! The mask of one number, the same for the same number every time; different numbers never share one. */
    QString maskNumber(const QString &number);
    QString pseudonym(const QString &name);

    static QString transcriptMask(qsizetype characters);
    /*! Headers whose value is a secret or proves one: the signature, Authorization, cookies, API keys. */
    static bool isSecretHeader(const QByteArray &name);

private:
    QByteArray redactBody(const QByteArray &body);
    base::HeaderList redactHeaders(const base::HeaderList &headers);
    void collectNames(const QJsonValue &value, QStringView key);
    QJsonValue redactValue(const QJsonValue &value, QStringView key, bool inMessages);

    QHash<QString, QString> m_numbers; // number as written, digits only with "+", to its mask
    QSet<QString> m_numberMasks;
    QHash<QString, QString> m_names; // name (and a full name's first name) to "Contact N"
    int m_contacts = 0;
};

} // namespace dockside::history
