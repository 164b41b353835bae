// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rendercontext.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dockside::templating {

struct RenderOptions {
    qsizetype maxOutputBytes = 1024 * 1024;
};

struct RenderError {
    QString placeholder; // as written between the braces, trimmed; empty for errors about the whole body
    QString location; // the JSON path in a JSON template ("$.assistant.first_message"); empty for text
    QString message;

    // "$.assistant.first_message: {{contact.name}}: no contact for +31612345678 in the contact book"
    QString describe() const;
    friend bool operator==(const RenderError &, const RenderError &) = default;
};

struct RenderResult {
    QByteArray body;
    QList<RenderError> errors; // when not empty, body is empty: a half-rendered answer is never sent

    bool isOk() const { return errors.isEmpty(); }
};

// Replaces {{name}} placeholders (see resolvePlaceholder). A JSON template is parsed first and only its string
// values are rendered, with every value JSON-escaped, so no caller data can break or extend the JSON; a string
// that is exactly one placeholder takes the value's JSON type (number, bool, object, array, null). A template
// without placeholders comes back byte for byte. Raw templates get plain text substitution.
RenderResult renderBody(const QByteArray &templateBody, bool bodyIsJson, const RenderContext &context,
                        const RenderOptions &options = {});
// Plain text substitution, for raw bodies and header values.
RenderResult renderText(QStringView text, const RenderContext &context, const RenderOptions &options = {});

} // namespace dockside::templating
