// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QStringView>

namespace dockside::templating {

// Appends text as a quoted JSON string, byte for byte as QJsonDocument::toJson writes it: the characters below
// U+0020, '"' and '\' escaped (\b \f \n \r \t, else \u00xx), the rest as UTF-8, a surrogate without its pair as
// \uxxxx. The renderer splices values into a template's own serialisation with it, so the answer is the same bytes
// whether it was spliced or written by Qt.
void appendJsonString(QByteArray &out, QStringView text);

} // namespace dockside::templating
