// SPDX-License-Identifier: GPL-3.0-or-later

#include "fuzzentries.h"

#include "qtprinters.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <gtest/gtest.h>

#include <ostream>

namespace dockside::fuzz {
// gtest prints a failing parameter with this instead of its bytes.
void PrintTo(const Target &target, std::ostream *stream)
{
    *stream << target.name;
}
} // namespace dockside::fuzz

namespace {

using dockside::fuzz::Target;

QStringList filesUnder(const QString &directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

int replay(const Target &target, const QString &directory)
{
    int replayed = 0;
    for (const QString &path : filesUnder(directory)) {
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
        const QByteArray input = file.readAll();
        const QString failure = target.entry(input);
        EXPECT_TRUE(failure.isEmpty()) << path.toStdString() << ": " << failure.toStdString();
        ++replayed;
    }
    return replayed;
}

class FuzzReplay : public ::testing::TestWithParam<Target> { };

} // namespace

// Every committed seed and every input a fuzzer ever found runs through the same entry as the fuzzer's.
TEST_P(FuzzReplay, EverySeedAndEveryFindingHolds)
{
    const QString root = QStringLiteral(DOCKSIDE_FUZZ_DIR "/");
    const QString name = QString::fromLatin1(GetParam().name);
    EXPECT_GT(replay(GetParam(), root + QStringLiteral("corpus/") + name), 0)
        << "no seed corpus for " << GetParam().name;
    replay(GetParam(), root + QStringLiteral("regressions/") + name);
}

TEST(FuzzEntries, EveryTargetHasItsFuzzerSource)
{
    for (const Target &target : dockside::fuzz::targets())
        EXPECT_TRUE(QFile::exists(QStringLiteral(DOCKSIDE_FUZZ_DIR "/") + QString::fromLatin1(target.name) +
                                  QStringLiteral("_fuzzer.cpp")))
            << target.name;
}

TEST(FuzzEntries, ATemplatePastTheLimitIsACleanErrorForTheEntry)
{
    // 2 x 9000 bytes of caller data is past the entry's 16 KiB limit: an error and no body, which is what holds.
    const QByteArray input = QByteArray("{\"a\": \"{{message.x}}{{message.x}}\"}") + '\0' + "{\"message\": {\"x\": \"" +
        QByteArray(9000, 'x') + "\"}}";
    EXPECT_TRUE(dockside::fuzz::templateEntry(input).isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Fuzz, FuzzReplay, ::testing::ValuesIn(dockside::fuzz::targets()),
                         [](const ::testing::TestParamInfo<Target> &targetInfo) {
                             return std::string(targetInfo.param.name);
                         });
