// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::base {

// An RFC 6901 JSON Pointer: "" is the whole document, "/a/b~1c" is key "b/c" inside "a" (~1 is "/", ~0 is "~").
class JsonPointer {
public:
    // nullopt with a reason in error when the text is not a pointer.
    static std::optional<JsonPointer> parse(const QString &text, QString &error);

    // nullopt when the pointer names nothing in document.
    std::optional<QJsonValue> resolve(const QJsonValue &document) const;
    const QString &text() const { return m_text; }

    friend bool operator==(const JsonPointer &, const JsonPointer &) = default;

private:
    QString m_text;
    QStringList m_tokens;
};

} // namespace dockside::base
