// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace dockside::base {

// HTTP headers in the order they came, names as sent: a capture tool must not normalise them.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Header names compare without regard to case (RFC 9110 5.1); names of another length are told apart without reading
// them, which is most comparisons on the request path.
inline bool sameHeaderName(QByteArrayView left, QByteArrayView right)
{
    return left.size() == right.size() && left.compare(right, Qt::CaseInsensitive) == 0;
}

} // namespace dockside::base
