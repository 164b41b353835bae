// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace dockside::ui {

namespace detail {

// Deleted with its owner, it waits for the work first: no work outlives the object that started it.
template<class Result> class BackgroundWatcher final : public QFutureWatcher<Result> {
public:
    explicit BackgroundWatcher(QObject *owner)
        : QFutureWatcher<Result>(owner)
    {
    }
    // Never pair with takeResult: that resets the future, and this wait would never end.
    ~BackgroundWatcher() override { this->waitForFinished(); }
    Q_DISABLE_COPY_MOVE(BackgroundWatcher)
};

} // namespace detail

// Runs work() on a pool thread, then done(result) on owner's thread if owner still exists. Destroying owner waits
// for work that is running, after owner's subclass destructor has run: work takes copies and never reads owner
// (posting to it is safe).
template<class Work, class Done> void runInBackground(QObject *owner, Work &&work, Done &&done)
{
    using Result = std::invoke_result_t<std::decay_t<Work> &>;
    auto *watcher = new detail::BackgroundWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         if constexpr (std::is_void_v<Result>)
                             done();
                         else
                             done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::forward<Work>(work)));
}

} // namespace dockside::ui
