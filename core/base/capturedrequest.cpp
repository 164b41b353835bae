// SPDX-License-Identifier: GPL-3.0-or-later

#include "capturedrequest.h"

namespace dockside::base {

QByteArray CapturedRequest::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray CapturedRequest::rawQuery() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}

std::optional<QByteArray> CapturedRequest::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (sameHeaderName(headerName, name))
            return value;
    }
    return std::nullopt;
}

} // namespace dockside::base
