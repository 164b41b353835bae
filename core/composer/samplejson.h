// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace dockside::composer {

// A value that fits a JSON Schema, for sample analysis data and sample tool arguments: the const, the first enum
// value, the first example, the default, or a plausible value of the type (a string's format or property name
// picks the sample: a date, an e-mail address, a phone number, an order id); objects get every listed and every
// required property, arrays minItems items (at least one). Depth is bounded, so a self-referencing schema ends.
QJsonValue sampleForSchema(const QJsonObject &schema, int depth = 0);

// The arguments of a tool call that fit a function tool's parameters schema (an object schema); {} for a tool
// without parameters or with a schema that is not an object.
QJsonObject sampleArgumentsFor(const QJsonObject &parametersSchema);

} // namespace dockside::composer
