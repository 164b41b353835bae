// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace dockside::testing {

// Runs one test of the current binary again inside a private D-Bus session: with an unlocked gnome-keyring
// ("keyring") or with no Secret Service at all ("none"). Nothing on the machine is touched. Returns the
// child's exit code (-1 when it timed out, crashed or ran no test: a renamed test must fail, not pass) and its
// output.
int runInPrivateKeychainSession(const char *mode, const QString &testName, QByteArray *output);
// True inside the child that runInPrivateKeychainSession started with this mode.
bool isPrivateKeychainMode(const char *mode);

} // namespace dockside::testing
