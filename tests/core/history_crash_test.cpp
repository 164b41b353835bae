// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historyreader.h"
#include "history/historystore.h"

#include "qtprinters.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdio>

namespace {

using dockside::history::ExchangeRecord;
using dockside::history::HistoryOptions;
using dockside::history::HistoryReader;
using dockside::history::HistoryStore;

// The child test runs only when this names its database: the parent test starts this binary again with it set.
constexpr auto kChildDatabaseVariable = "DOCKSIDE_HISTORY_CRASH_DATABASE";
constexpr int kAnsweredBeforeKill = 3000;

QByteArray bodyFor(int sequence)
{
    return QByteArrayLiteral("{\"sequence\":") + QByteArray::number(sequence) + QByteArrayLiteral(",\"pad\":\"") +
        QByteArray(200, 'x') + QByteArrayLiteral("\"}");
}

ExchangeRecord recordFor(int sequence)
{
    ExchangeRecord record;
    record.request.receivedAtUs = 1'700'000'000'000'000 + sequence;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/webhook");
    record.request.body = bodyFor(sequence);
    record.eventType = QStringLiteral("assistant-request");
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{\"ok\":true}");
    return record;
}

// Plays the mock endpoint under load: keeps appending, and "answers" (prints) each request once it is durable.
TEST(HistoryCrashChild, AppendsUntilKilled)
{
    const QByteArray path = qgetenv(kChildDatabaseVariable);
    if (path.isEmpty())
        GTEST_SKIP() << "runs only as the child of HistoryCrash.SigkillLosesNoAnsweredRequest";
    HistoryStore store;
    HistoryOptions options;
    options.databasePath = QString::fromLocal8Bit(path);
    QString error;
    ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
    int sequence = 0;
    int inFlight = 0;
    QElapsedTimer guard;
    guard.start();
    while (guard.elapsed() < 60'000) { // the parent kills us long before; this only bounds an orphan
        while (inFlight < 200) {
            const int current = sequence++;
            ++inFlight;
            store.append(recordFor(current), [current, &inFlight](bool stored) {
                --inFlight;
                if (stored) {
                    std::printf("durable %d\n", current);
                    std::fflush(stdout);
                }
            });
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    FAIL() << "the parent never killed this process";
}

TEST(HistoryCrash, SigkillLosesNoAnsweredRequest)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kChildDatabaseVariable), path);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--gtest_filter=HistoryCrashChild.*")});
    ASSERT_TRUE(child.waitForStarted(10'000)) << child.errorString().toStdString();

    QSet<int> answered; // sequences
    QByteArray pending;
    const auto readAnswers = [&] {
        pending += child.readAllStandardOutput();
        qsizetype newline = 0;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QList<QByteArray> fields = pending.left(newline).split(' ');
            pending.remove(0, newline + 1);
            if (fields.size() == 2 && fields.at(0) == "durable")
                answered.insert(fields.at(1).toInt());
        }
    };
    QElapsedTimer timer;
    timer.start();
    while (answered.size() < kAnsweredBeforeKill && timer.elapsed() < 30'000 && child.state() == QProcess::Running) {
        child.waitForReadyRead(1000);
        readAnswers();
    }
    ASSERT_GE(answered.size(), kAnsweredBeforeKill) << "the child answered too little before the deadline";
    child.kill(); // SIGKILL: no destructor, no close(), no final checkpoint
    ASSERT_TRUE(child.waitForFinished(10'000));
    EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);
    readAnswers(); // answers printed before the kill count too

    // The next store to open the file copies the dead process's spool into SQLite; closing it waits for the copy.
    QString error;
    {
        HistoryStore store;
        HistoryOptions options;
        options.databasePath = path;
        ASSERT_TRUE(store.open(options, &error)) << error.toStdString();
        store.close();
    }
    EXPECT_TRUE(QDir(dir.path()).entryList({QStringLiteral("history.sqlite-spool-*")}).isEmpty());
    HistoryReader reader;
    ASSERT_TRUE(reader.open(path, &error)) << error.toStdString();
    EXPECT_GE(reader.count({}), answered.size());
    QSet<QByteArray> stored;
    for (const auto &summary : reader.page({}, 0, int(reader.count({})), Qt::AscendingOrder)) {
        if (const auto record = reader.load(summary.id))
            stored.insert(record->request.body);
    }
    int missing = 0;
    for (const int sequence : std::as_const(answered))
        missing += stored.contains(bodyFor(sequence)) ? 0 : 1;
    EXPECT_EQ(missing, 0) << "of " << answered.size() << " answered requests";
}

} // namespace
