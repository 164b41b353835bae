// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingcallers.h"

#include "contacts/phonenumber.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace dockside::routing {

namespace {

// "^\+(49|43|41)" → +49, +43, +41; "^\+3120" → +3120; anything else → nothing.
QStringList prefixesOfRegex(const QString &pattern)
{
    static const QRegularExpression head(
        QStringLiteral("^\\^(?:\\\\\\+|\\[\\+\\])(?:(\\d+)|\\((?:\\?:)?((?:\\d+\\|)*\\d+)\\))"));
    const QRegularExpressionMatch match = head.match(pattern);
    if (!match.hasMatch())
        return {};
    const QString digits = match.captured(1);
    const QStringList alternatives =
        digits.isEmpty() ? match.captured(2).split(QLatin1Char('|')) : QStringList {digits};
    QStringList prefixes;
    for (const QString &alternative : alternatives)
        prefixes.append(QLatin1Char('+') + alternative);
    return prefixes;
}

bool isPhoneNumber(const QString &normalized)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+?\\d{3,15}$"));
    return pattern.match(normalized).hasMatch();
}

} // namespace

QStringList callerPrefixes(const rules::RuleSet &rules)
{
    QStringList prefixes;
    for (const rules::Rule &rule : rules.rules()) {
        for (const rules::Condition &condition : rule.conditions) {
            if (condition.kind() != rules::Condition::Kind::Caller)
                continue;
            const QJsonObject json = condition.toJson();
            QStringList found;
            if (json.contains(QStringLiteral("prefix"))) {
                const QString prefix = contacts::normalizePhoneNumber(json.value(QStringLiteral("prefix")).toString());
                if (prefix.startsWith(QLatin1Char('+')) && prefix.size() > 1)
                    found.append(prefix);
            } else if (json.contains(QStringLiteral("regex"))) {
                found = prefixesOfRegex(json.value(QStringLiteral("regex")).toString());
            }
            for (const QString &prefix : std::as_const(found))
                if (!prefixes.contains(prefix))
                    prefixes.append(prefix);
        }
    }
    return prefixes;
}

QString unknownNumberFor(const QString &prefix, const contacts::ContactBook &book)
{
    // Twelve digits after the +, as most mobile numbers have; counted up until no contact has it.
    QString number = prefix + QStringLiteral("5550100000");
    number.truncate(std::max<qsizetype>(prefix.size() + 4, 13));
    while (number.size() < 13)
        number += QLatin1Char('0');
    qint64 suffix = 0;
    QString candidate = number;
    while (book.contains(candidate)) {
        ++suffix;
        const QString tail = QString::number(suffix);
        candidate = number.left(number.size() - tail.size()) + tail;
    }
    return candidate;
}

QStringList parseNumberList(const QString &text, QStringList *problems)
{
    QStringList numbers;
    static const QRegularExpression separators(QStringLiteral("[,;\\n\\r\\t]+"));
    for (const QString &line : text.split(separators, Qt::SkipEmptyParts)) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        // One number with spaces in it, or several separated by spaces.
        QStringList pieces {trimmed};
        if (!isPhoneNumber(contacts::normalizePhoneNumber(trimmed)))
            pieces = trimmed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &piece : std::as_const(pieces)) {
            const QString normalized = contacts::normalizePhoneNumber(piece);
            if (!isPhoneNumber(normalized)) {
                if (problems != nullptr)
                    problems->append(
                        QStringLiteral("“%1” is not a phone number (expected digits, like +31612345678)").arg(piece));
                continue;
            }
            if (!numbers.contains(normalized))
                numbers.append(normalized);
        }
    }
    return numbers;
}

QList<RoutingCaller> buildCallers(const workspace::Workspace &workspace, const QStringList &typedNumbers)
{
    QList<RoutingCaller> callers;
    QSet<QString> seen;
    for (const contacts::Contact &contact : workspace.contacts.contacts()) {
        if (seen.contains(contact.number))
            continue;
        seen.insert(contact.number);
        callers.append({contact.number, contact.name.isEmpty() ? QStringLiteral("contact") : contact.name,
                        RoutingCaller::Source::Contact});
    }
    for (const QString &typed : typedNumbers) {
        const QString number = contacts::normalizePhoneNumber(typed);
        if (number.isEmpty() || seen.contains(number))
            continue;
        seen.insert(number);
        callers.append({number, QStringLiteral("typed"), RoutingCaller::Source::Typed});
    }
    for (const QString &prefix : callerPrefixes(workspace.rules)) {
        const QString number = unknownNumberFor(prefix, workspace.contacts);
        if (seen.contains(number))
            continue;
        seen.insert(number);
        callers.append({number, QStringLiteral("unknown ") + prefix, RoutingCaller::Source::UnknownForPrefix});
    }
    return callers;
}

QList<RoutingCaller> mergeCallers(const QList<RoutingCaller> &first, const QList<RoutingCaller> &second)
{
    QList<RoutingCaller> merged = first;
    QSet<QString> seen;
    for (const RoutingCaller &caller : first)
        seen.insert(caller.number);
    for (const RoutingCaller &caller : second) {
        if (!seen.contains(caller.number)) {
            seen.insert(caller.number);
            merged.append(caller);
        }
    }
    return merged;
}

} // namespace dockside::routing
