// SPDX-License-Identifier: GPL-3.0-or-later

#include "textmatcher.h"

#include "base/parsing.h"

#include "base/loaderror.h"
#include "contacts/phonenumber.h"

#include <QJsonArray>

namespace dockside::rules {

namespace {

const QString kEquals = QStringLiteral("equals");
const QString kPrefix = QStringLiteral("prefix");
const QString kContains = QStringLiteral("contains");
const QString kIn = QStringLiteral("in");
const QString kRegex = QStringLiteral("regex");
const QString kExists = QStringLiteral("exists");

} // namespace

QStringList TextMatcher::jsonKeys()
{
    return {kEquals, kPrefix, kContains, kIn, kRegex, kExists};
}

std::optional<TextMatcher> TextMatcher::fromJson(const QJsonObject &condition, const QString &conditionPath,
                                                 bool normalizeNumbers, QList<base::LoadError> &errors)
{
    std::optional<TextMatcher> matcher = read(condition, conditionPath, normalizeNumbers, errors);
    if (matcher) {
        matcher->m_matchedText = matcher->describeUncached(true);
        matcher->m_unmatchedText = matcher->describeUncached(false);
    }
    return matcher;
}

std::optional<TextMatcher> TextMatcher::read(const QJsonObject &condition, const QString &conditionPath,
                                             bool normalizeNumbers, QList<base::LoadError> &errors)
{
    QStringList present;
    for (const QString &key : jsonKeys()) {
        if (condition.contains(key))
            present.append(key);
    }
    if (present.size() != 1) {
        base::parsing::fail(
            errors, conditionPath,
            present.isEmpty()
                ? QStringLiteral("Expected one way to compare: \"equals\", \"prefix\", \"contains\", "
                                 "\"in\", \"regex\" or \"exists\".")
                : QStringLiteral("Expected one way to compare; got %1.").arg(present.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    const QString key = present.first();
    const QString path = base::parsing::child(conditionPath, key);
    const QJsonValue value = condition.value(key);
    auto text = [&](const QString &raw) { return normalizeNumbers ? contacts::normalizePhoneNumber(raw) : raw; };

    TextMatcher matcher;
    if (key == kExists) {
        if (value != QJsonValue(true)) {
            base::parsing::fail(errors, path,
                                QStringLiteral("Expected true (use \"negate\": true for \"is absent\"); got %1.")
                                    .arg(base::parsing::describe(value)));
            return std::nullopt;
        }
        matcher.m_mode = Mode::Exists;
        return matcher;
    }
    if (key == kIn) {
        const QJsonArray array = value.toArray();
        if (!value.isArray() || array.isEmpty()) {
            base::parsing::fail(
                errors, path,
                QStringLiteral("Expected a non-empty array of strings; got %1.").arg(base::parsing::describe(value)));
            return std::nullopt;
        }
        bool valid = true;
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString() || array.at(i).toString().isEmpty()) {
                base::parsing::fail(
                    errors, base::parsing::index(path, i),
                    QStringLiteral("Expected a non-empty string; got %1.").arg(base::parsing::describe(array.at(i))));
                valid = false;
                continue;
            }
            matcher.m_values.append(text(array.at(i).toString()));
        }
        if (!valid)
            return std::nullopt;
        matcher.m_mode = Mode::AnyOf;
        return matcher;
    }
    if (!value.isString() || value.toString().isEmpty()) {
        base::parsing::fail(errors, path,
                            QStringLiteral("Expected a non-empty string; got %1.").arg(base::parsing::describe(value)));
        return std::nullopt;
    }
    if (key == kRegex) {
        matcher.m_regex = QRegularExpression(value.toString());
        if (!matcher.m_regex.isValid()) {
            base::parsing::fail(errors, path,
                                QStringLiteral("Not a valid regular expression: %1 at character %2 of %3.")
                                    .arg(matcher.m_regex.errorString())
                                    .arg(matcher.m_regex.patternErrorOffset() + 1)
                                    .arg(base::parsing::quoted(value.toString())));
            return std::nullopt;
        }
        matcher.m_mode = Mode::Regex;
        matcher.m_values = {value.toString()};
        return matcher;
    }
    matcher.m_mode = key == kEquals ? Mode::Equals : key == kPrefix ? Mode::Prefix : Mode::Contains;
    matcher.m_values = {text(value.toString())};
    return matcher;
}

void TextMatcher::writeJson(QJsonObject &condition) const
{
    switch (m_mode) {
    case Mode::Equals:
        condition.insert(kEquals, m_values.value(0));
        break;
    case Mode::Prefix:
        condition.insert(kPrefix, m_values.value(0));
        break;
    case Mode::Contains:
        condition.insert(kContains, m_values.value(0));
        break;
    case Mode::AnyOf:
        condition.insert(kIn, QJsonArray::fromStringList(m_values));
        break;
    case Mode::Regex:
        condition.insert(kRegex, m_values.value(0));
        break;
    case Mode::Exists:
        condition.insert(kExists, true);
        break;
    }
}

bool TextMatcher::matches(const std::optional<QString> &text) const
{
    if (!text)
        return false;
    switch (m_mode) {
    case Mode::Equals:
        return *text == m_values.value(0);
    case Mode::Prefix:
        return text->startsWith(m_values.value(0));
    case Mode::Contains:
        return text->contains(m_values.value(0));
    case Mode::AnyOf:
        return m_values.contains(*text);
    case Mode::Regex:
        return m_regex.match(*text).hasMatch();
    case Mode::Exists:
        return true;
    }
    return false;
}

QString TextMatcher::describeUncached(bool matched) const
{
    const QString value = base::parsing::quoted(m_values.value(0));
    switch (m_mode) {
    case Mode::Equals:
        return (matched ? QStringLiteral("is ") : QStringLiteral("is not ")) + value;
    case Mode::Prefix:
        return (matched ? QStringLiteral("starts with ") : QStringLiteral("does not start with ")) + value;
    case Mode::Contains:
        return (matched ? QStringLiteral("contains ") : QStringLiteral("does not contain ")) + value;
    case Mode::AnyOf: {
        QStringList values;
        for (const QString &item : m_values)
            values.append(base::parsing::quoted(item));
        return (matched ? QStringLiteral("is in the list [") : QStringLiteral("is not in the list [")) +
            values.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Mode::Regex:
        return (matched ? QStringLiteral("matches /") : QStringLiteral("does not match /")) + m_values.value(0) +
            QLatin1Char('/');
    case Mode::Exists:
        return matched ? QStringLiteral("is present") : QStringLiteral("is absent");
    }
    return QString();
}

} // namespace dockside::rules
