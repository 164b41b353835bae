#include "qtprinters.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using dockside::secrets::SecretStore;

namespace {

const auto kModeVariable = "DOCKSIDE_KEYCHAIN_TEST_MODE";

// Runs one test of this binary again in a private D-Bus session: with an unlocked gnome-keyring ("keyring"), or with
// no Secret Service at all ("none"). The test starts the keychain it needs; nothing on the machine is touched.
int runInPrivateSession(const char *mode, const QString &testName, QByteArray *output)
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
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
}

bool isMode(const char *mode)
{
    return qgetenv(kModeVariable) == mode;
}

} // namespace

TEST(SecretStore, WritesReadsAndRemovesInARealKeychain)
{
    if (!isMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(
            runInPrivateSession("keyring", QStringLiteral("SecretStore.WritesReadsAndRemovesInARealKeychain"), &output),
            0)
            << output.toStdString();
        return;
    }
    SecretStore store(QStringLiteral("Dockside tests"));
    QSignalSpy written(&store, &SecretStore::secretWritten);
    QSignalSpy read(&store, &SecretStore::secretRead);
    QSignalSpy missing(&store, &SecretStore::secretMissing);
    QSignalSpy removed(&store, &SecretStore::secretRemoved);
    QSignalSpy failed(&store, &SecretStore::failed);

    store.write(QStringLiteral("webhook-secret"), QByteArrayLiteral("whsec_in_the_keychain"));
    ASSERT_TRUE(written.wait(10000)) << (failed.isEmpty() ? std::string()
                                                          : failed.first().at(1).toString().toStdString());
    store.read(QStringLiteral("webhook-secret"));
    ASSERT_TRUE(read.wait(10000));
    EXPECT_EQ(read.first().at(1).toByteArray(), QByteArray("whsec_in_the_keychain"));

    store.remove(QStringLiteral("webhook-secret"));
    ASSERT_TRUE(removed.wait(10000));
    store.read(QStringLiteral("webhook-secret"));
    ASSERT_TRUE(missing.wait(10000));
    EXPECT_TRUE(failed.isEmpty());
}

TEST(SecretStore, WithoutAKeychainItSaysSoAndOffersTheVariable)
{
    if (!isMode("none")) {
        QByteArray output;
        EXPECT_EQ(runInPrivateSession(
                      "none", QStringLiteral("SecretStore.WithoutAKeychainItSaysSoAndOffersTheVariable"), &output),
                  0)
            << output.toStdString();
        return;
    }
    SecretStore store(QStringLiteral("Dockside tests"));
    QSignalSpy failed(&store, &SecretStore::failed);
    store.write(QStringLiteral("webhook-secret"), QByteArrayLiteral("whsec_nowhere"));
    ASSERT_TRUE(failed.wait(30000));
    const QString message = failed.first().at(1).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("keychain"))) << message.toStdString();
}
