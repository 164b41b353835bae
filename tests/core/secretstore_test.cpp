// SPDX-License-Identifier: GPL-3.0-or-later

#include "privatekeychain.h"
#include "qtprinters.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QSignalSpy>

#include <memory>

#include <gtest/gtest.h>

using dockside::secrets::SecretStore;

using dockside::testing::isPrivateKeychainMode;
using dockside::testing::runInPrivateKeychainSession;

TEST(SecretStore, WritesReadsAndRemovesInARealKeychain)
{
    if (!isPrivateKeychainMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(runInPrivateKeychainSession(
                      "keyring", QStringLiteral("SecretStore.WritesReadsAndRemovesInARealKeychain"), &output),
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

TEST(SecretStore, AStoreGoneBeforeTheKeychainAnswersDoesNotTakeTheProcessDown)
{
    if (!isPrivateKeychainMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(runInPrivateKeychainSession(
                      "keyring",
                      QStringLiteral("SecretStore.AStoreGoneBeforeTheKeychainAnswersDoesNotTakeTheProcessDown"),
                      &output),
                  0)
            << output.toStdString();
        return;
    }
    // A window closed while its keychain reads were under way: the reads' answers arrive after the store is gone.
    for (int i = 0; i < 3; ++i) {
        auto gone = std::make_unique<SecretStore>(QStringLiteral("Dockside tests"));
        gone->read(QStringLiteral("webhook-secret"));
        gone->read(QStringLiteral("upstream-secret"));
        QCoreApplication::processEvents(); // the jobs start and ask the keychain
        gone.reset();
    }
    // The keychain answers in order: once a later store hears back, the earlier answers have arrived too.
    SecretStore store(QStringLiteral("Dockside tests"));
    QSignalSpy missing(&store, &SecretStore::secretMissing);
    QSignalSpy failed(&store, &SecretStore::failed);
    store.read(QStringLiteral("upstream-secret"));
    ASSERT_TRUE(missing.wait(10000)) << (failed.isEmpty() ? std::string()
                                                          : failed.first().at(1).toString().toStdString());
}

TEST(SecretStore, WithoutAKeychainItSaysSoAndOffersTheVariable)
{
    if (!isPrivateKeychainMode("none")) {
        QByteArray output;
        EXPECT_EQ(runInPrivateKeychainSession(
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
