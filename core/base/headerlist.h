// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace dockside::base {

// HTTP headers in the order they came, names as sent: a capture tool must not normalise them.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

} // namespace dockside::base
