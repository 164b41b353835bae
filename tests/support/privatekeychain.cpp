// SPDX-License-Identifier: GPL-3.0-or-later

#include "privatekeychain.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace dockside::testing {

namespace {
const auto kModeVariable = "DOCKSIDE_KEYCHAIN_TEST_MODE";
}

int runInPrivateKeychainSession(const char *mode, const QString &testName, QByteArray *output)
{
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    environment.insert(QLatin1String(kModeVariable), QLatin1String(mode));
    const QString startKeyring = qstrcmp(mode, "keyring") == 0
        ? QStringLiteral("printf dockside-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ")
        : QString();
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QStringLiteral("dbus-run-session"),
                {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                 startKeyring + QStringLiteral("exec \"$0\" --gtest_filter=\"$1\""),
                 QCoreApplication::applicationFilePath(), testName});
    if (!child.waitForFinished(60000)) {
        child.kill();
        child.waitForFinished();
        *output = "timed out\n" + child.readAll();
        return -1;
    }
    *output = child.readAll();
    if (child.exitStatus() != QProcess::NormalExit)
        return -1;
    // A filter that matches nothing passes: a renamed test must not turn its parent green.
    if (child.exitCode() == 0 && !output->contains("[  PASSED  ] 1 test.")) {
        *output += "\nthe child ran no test: no test is called " + testName.toUtf8() + "\n";
        return -1;
    }
    return child.exitCode();
}

bool isPrivateKeychainMode(const char *mode)
{
    return qgetenv(kModeVariable) == mode;
}

} // namespace dockside::testing
