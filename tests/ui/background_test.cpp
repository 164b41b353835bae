// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/background.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

using dockside::ui::runInBackground;

TEST(RunInBackground, DoneGetsTheResultOnTheGuiThread)
{
    QObject owner;
    QThread *workThread = nullptr;
    QThread *doneThread = nullptr;
    int result = 0;
    QSignalSpy finished(&owner, &QObject::objectNameChanged);
    runInBackground(
        &owner,
        [&workThread] {
            workThread = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            doneThread = QThread::currentThread();
            result = value;
            owner.setObjectName(QStringLiteral("done"));
        });
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_EQ(result, 42);
    EXPECT_EQ(doneThread, owner.thread());
    EXPECT_NE(workThread, owner.thread()) << "the work ran off the GUI thread";
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(owner.findChildren<QObject *>().isEmpty()) << "nothing is left behind on the owner";
}

TEST(RunInBackground, DestroyingTheOwnerWaitsForTheWorkAndSkipsDone)
{
    QSemaphore started;
    QSemaphore release;
    auto finishedWork = std::make_shared<std::atomic_bool>(false);
    bool doneCalled = false;
    auto owner = std::make_unique<QObject>();
    runInBackground(
        owner.get(),
        [&started, &release, finishedWork] {
            started.release();
            release.acquire();
            *finishedWork = true;
            return QStringLiteral("late");
        },
        [&doneCalled](const QString &) { doneCalled = true; });
    ASSERT_TRUE(started.tryAcquire(1, 5000)) << "the work is running";
    // Let the work go only once the owner's destruction is under way; it must wait for it.
    QObject::connect(owner.get(), &QObject::destroyed, [&release] { release.release(); });
    owner.reset();
    EXPECT_TRUE(*finishedWork) << "the owner's destruction waited for the work";
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    EXPECT_FALSE(doneCalled);
}

TEST(RunInBackground, VoidWorkCallsDoneWithoutAResult)
{
    QObject owner;
    std::atomic_bool ran = false;
    QSignalSpy finished(&owner, &QObject::objectNameChanged);
    runInBackground(
        &owner, [&ran] { ran = true; }, [&owner] { owner.setObjectName(QStringLiteral("done")); });
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_TRUE(ran);
}
