// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::base {

// The known key an unknown one most likely meant: the same words in another spelling (firstMessage, First_Message
// and first-message all mean first_message), or a small typo (frist_message). nullopt when none is near enough to
// suggest without guessing.
std::optional<QString> nearestKey(const QString &unknown, const QStringList &known);

// " Did you mean "first_message"?" when a key is near, else empty: appended to an unknown-key message.
QString didYouMean(const QString &unknown, const QStringList &known);

} // namespace dockside::base
