// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "teamdatabase.h"

#include <QObject>
#include <QThread>

namespace dockside::teamhistory {

class TeamListenWorker;

// Hears the team database announce new exchanges (LISTEN, not polling) on its own thread, so a desktop shows what any
// endpoint copied within a moment. A dropped connection is opened again every few seconds; once it is back,
// newExchanges() tells the reader to look, since notifications sent meanwhile were lost.
class TeamListener final : public QObject {
    Q_OBJECT
public:
    static constexpr int kReconnectMs = 3000;

    explicit TeamListener(QObject *parent = nullptr);
    ~TeamListener() override;
    Q_DISABLE_COPY_MOVE(TeamListener)

    void start(const TeamDatabase &database, const QString &password);
    void stop();

Q_SIGNALS:
    /*! New rows up to newestId are readable (0: unknown, read again). */
    void newExchanges(qint64 newestId);
    /*! Listening started or resumed after a failure. */
    void listening();
    /*! The first failure of a streak. */
    void failed(const QString &message);

private:
    QThread m_thread;
    TeamListenWorker *m_worker = nullptr;
};

} // namespace dockside::teamhistory
