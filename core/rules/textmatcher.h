// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/loaderror.h"
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::rules {

// How a condition compares one text (event type, phone number, header value). In JSON exactly one of
// "equals": "x", "prefix": "x", "contains": "x", "in": ["x", "y"], "regex": "^x" or "exists": true.
class TextMatcher {
public:
    enum class Mode { Equals, Prefix, Contains, AnyOf, Regex, Exists };

    // Reads the matcher keys of a condition object. With normalizeNumbers the texts are phone numbers and
    // get the contact book's normalisation, so "+31 6 1234 5678" in a rule matches "+31612345678".
    static std::optional<TextMatcher> fromJson(const QJsonObject &condition, const QString &conditionPath,
                                               bool normalizeNumbers, QList<base::LoadError> &errors);
    static QStringList jsonKeys();
    void writeJson(QJsonObject &condition) const;

    // A regex searches anywhere in the text (anchor it with ^ and $); an absent text matches only nothing.
    bool matches(const std::optional<QString> &text) const;
    // "is one of +31612345678, +31687654321" or, for a failed match, "is not one of ...". Worked out once when
    // read: a rule explains itself for every request.
    const QString &describe(bool matched) const { return matched ? m_matchedText : m_unmatchedText; }

    Mode mode() const { return m_mode; }
    friend bool operator==(const TextMatcher &, const TextMatcher &) = default;

private:
    Mode m_mode = Mode::Equals;
    QStringList m_values;
    QRegularExpression m_regex;
    QString m_matchedText;
    QString m_unmatchedText;

    static std::optional<TextMatcher> read(const QJsonObject &condition, const QString &conditionPath,
                                           bool normalizeNumbers, QList<base::LoadError> &errors);
    QString describeUncached(bool matched) const;
};

} // namespace dockside::rules
