// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/atomicfile.h"
#include "base/privatefile.h"
#include "history/historyreader.h"
#include "history/historyspool.h"
#include "history/historystore.h"

#include "historyappend.h"
#include "qtprinters.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

#include <sys/stat.h>

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

constexpr int kWaitMs = 10000;

ExchangeRecord makeRecord(int i)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + i;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = QByteArrayLiteral("{\"message\":{\"transcript\":\"private words\"}}");
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8080/webhook");
    record.eventType = QStringLiteral("end-of-call-report");
    record.callerNumber = QStringLiteral("+31612345678");
    record.responseStatus = 200;
    return record;
}

int modeOf(const QString &path)
{
    struct stat status { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return static_cast<int>(status.st_mode & 07777);
}

// Sets the process umask for one test and puts the old one back.
class UmaskScope {
public:
    explicit UmaskScope(mode_t mask)
        : m_previous(::umask(mask))
    {
    }
    ~UmaskScope() { ::umask(m_previous); }
    UmaskScope(const UmaskScope &) = delete;
    UmaskScope &operator=(const UmaskScope &) = delete;

private:
    mode_t m_previous;
};

class HistoryPermissionsTest : public ::testing::TestWithParam<mode_t> {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Every file the history made in the folder, with its mode.
    void expectAllOwnerOnly(const QStringList &mustExist) const
    {
        const QStringList files = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : mustExist)
            EXPECT_TRUE(files.contains(name))
                << name.toStdString() << " was not created; files: " << files.join(QStringLiteral(", ")).toStdString();
        for (const QString &name : files)
            EXPECT_EQ(modeOf(path(name)), 0600) << name.toStdString();
    }

    QTemporaryDir m_dir;
};

TEST_P(HistoryPermissionsTest, EveryFileTheHistoryCreatesIsOwnerOnly)
{
    const UmaskScope umask(GetParam());
    const QString database = path(QStringLiteral("history.sqlite"));
    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
    EXPECT_TRUE(store.openNotice().isEmpty());
    dockside::testing::appendAndWaitForIds(store, {makeRecord(1), makeRecord(2)}, kWaitMs);
    HistoryReader reader;
    ASSERT_TRUE(reader.open(database, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), 2);

    // While open: the database, its write-ahead log and shared memory, and the live spool.
    const QStringList files = QDir(m_dir.path()).entryList(QDir::Files);
    EXPECT_TRUE(std::any_of(files.cbegin(), files.cend(), [](const QString &name) {
        return name.startsWith(QStringLiteral("history.sqlite-spool-"));
    })) << files.join(QStringLiteral(", ")).toStdString();
    expectAllOwnerOnly(
        {QStringLiteral("history.sqlite"), QStringLiteral("history.sqlite-wal"), QStringLiteral("history.sqlite-shm")});
    reader.close();
    store.close();
    expectAllOwnerOnly({QStringLiteral("history.sqlite")});
}

TEST_P(HistoryPermissionsTest, ExportsAndWorkspacesAreWrittenOwnerOnly)
{
    const UmaskScope umask(GetParam());
    QString error;
    const QString privateFile = path(QStringLiteral("workspace.dockside.json"));
    ASSERT_TRUE(dockside::base::writeFileAtomically(privateFile, "{}", &error, dockside::base::FileAccess::OwnerOnly))
        << error.toStdString();
    EXPECT_EQ(modeOf(privateFile), 0600);
    // Rewriting a file that others could read narrows it too.
    ASSERT_TRUE(QFile::setPermissions(privateFile, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    ASSERT_TRUE(dockside::base::writeFileAtomically(privateFile, "{ }", &error, dockside::base::FileAccess::OwnerOnly));
    EXPECT_EQ(modeOf(privateFile), 0600);

    const QString folder = path(QStringLiteral("data/dockside"));
    ASSERT_TRUE(dockside::base::ensureOwnerOnlyFolder(folder, &error)) << error.toStdString();
    EXPECT_EQ(modeOf(folder), 0700);
}

INSTANTIATE_TEST_SUITE_P(Umasks, HistoryPermissionsTest, ::testing::Values(mode_t(022), mode_t(000)));

TEST(HistoryPermissions, AWiderHistoryIsNarrowedOnOpenWithANotice)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("history.sqlite"));
    {
        HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
        dockside::testing::appendAndWaitForIds(store, {makeRecord(1)}, kWaitMs);
    }
    // As older versions left it: readable by everyone.
    ASSERT_EQ(::chmod(QFile::encodeName(database).constData(), 0644), 0);
    QFile wal(database + QStringLiteral("-wal"));
    if (!wal.exists()) {
        ASSERT_TRUE(wal.open(QIODevice::WriteOnly));
        wal.close();
    }
    ASSERT_EQ(::chmod(QFile::encodeName(wal.fileName()).constData(), 0644), 0);

    HistoryStore store;
    QString error;
    ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
    EXPECT_TRUE(store.openNotice().contains(QStringLiteral("-rw-r--r--"))) << store.openNotice().toStdString();
    EXPECT_TRUE(store.openNotice().contains(QStringLiteral("readable by you only")))
        << store.openNotice().toStdString();
    EXPECT_EQ(modeOf(database), 0600);
    EXPECT_EQ(modeOf(wal.fileName()), 0600);
    store.close();

    // Once narrowed, the next open has nothing to say.
    ASSERT_TRUE(store.open({database, 0, 0}, &error)) << error.toStdString();
    EXPECT_TRUE(store.openNotice().isEmpty()) << store.openNotice().toStdString();
}

} // namespace
