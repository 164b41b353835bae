// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// What the tests of the whole window share: scratch settings for a first start, a window with its own history and
// running endpoint, an exchange sent and opened, and a page brought forward.

#include "composer/composerpanel.h"
#include "mainwindow/mainwindow.h"
#include "timeline/timelineview.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace dockside::windowtest {

// QSettings in a folder of its own, empty: the window starts as it does the first time.
class ScratchSettings {
public:
    explicit ScratchSettings(const QString &application)
        : m_organization(QCoreApplication::organizationName())
        , m_application(QCoreApplication::applicationName())
    {
        EXPECT_TRUE(m_directory.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_directory.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_directory.path());
        QCoreApplication::setOrganizationName(QStringLiteral("Dockside UI tests"));
        QCoreApplication::setApplicationName(application);
    }
    ~ScratchSettings()
    {
        QCoreApplication::setOrganizationName(m_organization);
        QCoreApplication::setApplicationName(m_application);
    }
    Q_DISABLE_COPY_MOVE(ScratchSettings)

    QString directory() const { return m_directory.path(); }

private:
    QTemporaryDir m_directory;
    QString m_organization;
    QString m_application;
};

// A window with a history in directory and its endpoint running on a free port, signing with secret.
inline ui::MainWindowOptions liveWindowOptions(const QTemporaryDir &directory, const QByteArray &secret)
{
    ui::MainWindowOptions options;
    options.historyPath = directory.filePath(QStringLiteral("history.sqlite"));
    options.startEndpoint = true;
    options.port = 0;
    options.environmentSecret = secret;
    return options;
}

// Shown and active, so key events go to it.
inline bool showActive(QWidget &window)
{
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

// The composer sends its event and the timeline selects the exchange once it is there (it fills in off the GUI
// thread), so the detail shows it. The endpoint starts on its own thread, after the history opens (a team database
// may take seconds): until it has, the composer has no address to send to.
inline bool sendAndOpenNewest(ui::MainWindow &window, int timeoutMs = 10000)
{
    if (!QTest::qWaitFor([&] { return !window.composer()->targetUrl().isEmpty(); }, timeoutMs))
        return false;
    window.composer()->send();
    if (!QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, timeoutMs))
        return false;
    return QTest::qWaitFor(
        [&] {
            window.timeline()->selectNewest();
            return window.timeline()->currentExchangeId() > 0;
        },
        timeoutMs);
}

// Makes the pages that hold widget current, up to the window, so a tab widget inside a page is seen with its page.
inline void revealPage(QWidget *widget)
{
    for (QWidget *child = widget; child != nullptr && child->parentWidget() != nullptr; child = child->parentWidget()) {
        if (auto *stack = qobject_cast<QStackedWidget *>(child->parentWidget())) {
            if (auto *tabs = qobject_cast<QTabWidget *>(stack->parentWidget()))
                tabs->setCurrentWidget(child);
        }
    }
}

} // namespace dockside::windowtest
