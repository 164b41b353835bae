#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace dockside::composer {

// A value that fits a JSON Schema, for the analysis data of a sample end-of-call report: the first enum value,
// the const, the default, or a plain example of the type; objects get every listed property.
QJsonValue sampleForSchema(const QJsonObject &schema, int depth = 0);

} // namespace dockside::composer
