// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"
#include "rendercontext.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::templating {

// What one {{name}} stands for: a JSON value, text to keep as written, or why there is no value.
struct PlaceholderValue {
    enum class Kind { Value, KeepVerbatim, Missing };
    Kind kind = Kind::Missing;
    QJsonValue value;
    QString error; // for Missing: "no contact for +31612345678 in the contact book"
};

// name is the trimmed text between the braces:
//   now, uuid, call.<field> (message.call.<field>), contact.<field>, request.header.<Name>,
//   request.body.<path>, and any other dotted path into the body (message.customer.number,
//   message.tool_call_list.0.id). schema, transcript and ended_reason are the platform's own analysis
//   placeholders (CONTRACT.md section 3) and stay as written.
PlaceholderValue resolvePlaceholder(QStringView name, const RenderContext &context);
// The text a contact text placeholder ("contact.name") stands for, without a QJsonValue: resolvePlaceholder's value
// for it, read straight from the contact; nullptr for any other placeholder or when there is no contact.
const QString *contactText(QStringView name, const RenderContext &context);

// The platform's own analysis placeholders (CONTRACT.md section 3): schema, transcript, ended_reason. A template
// keeps them as written so the platform fills them in.
QStringList platformPlaceholderNames();

// The names an editor can offer: the fixed ones, contact fields, and every path in the sample body and
// every header of the sample request.
QStringList placeholderNames(const QJsonValue &sampleBody = QJsonValue(QJsonValue::Undefined),
                             const base::HeaderList &sampleHeaders = {});

} // namespace dockside::templating
